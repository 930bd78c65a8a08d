#!/usr/bin/env bash
# A private PostgreSQL server for sync tests, benchmarks and trying sync
# without a server: its own data directory and socket in DIR, with an empty
# database "entree" owned by the login "entree", which logs in through the
# socket without a password. Every other login (a device's) needs its
# password. PostgreSQL refuses to run as root, so under root the server
# runs as the "postgres" user.
#
# With PORT it also listens on 127.0.0.1:PORT, over TLS when DIR/tls holds
# server.crt and server.key (the tests make their own certificate
# authority).
#
#   tools/pg-sandbox.sh start DIR [PORT]   prints the connection string
#   tools/pg-sandbox.sh stop DIR
#   tools/pg-sandbox.sh kill DIR    as a crash would
set -euo pipefail

command=${1:-}
dir=${2:-}
if [[ -z $command || -z $dir ]]; then
  echo "usage: $0 start|stop|kill DIR" >&2
  exit 2
fi
dir=$(realpath -m "$dir")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z $bin ]]; then
  echo "$0: PostgreSQL is missing (tools/install-deps.sh installs it)" >&2
  exit 1
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case $command in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    port=${3:-}
    if [[ ! -f $dir/data/PG_VERSION ]]; then
      as_owner "$bin/initdb" -D "$dir/data" -A trust -U entree \
        --no-sync -E UTF8 >"$dir/initdb.log" 2>&1
      # Over TCP only TLS when the server has a certificate.
      tcp=host
      [[ -f $dir/tls/server.crt ]] && tcp=hostssl
      printf '%s\n' "local all entree trust" "local all all scram-sha-256" \
        "$tcp all all 127.0.0.1/32 scram-sha-256" |
        as_owner tee "$dir/data/pg_hba.conf" >/dev/null
    fi
    options="-k $dir -c fsync=on"
    if [[ -n $port ]]; then
      options+=" -c listen_addresses=127.0.0.1 -p $port"
      if [[ -f $dir/tls/server.crt ]]; then
        [[ $(id -u) -eq 0 ]] && chown -R postgres: "$dir/tls"
        chmod 600 "$dir/tls/server.key"
        options+=" -c ssl=on -c ssl_cert_file=$dir/tls/server.crt"
        options+=" -c ssl_key_file=$dir/tls/server.key"
      fi
    else
      options+=" -c listen_addresses=''"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "$options" start >/dev/null
    socket_port=${port:+ -p $port}
    as_owner "$bin/createdb" -h "$dir"$socket_port -U entree entree \
      2>/dev/null || true
    echo "host=$dir${port:+ port=$port} dbname=entree user=entree"
    ;;
  stop)
    if [[ -f $dir/data/postmaster.pid ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
  kill)
    # Like a crash or a pulled plug: the server and its backends die at
    # once, mid-transaction; start recovers from the write-ahead log.
    if [[ -f $dir/data/postmaster.pid ]]; then
      pid=$(head -1 "$dir/data/postmaster.pid")
      children=$(pgrep -P "$pid" || true)
      kill -9 "$pid" $children 2>/dev/null || true
      for _ in $(seq 100); do
        kill -0 "$pid" $children 2>/dev/null || break
        sleep 0.05
      done
    fi
    ;;
  *)
    echo "usage: $0 start|stop|kill DIR" >&2
    exit 2
    ;;
esac
