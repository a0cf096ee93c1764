"""Accessibility as the law asks (lagen om tillgänglighet till digital offentlig service): `barriers`
(the tillgänglighetsredogörelse's form for reporting a barrier or asking for content in another form,
and the admins' list of what came in)."""
