"""Samverkan: the region's work with partners outside it. `access` (who may handle what: admins all,
managers their own organisation's), `partners` (the register of aktörer, organisationsnummer with Luhn
check), `needs` (published needs and challenges, the public response form `UTM-`, the private tracking
link, assessment with jäv), `procurements` (procurements with innovation, their pipeline and log),
`figures` (the counts the pages and indicators show), `notices` (what responders and managers hear)."""
