#!/usr/bin/python3
"""A private SMTP server for the invitation tests and benchmark (Debian's
python3-aiosmtpd), delivering every message it accepts to a directory.

  smtp_sandbox.py --port P --dir DIR [--cert C --key K [--implicit-tls]]
                  [--user U --password PW] [--temp-fail ADDR=N]...
                  [--perm-fail ADDR]... [--data-delay SECONDS]

Each accepted message is written whole (a temporary name, then a rename)
as DIR/NNNNNN.eml before the server says 250, and a line "RCPT MESSAGE-ID
SECONDS" (the Unix time it was kept) is appended to DIR/deliveries.log.
With --cert and --key the server offers STARTTLS and takes no mail before
it (or, with --implicit-tls, speaks TLS from the start); with --user it
takes mail only after that login. --temp-fail answers the first N
recipients ADDR with 451, --perm-fail answers ADDR with 550. --data-delay
waits after writing a message before saying 250: the window in which a
sender that dies cannot know whether the message arrived. Writes
DIR/ready when it listens; stops on SIGTERM."""
import argparse
import asyncio
import email
import os
import signal
import ssl
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.temp_left = {}
        for spec in args.temp_fail:
            address, times = spec.rsplit("=", 1)
            self.temp_left[address.lower()] = int(times)
        self.perm = {a.lower() for a in args.perm_fail}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, options):
        key = address.lower()
        if key in self.perm:
            return "550 5.1.1 <%s>: no such mailbox here" % address
        if self.temp_left.get(key, 0) > 0:
            self.temp_left[key] -= 1
            return "451 4.7.1 <%s>: greylisted, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        name = "%06d.eml" % number
        temp = os.path.join(self.args.dir, "." + name)
        with open(temp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(temp, os.path.join(self.args.dir, name))
        message = email.message_from_bytes(envelope.original_content or b"")
        with open(os.path.join(self.args.dir, "deliveries.log"), "a") as log:
            for rcpt in envelope.rcpt_tos:
                log.write("%s %s %.3f\n" % (rcpt, message.get("Message-ID", ""),
                                            time.time()))
        if self.args.data_delay > 0:
            await asyncio.sleep(self.args.data_delay)
        return "250 2.0.0 OK queued as %s" % name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--temp-fail", action="append", default=[])
    parser.add_argument("--perm-fail", action="append", default=[])
    parser.add_argument("--data-delay", type=float, default=0)
    args = parser.parse_args()

    kwargs = {"hostname": "127.0.0.1", "port": args.port,
              "data_size_limit": 10 * 1024 * 1024}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.implicit_tls:
            kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
    if args.user:
        def authenticate(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword)
                  and data.login.decode() == args.user
                  and data.password.decode() == args.password)
            return AuthResult(success=ok, handled=False)
        kwargs["authenticator"] = authenticate
        kwargs["auth_required"] = True
        # Under implicit TLS aiosmtpd cannot see the TLS beneath it.
        kwargs["auth_require_tls"] = bool(args.cert) and not args.implicit_tls
    controller = Controller(Handler(args), **kwargs)
    controller.start()
    with open(os.path.join(args.dir, ".ready"), "w") as f:
        f.write(str(args.port))
    os.rename(os.path.join(args.dir, ".ready"), os.path.join(args.dir, "ready"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
