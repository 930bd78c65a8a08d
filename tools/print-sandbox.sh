#!/usr/bin/env bash
# A private CUPS scheduler for tests, benchmarks and trying printing without
# a printer: its own config, spool and socket in DIR, and three queues:
#   entree-pdf    a cups-pdf printer that writes each job as a PDF to DIR/pdf
#   entree-nopaper a printer whose device reports "out of paper" and stops
#   entree-jam    a printer whose device reports a paper jam and stops
# Nothing of the machine's own CUPS is touched, but for one cups-pdf setting
# file (/etc/cups/cups-pdf-<name>.conf, where cups-pdf looks) removed on stop.
# cups-pdf needs root.
#
#   tools/print-sandbox.sh start DIR   prints: CUPS_SERVER=DIR/cups.sock
#   tools/print-sandbox.sh stop DIR
set -euo pipefail

command=${1:-}
dir=${2:-}
if [[ -z $command || -z $dir ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
dir=$(realpath -m "$dir")
tag=entree-$(echo -n "$dir" | md5sum | cut -c1-10)
pdf_conf=/etc/cups/cups-pdf-$tag.conf

stop() {
  if [[ -f $dir/cupsd.pid ]]; then
    kill "$(cat "$dir/cupsd.pid")" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$(cat "$dir/cupsd.pid")" 2>/dev/null || break
      sleep 0.1
    done
    rm -f "$dir/cupsd.pid"
  fi
  rm -f "$pdf_conf"
}

# A backend that takes the job, then reports a printer fault and stops the
# queue, as a label printer does with an empty roll or a jam.
write_fault_backend() {
  local name=$1 reason=$2 message=$3
  cat > "$dir/serverbin/backend/$name" <<BACKEND
#!/bin/sh
if [ \$# -eq 0 ]; then
  echo 'direct $name "Unknown" "Entree test printer: $message"'
  exit 0
fi
cat > /dev/null
echo "STATE: +$reason" >&2
echo "ERROR: $message" >&2
exit 4
BACKEND
  chmod 0755 "$dir/serverbin/backend/$name"
}

# Adds an enabled queue; lpadmin's warning that PPD drivers are deprecated
# is noise here, its errors are not.
add_queue() {
  local output
  if ! output=$(lpadmin -p "$1" -v "$2" -P "$3" -E 2>&1); then
    echo "$0: adding queue $1 failed: $output" >&2
    exit 1
  fi
}

start() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$0: cups-pdf only runs under a root scheduler; run as root" >&2
    exit 1
  fi
  for tool in cupsd lpadmin lpstat; do
    command -v "$tool" >/dev/null || {
      echo "$0: $tool is missing (tools/install-deps.sh installs it)" >&2
      exit 1
    }
  done
  stop
  mkdir -p "$dir"/{spool,cache,state,log,ppd,pdf,serverbin/backend}
  mkdir -p -m 1777 "$dir/tmp"
  chmod 0755 "$dir" "$dir/pdf"
  for entry in /usr/lib/cups/*; do
    [[ $(basename "$entry") == backend ]] && continue
    ln -sfn "$entry" "$dir/serverbin/$(basename "$entry")"
  done
  ln -sfn /usr/lib/cups/backend/cups-pdf "$dir/serverbin/backend/cups-pdf"
  write_fault_backend entree-nopaper media-empty-error "Out of paper"
  write_fault_backend entree-jam media-jam-error "Paper jam"

  cat > "$dir/cupsd.conf" <<CONF
LogLevel info
Listen $dir/cups.sock
Browsing No
WebInterface No
ErrorPolicy stop-printer
JobRetryInterval 1
PreserveJobHistory Yes
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  cat > "$dir/cups-files.conf" <<CONF
ServerRoot $dir
ServerBin $dir/serverbin
RequestRoot $dir/spool
TempDir $dir/tmp
CacheDir $dir/cache
StateDir $dir/state
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
Sandboxing Relaxed
CONF
  cat > "$pdf_conf" <<CONF
Out $dir/pdf
AnonDirName $dir/pdf
Spool $dir/cups-pdf-spool
Log $dir/log
Label 1
UserUMask 0022
AnonUMask 0022
Grp root
CONF

  setsid cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" \
    </dev/null >>"$dir/log/cupsd.out" 2>&1 &
  echo $! >"$dir/cupsd.pid"
  export CUPS_SERVER=$dir/cups.sock
  # lpstat -r exits 0 either way; only its words tell.
  for _ in $(seq 200); do
    [[ $(lpstat -r 2>/dev/null) == "scheduler is running" ]] && break
    sleep 0.05
  done
  if [[ $(lpstat -r 2>/dev/null) != "scheduler is running" ]]; then
    echo "$0: cupsd did not start; see $dir/log" >&2
    exit 1
  fi
  local ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
  add_queue entree-pdf "cups-pdf:/$tag" "$ppd"
  add_queue entree-nopaper entree-nopaper:/ "$ppd"
  add_queue entree-jam entree-jam:/ "$ppd"
  echo "CUPS_SERVER=$dir/cups.sock"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
