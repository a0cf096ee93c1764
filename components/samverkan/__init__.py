"""Samverkan's pieces: `public` (the open needs, the response form, its receipt and the tracking view),
`needs` (the need form and list, responses with the jäv declaration, assessment, starting a procurement),
`procurements` (list, pipeline, log and link forms), `partners` (register and form), `figures` (KPIs)."""
