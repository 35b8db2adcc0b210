#!/usr/bin/python3
"""A real SMTP server on loopback for schoolmod's mail tests (Debian python3-aiosmtpd).

Serve mode: listens on 127.0.0.1 on a free port, prints "PORT <n>" once it accepts connections,
and records every accepted message in --dir as NNNN.eml (the raw DATA) and NNNN.json (envelope,
session facts and the message as Python's email package parses it). The .json is renamed into
place last, so a reader that sees it sees a complete pair. Stops on SIGTERM or when its parent
dies.

  smtp_sink.py --dir D [--reject-rcpt ADDR]... [--tempfail-first N]
               [--auth-user U --auth-password P]
               [--tls-cert C --tls-key K [--tls-mode starttls|implicit] [--require-starttls]]

Parse mode: prints the JSON summary of one message file and exits.

  smtp_sink.py --parse FILE
"""

import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_message(raw: bytes) -> dict:
    """What a standards-following reader makes of the message: decoded headers, parts, defects."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [repr(d) for d in msg.defects]
    headers = []
    for name, value in msg.items():
        headers.append([name, str(value)])
        defects.extend(repr(d) for d in getattr(value, "defects", ()))
    addresses = {}
    for field in ("From", "To", "Cc", "Bcc", "Reply-To"):
        value = msg.get(field)
        if value is not None and hasattr(value, "addresses"):
            addresses[field] = [[a.display_name, a.addr_spec] for a in value.addresses]
    parts = []
    for part in msg.walk():
        defects.extend(repr(d) for d in part.defects)
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset() or "",
            "transfer_encoding": str(part.get("Content-Transfer-Encoding", "")),
            # As a reader sees the text: line ends are "\n" whatever the wire used.
            "content": part.get_content().replace("\r\n", "\n"),
        })
    return {
        "content_type": msg.get_content_type(),
        "headers": headers,
        "addresses": addresses,
        "parts": parts,
        "defects": defects,
    }


class Sink:
    def __init__(self, directory, reject, tempfail_first):
        self.directory = directory
        self.reject = {a.lower() for a in reject}
        self.tempfail_left = tempfail_first
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.tempfail_left > 0:
            self.tempfail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        stem = os.path.join(self.directory, "%04d" % self.count)
        raw = envelope.original_content
        with open(stem + ".eml", "wb") as f:
            f.write(raw)
        login = None
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            login = session.auth_data.login.decode("utf-8", "replace")
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "auth_login": login,
            "parsed": parse_message(raw),
        }
        with open(stem + ".json.tmp", "w") as f:
            json.dump(record, f)
        os.rename(stem + ".json.tmp", stem + ".json")
        return "250 2.0.0 OK queued as %04d" % self.count


def make_authenticator(user: bytes, password: bytes):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user
              and auth_data.password == password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return authenticate


async def watch_parent(stop: asyncio.Event, parent: int):
    # The test binary may die without running destructors; never outlive it.
    while not stop.is_set():
        if os.getppid() != parent:
            stop.set()
        await asyncio.sleep(0.5)


async def serve(args):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)

    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)

    handler = Sink(args.dir, args.reject_rcpt, args.tempfail_first)
    kwargs = {"hostname": "sink.test", "loop": loop}
    if args.auth_user is not None:
        kwargs.update(
            authenticator=make_authenticator(args.auth_user.encode(), args.auth_password.encode()),
            auth_required=True,
            auth_require_tls=False)
    if tls is not None and args.tls_mode == "starttls":
        kwargs.update(tls_context=tls, require_starttls=args.require_starttls)

    server = await loop.create_server(
        lambda: SMTP(handler, **kwargs), host="127.0.0.1", port=args.port,
        ssl=tls if (tls is not None and args.tls_mode == "implicit") else None)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    watcher = asyncio.ensure_future(watch_parent(stop, os.getppid()))
    await stop.wait()
    watcher.cancel()
    server.close()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--parse", metavar="FILE")
    p.add_argument("--dir")
    p.add_argument("--reject-rcpt", action="append", default=[])
    p.add_argument("--tempfail-first", type=int, default=0)
    p.add_argument("--auth-user")
    p.add_argument("--auth-password", default="")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--tls-mode", choices=["starttls", "implicit"], default="starttls")
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--port", type=int, default=0, help="listen here (default: a free port)")
    args = p.parse_args()

    if args.parse:
        with open(args.parse, "rb") as f:
            json.dump(parse_message(f.read()), sys.stdout)
        return
    if not args.dir:
        p.error("--dir is required to serve")
    # aiosmtpd warns that AUTH without TLS is unsafe: intended here, and noise in test output.
    warnings.simplefilter("ignore")
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
