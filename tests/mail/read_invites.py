#!/usr/bin/env python3
"""Reads invitation messages the way a mail program does, and says what
each holds, as one JSON object per line:

  python3 read_invites.py [--tsv FIELD,FIELD...] FILE_OR_DIR...

Each message is parsed with Python's email package (strict RFC 5322 /
MIME policy); its inline QR image and its PNG attachment are decoded by
zbarimg; its PDF is checked by pdfinfo and read by pdftotext; its
calendar entry is unfolded and its properties read. With --tsv, prints
only those fields, tab-separated, one line per message ("ics.UID" reads a
calendar property; text with its line ends as spaces). Exits 1 when a
message cannot be parsed at all."""
import email
import email.policy
import email.utils
import json
import os
import re
import subprocess
import sys
import tempfile


def zbar(png):
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(png)
        f.flush()
        out = subprocess.run(["zbarimg", "-q", "--raw", f.name],
                             capture_output=True, text=True)
        return out.stdout.strip()


def pdf_facts(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True,
                              text=True)
        pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        text = subprocess.run(["pdftotext", f.name, "-"],
                              capture_output=True, text=True).stdout
        return {"pdf_ok": info.returncode == 0,
                "pdf_pages": int(pages.group(1)) if pages else 0,
                "pdf_text": " ".join(text.split())}


def calendar(text):
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    props = {}
    lines = unfolded.split("\r\n")
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            props.setdefault(name.split(";")[0], value)
    ok = (lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
          and all(len(l.encode()) <= 75 for l in text.split("\r\n")))
    return {"ics_ok": ok, "ics": props}


def read(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    facts = {
        "to": str(msg["To"]),
        "to_address": email.utils.parseaddr(str(msg["To"]))[1],
        "from": str(msg["From"]),
        "reply_to": str(msg["Reply-To"] or ""),
        "subject": str(msg["Subject"]),
        "message_id": str(msg["Message-ID"]),
        "date_ok": email.utils.parsedate_to_datetime(str(msg["Date"]))
        is not None,
        "language": str(msg["Content-Language"] or ""),
        "defects": sum(len(p.defects) for p in msg.walk()),
        "types": [p.get_content_type() for p in msg.walk()],
        "max_line": max(len(l) for l in raw.split(b"\r\n")),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }
    for part in msg.walk():
        kind = part.get_content_type()
        disposition = part.get_content_disposition()
        if kind == "text/plain":
            facts["text"] = part.get_content()
        elif kind == "text/html":
            html = part.get_content()
            facts["html"] = html
            srcs = re.findall(r'src="([^"]*)"', html)
            facts["html_sources"] = srcs
            facts["remote"] = [s for s in srcs if not s.startswith("cid:")] + \
                re.findall(r"https?://", html)
        elif kind == "image/png" and disposition == "inline":
            facts["inline_cid"] = str(part["Content-ID"])
            facts["inline_qr"] = zbar(part.get_content())
        elif kind == "image/png":
            facts["attached_qr"] = zbar(part.get_content())
        elif kind == "application/pdf":
            facts.update(pdf_facts(part.get_content()))
        elif kind == "text/calendar":
            content = part.get_payload(decode=True).decode("utf-8")
            facts.update(calendar(content))
    return facts


def field(facts, name):
    value = facts
    for part in name.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False)


def main():
    args = sys.argv[1:]
    fields = None
    if args[:1] == ["--tsv"]:
        fields = args[1].split(",")
        args = args[2:]
    paths = []
    for arg in args:
        if os.path.isdir(arg):
            paths += sorted(os.path.join(arg, n) for n in os.listdir(arg)
                            if n.endswith(".eml"))
        else:
            paths.append(arg)
    status = 0
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        try:
            facts = read(raw)
        except Exception as e:  # a message no mail program would read
            facts = {"error": repr(e)}
            status = 1
        facts["file"] = os.path.basename(path)
        if fields:
            print("\t".join(field(facts, f) for f in fields))
        else:
            print(json.dumps(facts, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
