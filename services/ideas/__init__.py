"""Ideas from employees and from patients, relatives, travellers and residents, "from idea to broad
implementation": `intake` (submitting without login, following with a private link, one's own ideas,
backing, similar ideas), `triage` (Idéhantering's board, the idea page and every change the team makes),
`stats` (the funnel, response times and latest ideas for Översikt and Idéhantering) and `privacy`
(removing contact details, an e-mail address's data)."""
