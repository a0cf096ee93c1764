"""Utkorg (admins): every e-mail the portal sends or holds, failures with the server's reason."""

from components.context import actor
from components.notifications.outbox import outbox_view
from components.ui import heading

heading("nav.admin_outbox", "notifications.outbox_caption")
outbox_view(actor())
