"""Every kind of notification: who gets it, whether the law or the process requires it (receipts and the
team's questions: always sent, no unsubscribe link), and the delivery a user has until they choose."""

from __future__ import annotations

from dataclasses import dataclass

from models import Delivery, Role


@dataclass(frozen=True)
class Kind:
    key: str
    required: bool = False
    roles: frozenset[Role] = frozenset(Role)  # whose preferences list it (required kinds are not listed)
    default: Delivery = Delivery.immediately


MANAGERS = frozenset({Role.admin, Role.manager})
ACTION_OWNERS = frozenset({Role.admin, Role.council, Role.manager})

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("idea.receipt", required=True),
        Kind("idea.stage_changed"),
        Kind("idea.closed"),
        Kind("idea.question", required=True),
        Kind("idea.answered", roles=MANAGERS),
        Kind("idea.new_for_org", roles=MANAGERS),
        Kind("idea.waiting", roles=MANAGERS),
        Kind("fund.receipt", required=True),
        Kind("fund.resubmitted", required=True),
        Kind("fund.needs_info", required=True),
        Kind("fund.approved", required=True),
        Kind("fund.rejected", required=True),
        Kind("fund.report_due"),
        Kind("fund.report_overdue"),
        Kind("fund.review_assigned"),
        Kind("fund.review_reminder"),
        Kind("testbed.receipt", required=True),
        Kind("testbed.answered", required=True),
        Kind("testbed.new_request", roles=MANAGERS),
        Kind("testbed.unanswered", roles=MANAGERS),
        Kind("testbed.replied", roles=MANAGERS),
        Kind("indicators.returned", roles=MANAGERS),
        Kind("indicators.due", roles=MANAGERS),
        Kind("indicators.overdue", roles=MANAGERS),
        Kind("samverkan.receipt", required=True),
        Kind("samverkan.became_request", required=True),
        Kind("samverkan.new_response", roles=MANAGERS),
        Kind("samverkan.agreement_expiring", roles=MANAGERS),
        Kind("council.action_assigned", roles=ACTION_OWNERS),
        Kind("council.action_due", roles=ACTION_OWNERS),
        Kind("council.action_overdue", roles=ACTION_OWNERS),
    )
}


def kind(key: str) -> Kind:
    return KINDS[key]


def choosable(role: str) -> list[Kind]:
    """The kinds a user with `role` may choose a delivery for, in a stable order."""
    return [k for k in KINDS.values() if not k.required and role in k.roles]
