"""Test and demonstration environments, "en tydlig väg in" for companies and researchers: `catalogue`
(public search with filters and counts, the testbed page, creating and changing testbeds) and `requests`
(the public request form, the owning organisation's inbox, answers, response times and figures)."""
