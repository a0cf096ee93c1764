"""Tillgänglighetsredogörelse (public): how accessible the service is, the known gaps and why, how to
report a barrier or get content another way, where to complain, how and when it was tested."""

from components.accessibility.statement import report_form, statement
from components.ui import heading

heading("nav.accessibility")
statement()
report_form()
