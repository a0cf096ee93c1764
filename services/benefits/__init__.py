"""Benefit realisation ("nytta", the strategy's economic, social and environmental value): `records`
(the benefits an idea at Införande/Spridning or a funded project brings, estimated and realised, who may
read and write them) and `figures` (their totals per region, area and organisation by the aggregation
rules, and ideas and applications by the kind of benefit they aim at)."""
