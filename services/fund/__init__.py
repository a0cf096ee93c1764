"""Innovationsfonden: `applications` (calls, applications, who may see them, the status machine),
`review` (assignments, the jäv declaration, scores, the summary and decision pack), `decisions`
(asking for information, approving within the budget, rejecting, reports and closing) and `figures`
(budget, applied, granted and spent per call and core area)."""
