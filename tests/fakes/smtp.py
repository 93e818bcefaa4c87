"""A local SMTP server (plain text on 127.0.0.1) that keeps what it is sent.

Speaks enough of RFC 5321 for :mod:`smtplib`: EHLO/HELO, AUTH PLAIN and LOGIN, MAIL FROM,
RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT. ``down()`` makes it refuse every mail with
a 451, as a relay that is having trouble does.
"""

from __future__ import annotations

import base64
import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    login: tuple[str, str] | None = None

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def text(self) -> str:
        body = self.message.get_body(("plain",))
        assert isinstance(body, EmailMessage)
        return str(body.get_content())


@dataclass
class FakeSMTP:
    user: str = "mailer"
    password: str = "p@ss word"
    received: list[Received] = field(default_factory=list)
    refusing: bool = False

    def __enter__(self) -> FakeSMTP:
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self) -> None:
                self.reply("220 fake-smtp ready")
                sender, recipients, login = "", [], None
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    verb, _, rest = raw.decode().strip().partition(" ")
                    verb = verb.upper()
                    if verb == "EHLO":
                        self.wfile.write(b"250-fake-smtp\r\n250-8BITMIME\r\n"
                                         b"250 AUTH PLAIN LOGIN\r\n")
                    elif verb == "HELO":
                        self.reply("250 fake-smtp")
                    elif verb == "AUTH":
                        login = self.auth(rest)
                        if login != (fake.user, fake.password):
                            self.reply("535 5.7.8 authentication failed")
                            login = None
                        else:
                            self.reply("235 2.7.0 authenticated")
                    elif verb == "MAIL":
                        sender, recipients = rest.split(":", 1)[1].strip(" <>"), []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        recipients.append(rest.split(":", 1)[1].strip(" <>"))
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 end with <CRLF>.<CRLF>")
                        lines = []
                        while (line := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(line[1:] if line.startswith(b"..") else line)
                        if fake.refusing:
                            self.reply("451 4.3.0 try again later")
                        else:
                            fake.received.append(Received(sender, recipients, b"".join(lines),
                                                          login))
                            self.reply("250 OK queued")
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 command not implemented")

            def auth(self, rest: str) -> tuple[str, str] | None:
                mechanism, _, initial = rest.partition(" ")
                if mechanism.upper() == "PLAIN":
                    if not initial:
                        self.reply("334 ")
                        initial = self.rfile.readline().decode().strip()
                    _, user, password = base64.b64decode(initial).decode().split("\0")
                    return user, password
                if mechanism.upper() == "LOGIN":
                    self.reply("334 VXNlcm5hbWU6")
                    user = base64.b64decode(self.rfile.readline().strip()).decode()
                    self.reply("334 UGFzc3dvcmQ6")
                    password = base64.b64decode(self.rfile.readline().strip()).decode()
                    return user, password
                return None

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
