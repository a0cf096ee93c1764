"""Kompetensutveckling's parts: the share of staff trained, the courses, one course's participants and the
admins' forms."""
