"""People and the region's structure: `auth` (the `Actor` read from the database on every run, and the
permission checks every service calls), `users` (login with lockout, user management, one's own profile)
and `organisations` (core areas, organisations and their innovation leads)."""
