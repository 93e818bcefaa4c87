"""The mail outbox: a mail is a ``mail_outbox`` row written in the caller's transaction and
sent once that transaction commits (never for one that rolled back).

Sending claims the row first (``pending``/``failed`` -> ``sending``), so two processes never
send one mail twice. A mail that could not leave (the SMTP server was down) is ``failed``
with its error and is tried again by the next delivery of any mail, at most
:data:`MAX_ATTEMPTS` times and only while its link is young; once a mail is sent, or given
up, its secret link is forgotten.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import and_, or_, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from studio.config import get_settings
from studio.db import Mail, get_sessionmaker
from studio.mail.senders import build_message, send_smtp, write_to_folder
from studio.mail.settings import MailSettings

log = logging.getLogger("studio.mail")
_KEY = "studio.mail.outbox"
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=1)
GIVE_UP_AFTER = timedelta(minutes=30)  # a reset link lives an hour: no use sending it late
ORPHAN_AFTER = timedelta(minutes=1)  # pending this long: its process died before sending


def queue_mail(session: Session, *, workspace_id: int, kind: str, to: str, subject: str,
               body: str, link: str | None = None) -> Mail:
    """Write a mail to the outbox; it is sent when ``session`` commits. ``body`` may hold
    ``{link}``, replaced by ``link`` when it is sent."""
    mail = Mail(workspace_id=workspace_id, kind=kind, to_address=to, subject=subject,
                body=body, link=link, status="pending", attempts=0)
    session.add(mail)
    session.flush()
    session.info.setdefault(_KEY, []).append(mail.id)
    return mail


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    ids = session.info.pop(_KEY, None)
    if not ids:
        return
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    deliver(ids, url=url)


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(_KEY, None)


def mail_folder() -> Path:
    return get_settings().home / "mail"


def due_mails(url: str | None = None, *, now: datetime | None = None) -> list[int]:
    """Mails worth trying again: failed a while ago, or left pending by a process that died."""
    now = now or datetime.now(UTC)
    with get_sessionmaker(url)() as session:
        return list(session.scalars(
            select(Mail.id).where(
                Mail.created_at > now - GIVE_UP_AFTER,
                Mail.attempts < MAX_ATTEMPTS,
                or_(and_(Mail.status == "failed", Mail.updated_at < now - RETRY_AFTER),
                    and_(Mail.status == "pending", Mail.created_at < now - ORPHAN_AFTER)),
            ).order_by(Mail.id).limit(20)
        ))


def deliver(mail_ids: Iterable[int], *, url: str | None = None,
            settings: MailSettings | None = None) -> int:
    """Send these mails (and any due for another try); the number sent. Never raises: a mail
    that could not leave stays in the outbox with its error."""
    settings = settings or MailSettings()
    sent = 0
    try:
        ids = [*mail_ids, *due_mails(url)]
    except Exception:  # the database itself is unreachable: the next delivery retries
        log.exception("could not read the mail outbox")
        return 0
    for mail_id in dict.fromkeys(ids):
        try:
            sent += _deliver_one(mail_id, url, settings)
        except Exception:
            log.exception("mail %s could not be sent", mail_id)
    return sent


def _deliver_one(mail_id: int, url: str | None, settings: MailSettings) -> bool:
    with get_sessionmaker(url)() as session:
        claimed = cast(CursorResult[Any], session.execute(
            update(Mail)
            .where(Mail.id == mail_id, Mail.status.in_(("pending", "failed")),
                   Mail.attempts < MAX_ATTEMPTS)
            .values(status="sending", attempts=Mail.attempts + 1,
                    updated_at=datetime.now(UTC))
        ))
        session.commit()
        if not claimed.rowcount:
            return False
        mail = session.get(Mail, mail_id)
        if mail is None:
            return False
        message = build_message(sender=settings.mail_from, to=mail.to_address,
                                subject=mail.subject,
                                text=mail.body.replace("{link}", mail.link or ""))
        try:
            if settings.smtp_url.strip():
                send_smtp(message, settings)
                log.info("mail %s (%s) to %s sent by SMTP", mail.id, mail.kind,
                         mail.to_address)
            else:
                stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
                path = write_to_folder(message, mail_folder(),
                                       f"{stamp}-{mail.id}-{mail.kind}")
                log.info("mail %s (%s) to %s: %r written to %s", mail.id, mail.kind,
                         mail.to_address, mail.subject, path)
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            mail.status = "failed"
            mail.error = f"{type(exc).__name__}: {exc}"[:2000]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.link = None
            session.commit()
            log.warning("mail %s (%s) to %s not sent (attempt %s): %s", mail.id, mail.kind,
                        mail.to_address, mail.attempts, mail.error)
            return False
        mail.status, mail.sent_at, mail.link, mail.error = "sent", datetime.now(UTC), None, None
        session.commit()
        return True
