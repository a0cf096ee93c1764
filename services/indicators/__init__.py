"""Indicators per core activity area: `registry` (central and administrations' own indicators),
`targets` (targets per year and level, and the one target rule every page uses), `values` (reported
values, their review and what waits for a reporting manager), `file_import` (many values from CSV or
.xlsx, all or nothing), `computed` (the live indicators counted from the records), `periods` (calendar
months, quarters, years and frozen years), `dashboard` (the area dashboards and Rådsläge) and `my_org`
(Min förvaltning: one organisation against its area and the region)."""
