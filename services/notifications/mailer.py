"""E-mail over SMTP, configured by the environment, and the building of one mail: plain text and HTML
(user text escaped), in the recipient's language, with the link back into the app and, in mails a person
may refuse, an unsubscribe link.

Settings: `SMTP_HOST` (none: nothing is sent, messages wait in the database where admins read them),
`SMTP_PORT` (25; 587 is usual with STARTTLS), `SMTP_USER` and `SMTP_PASSWORD` (login, if the server wants
one), `SMTP_STARTTLS` (`1`/`0`, default 0), `MAIL_FROM` (default `innovationsportalen@localhost`),
`APP_BASE_URL` (the app's address as recipients reach it, for links; default `http://localhost:8501`).
"""

from __future__ import annotations

import html
import os
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import i18n

TIMEOUT_SECONDS = 20
UNSUBSCRIBE_PAGE = "avregistrera"  # url path of the public unsubscribe page
UNSUBSCRIBE_PARAM = "kod"


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    user: str | None
    password: str | None
    starttls: bool
    sender: str
    base_url: str

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> MailSettings:
        env = dict(os.environ if env is None else env)
        port = (env.get("SMTP_PORT") or "").strip()
        return cls(
            host=(env.get("SMTP_HOST") or "").strip() or None,
            port=int(port) if port.isdigit() else 25,
            user=(env.get("SMTP_USER") or "").strip() or None,
            password=env.get("SMTP_PASSWORD") or None,
            starttls=(env.get("SMTP_STARTTLS") or "0").strip().lower() in ("1", "true", "yes"),
            sender=(env.get("MAIL_FROM") or "").strip() or "innovationsportalen@localhost",
            base_url=((env.get("APP_BASE_URL") or "").strip() or "http://localhost:8501").rstrip("/"),
        )

    def url(self, link: str | None) -> str | None:
        """The absolute address of an app link such as `folj-ide?kod=...`."""
        return f"{self.base_url}/{link.lstrip('/')}" if link else None


@dataclass(frozen=True)
class Outgoing:
    """One mail to build: what the outbox row (or a digest of rows) says."""

    to: str
    language: str
    subject: str
    body: str
    link: str | None
    unsubscribe_token: str | None


def unsubscribe_link(token: str) -> str:
    return f"{UNSUBSCRIBE_PAGE}?{UNSUBSCRIBE_PARAM}={token}"


def build(outgoing: Outgoing, settings: MailSettings) -> EmailMessage:
    """The mail: the body as plain text and as HTML, the link, and the unsubscribe link if any."""
    lang = outgoing.language
    link = settings.url(outgoing.link)
    unsubscribe = settings.url(unsubscribe_link(outgoing.unsubscribe_token)) if outgoing.unsubscribe_token else None
    text_parts = [outgoing.body]
    html_parts = [_paragraphs(outgoing.body)]
    if link:
        text_parts.append(f"{i18n.t('mail.open_link', lang)}\n{link}")
        html_parts.append(f'<p><a href="{html.escape(link)}">{html.escape(i18n.t("mail.open_link", lang))}</a></p>')
    footer = i18n.t("mail.footer", lang)
    text_parts.append(f"-- \n{footer}")
    html_parts.append(f'<p style="color:#555;font-size:90%">{html.escape(footer)}</p>')
    if unsubscribe:
        text_parts.append(f"{i18n.t('mail.unsubscribe', lang)}\n{unsubscribe}")
        html_parts.append(
            f'<p style="color:#555;font-size:90%"><a href="{html.escape(unsubscribe)}">'
            f"{html.escape(i18n.t('mail.unsubscribe', lang))}</a></p>"
        )
    message = EmailMessage()
    message["Subject"] = outgoing.subject
    message["From"] = formataddr((i18n.t("mail.sender_name", lang), settings.sender))
    message["To"] = outgoing.to
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.set_content("\n\n".join(text_parts))
    body_html = "\n".join(html_parts)
    message.add_alternative(f'<!doctype html><html lang="{lang}"><body>{body_html}</body></html>', subtype="html")
    return message


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, every character of it escaped."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return "\n".join("<p>" + html.escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


def connect(settings: MailSettings) -> smtplib.SMTP:
    """An open, logged-in connection to the configured server."""
    smtp = smtplib.SMTP(settings.host or "", settings.port, timeout=TIMEOUT_SECONDS)
    try:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
    except Exception:
        smtp.close()
        raise
    return smtp
