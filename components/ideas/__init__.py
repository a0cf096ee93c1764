"""The idea pages' pieces: `common` (names, timelines, similar ideas), `board` (Idéhantering's board,
filters, list and exports), `detail` (the idea page with its timeline and the team's actions) and
`overview` (the idea funnel and waiting ideas on Översikt)."""
