"""Rendering of notifications: `inbox` (a user's list, opening a notification at its record, the
preferences form), `outbox` (the admins' view of every mail and why one failed)."""
