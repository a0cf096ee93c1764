"""What every feature uses: `audit` (who changed what, when: written in the change's transaction),
`errors` (domain errors carrying a translation key), `validation` (input models with messages per field),
`pagination` (lists cut in SQL), `refs` (gap-free references such as IDE-2026-00042), `tokens` (private
tracking links: a secret shown once, only its digest stored), `search` (free text that matches Å, Ä, Ö in
either case, by scanning, within limits), `fulltext` (the search indexes: FTS5 on SQLite, pg_trgm on
PostgreSQL), `exports` (.xlsx and CSV, safe against formulas), `workdays` (Swedish working days for
response-time promises) and `ratelimit` (public writes per client and time window, counted in the
database)."""
