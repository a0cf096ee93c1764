"""Rendering helpers shared by the pages (Streamlit lives here and in pages/, not in services/).

At the top, what every page uses: `context` (engine, sessions, language, the actor, the client's address),
`auth` (login in one step, the revocable cookie), `navigation` (the pages a role gets), `sidebar`, `ui`
(headings, plain text, formatting, forms that keep what was typed), `kpi` (tiles), `charts` (Altair charts
from aggregated frames) and `areas`. One package per feature holds its pages' pieces: `ideas/`, `fund/`,
`testbeds/`, `indicators/` and `people/`.
"""
