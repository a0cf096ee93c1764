"""Benefit realisation on screen: `panel` (an idea's or a funded project's benefits, with the form to
record and update them) and `totals` (the totals and ideas/applications by kind of benefit that the
dashboards, Min förvaltning, Rådsläge and the innovationsbokslut show)."""
