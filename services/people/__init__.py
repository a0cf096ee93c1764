"""People and the region's structure: `auth` (the `Actor` read from the database on every run, and the
permission checks every service calls), `users` (login, sessions that can be ended, user management,
one's own profile), `login_throttle` (waits per client address after wrong passwords) and
`organisations` (core areas, organisations and their innovation leads)."""
