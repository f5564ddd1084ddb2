"""E-mail drafts ready to send: an unsent message as an `.eml` file.

Outlook opens a file marked `X-Unsent: 1` as a draft to send (Thunderbird as a
message to edit as new); the process leader reads it, perhaps adds a line, and
presses Send. Built with the standard library's `email` package: recipients,
subject, the reply-by date, the sender when the settings name one, the text,
and attachments (a focus-area group's workbook).
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

from plan_sheets import swedish

REPLY_DAYS = 14
"""The default reply-by date is this many days after the day the drafts are written."""

_ADDRESS = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")
_SEPARATORS = re.compile(r"[;,\s]+")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def default_reply_by(today: date) -> date:
    return today + timedelta(days=REPLY_DAYS)


def addresses(text: object) -> list[str]:
    """The e-mail addresses in a cell (`a@x.se; b@y.se`, `Anna <a@x.se>`), as typed."""
    if not isinstance(text, str):
        return []
    out = []
    for part in _SEPARATORS.split(text.replace("<", " ").replace(">", " ")):
        _, address = parseaddr(part)
        if _ADDRESS.match(address):
            out.append(address)
    return out


def unique(items: Iterable[str]) -> list[str]:
    """In the order first seen, each address once (case-insensitive)."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def reply_line(reply_by: date) -> str:
    return f"Svara senast {swedish.long_date(reply_by)}."


def draft(*, to: Sequence[str], subject: str, body: str, reply_by: date,
          sender: str = "", attachments: Sequence[Path] = ()) -> bytes:
    """An unsent message: the bytes of an `.eml` file."""
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    if sender:
        message["From"] = formataddr(parseaddr(sender))
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    # RFC 2156's Reply-By: mail programs that know it show the date beside the message.
    message["Reply-By"] = format_datetime(datetime(reply_by.year, reply_by.month,
                                                   reply_by.day, 23, 59))
    message.set_content(body)
    for path in attachments:
        kind = XLSX if path.suffix == ".xlsx" else \
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        main, _, sub = kind.partition("/")
        message.add_attachment(path.read_bytes(), maintype=main, subtype=sub,
                               filename=path.name)
    return message.as_bytes()
