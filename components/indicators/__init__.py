"""The indicator pages' pieces: `views` (period filter, tiles, charts and tables of the dashboards),
`data` (the indicator form, the reporting form and table, the review queue), `targets` (targets per
year and level), `file_import` (the upload with its template) and `my_org` (Min förvaltning's sections)."""
