"""Meddelanden: the logged-in user's notifications, each opening its record, and how they want e-mail."""

from components.context import actor
from components.notifications.inbox import inbox_view, preferences_form
from components.ui import heading

me = actor()
heading("nav.notifications", "notifications.caption")
inbox_view(me)
preferences_form(me)
