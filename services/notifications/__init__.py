"""Notifications: people hear back, answer and are reminded. `kinds` (every kind of notification, who
gets it, whether it is required), `outbox` (queueing a notification in the caller's transaction; the
admins' view of the outbox), `mailer` (SMTP settings from the environment, building the mail),
`sender` (claiming and sending due mails, retries with back-off, the background thread and
`manage.py send-mail`), `inbox` (a user's in-app notifications), `preferences` (per kind: at once, weekly
digest, off; unsubscribing from a mail's link)."""
