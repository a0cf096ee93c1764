"""The translation table is complete: every key in both languages, every key used in code defined."""

from __future__ import annotations

import re
import string
from enum import StrEnum

import pytest

import i18n
import models
from tests.conftest import PROJECT_DIR

SOURCE_DIRS = ("pages", "components", "services")
KEY_CALL = re.compile(
    r"""\b(?:t|flash_and_rerun|heading|Message|fail|DomainError|PermissionDenied|NotFound|"""
    r"""InvalidTransition|ValidationError\.single)\(\s*(?:"[^"]*",\s*)?"([a-z_]+\.[a-z0-9_.]+)\""""
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_exists_in_swedish_and_english() -> None:
    for key, (sv, en) in i18n.TEXTS.items():
        assert sv.strip() and en.strip(), key
        assert _placeholders(sv) == _placeholders(en), key


def test_every_key_used_in_code_is_defined() -> None:
    used: set[str] = set()
    files = [p for d in SOURCE_DIRS for p in (PROJECT_DIR / d).rglob("*.py")] + [PROJECT_DIR / "app.py"]
    for path in files:
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    used = {k for k in used if not k.endswith(".")}
    missing = sorted(k for k in used if k not in i18n.TEXTS and f"{k}.one" not in i18n.TEXTS)
    assert missing == []
    assert len(used) > 50  # the pattern does find the calls


ENUMS = {
    "role": models.Role,
    "org_kind": models.OrganisationKind,
    "stage": models.IdeaStage,
    "submitter_kind": models.SubmitterKind,
    "benefit_kind": models.BenefitKind,
    "ip_status": models.IpStatus,
    "call_status": models.CallStatus,
    "application_status": models.ApplicationStatus,
    "recommendation": models.Recommendation,
    "report_kind": models.ReportKind,
    "env_type": models.EnvType,
    "access": models.Access,
    "testbed_status": models.TestbedStatus,
    "requester_kind": models.RequesterKind,
    "request_status": models.RequestStatus,
    "direction": models.Direction,
    "frequency": models.Frequency,
    "source": models.IndicatorSource,
    "scope": models.IndicatorScope,
    "value_status": models.ValueStatus,
    "language": models.Language,
    "mail_state": models.MailState,
    "delivery": models.Delivery,
    "partner_kind": models.PartnerKind,
    "need_status": models.NeedStatus,
    "response_status": models.ResponseStatus,
    "procurement_method": models.ProcurementMethod,
    "procurement_stage": models.ProcurementStage,
    "procurement_event": models.ProcurementEventKind,
    "agreement_kind": models.AgreementKind,
    "ip_principle": models.IpPrinciple,
}


@pytest.mark.parametrize("kind", sorted(ENUMS))
def test_every_enumeration_value_has_a_label(kind: str) -> None:
    enum: type[StrEnum] = ENUMS[kind]
    for value in enum:
        assert f"{kind}.{value}" in i18n.TEXTS


def test_labels_and_unknown_keys() -> None:
    assert i18n.label("screening", "stage") == "Bedömning"
    assert i18n.label("screening", "stage", "en") == "Screening"
    assert i18n.t("no.such.key") == "no.such.key"


def test_counted_texts_have_every_plural_form_and_choose_by_the_count() -> None:
    counted = {k.removesuffix(".one") for k in i18n.TEXTS if k.endswith(".one")}
    assert counted  # the table does hold counted texts
    for key in counted:
        for form in i18n.PLURAL_FORMS:
            assert f"{key}.{form}" in i18n.TEXTS, f"{key}.{form}"
        assert key not in i18n.TEXTS, key  # one way to look it up
    assert i18n.t("ideas.overdue_warning", "sv", n=1).startswith("1 idé har väntat")
    assert i18n.t("ideas.overdue_warning", "sv", n=3).startswith("3 idéer har väntat")
    assert i18n.t("ideas.overdue_warning", "en", n=1).startswith("1 idea has waited")
    assert i18n.t("testbeds.days", "sv", n=1.5) == "1,5 dagar"
    assert i18n.t("testbeds.found", "sv", n=1234) == "1\u00a0234 testmiljöer"
    assert i18n.t("testbeds.found", "en", n=1234) == "1,234 test environments"
