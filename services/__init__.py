"""Domain services: plain functions, no Streamlit. Every read of a record and every write checks the
actor's role and organisation here; pages only choose what to show.

One package per feature, in the order of the menu: `ideas/`, `fund/` (Innovationsfonden), `testbeds/`
(test and demonstration environments), `indicators/`, `annual_report/` (the innovationsbokslut) and
`people/` (who is acting, users, organisations). `shared/` holds what every feature uses (audit log,
domain errors, validation, pagination, references, search, exports, working days). Two modules stand
alone: `overview.py` (the region's figures on Översikt, drawn from every feature) and `seed.py` (the
demo region, loaded by `manage.py` and by the tests).
"""
