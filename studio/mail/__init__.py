"""Mails the studio sends (invitations, password-reset links) through an outbox.

A service calls :func:`queue_mail` inside its transaction: the mail is a row of
``mail_outbox`` that commits — or rolls back — with what caused it. After the commit it is
sent: by SMTP when ``STUDIO_SMTP_URL`` is set, otherwise (the embedded setup) written as a
file under ``<home>/mail/`` and logged, so whoever runs the studio can hand the link on.
"""

from studio.mail.outbox import deliver, due_mails, queue_mail
from studio.mail.settings import MailSettings, link_base

__all__ = ["MailSettings", "deliver", "due_mails", "link_base", "queue_mail"]
