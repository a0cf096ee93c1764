"""The minutes of a council meeting as plain text (Markdown headings and lists), which opens in any
editor and pastes into Word as it is, and as a PDF for the archive (the bokslut's PDF machinery)."""

from __future__ import annotations

import i18n
from services.council.meetings import MeetingDetail


def minutes_text(meeting: MeetingDetail, language: str) -> str:
    """The minutes in `language`: date, place, who was present, each agenda item with what it concerns
    and its decisions, the decisions on the meeting as a whole, and every action with owner and state."""

    def t(key: str, **params: object) -> str:
        return i18n.t(key, language, **params)

    lines = [
        f"# {t('council.minutes.title', title=meeting.title)}",
        "",
        t("council.minutes.held_on", held_on=meeting.held_on.isoformat()),
    ]
    if meeting.location:
        lines.append(t("council.minutes.location", location=meeting.location))
    lines += ["", f"## {t('council.minutes.present')}", ""]
    lines += [f"- {name}" for _, name in meeting.members] or [t("council.meeting.nobody")]
    if meeting.notes:
        lines += ["", meeting.notes]
    lines += ["", f"## {t('council.agenda')}"]
    for item in meeting.agenda:
        lines += ["", f"### {t('council.minutes.item', position=item.position, title=item.title)}"]
        if item.link is not None:
            kind = t(f"council.link.{item.link.kind}")
            concerns = t("council.minutes.concerns", kind=kind, code=item.link.code, title=item.link.title)
            lines.append(" ".join(concerns.split()))  # a need has no code, the bokslut no title
        if item.notes:
            lines += ["", item.notes]
        for decision in meeting.decisions:
            if decision.agenda_item_id == item.id:
                lines += ["", t("council.minutes.decision", text=decision.text)]
    loose = [d for d in meeting.decisions if d.agenda_item_id is None]
    if loose:
        lines += ["", f"## {t('council.minutes.other_decisions')}"]
        lines += [line for d in loose for line in ("", t("council.minutes.decision", text=d.text))]
    lines += ["", f"## {t('council.actions')}", ""]
    for action in meeting.actions:
        status = (
            t("council.action.done_on", on=action.done_on.isoformat(), by=action.done_by or "–")
            if action.status == "done"
            else t("council.action.overdue" if action.overdue else "council.action.status.open")
        )
        lines.append(
            t(
                "council.minutes.action",
                description=action.description,
                owner=action.owner,
                due=action.due_on.isoformat(),
                status=status,
            )
        )
    if not meeting.actions:
        lines.append(t("council.actions.none"))
    return "\n".join(lines) + "\n"


def minutes_pdf(meeting: MeetingDetail, language: str) -> bytes:
    """The same minutes as a PDF: the text's headings as headings, every other line as it is."""
    from services.annual_report.export import _heading, _Pdf  # the bokslut's A4 page, fonts and footer

    pdf = _Pdf(i18n.t("council.minutes.title", language, title=meeting.title))
    pdf.add_page()
    sizes = {"# ": 16, "## ": 13, "### ": 11}
    for line in minutes_text(meeting, language).splitlines():
        prefix = next((p for p in sizes if line.startswith(p)), None)
        if prefix:
            pdf.ln(2)
            _heading(pdf, line[len(prefix) :], sizes[prefix])
        elif line:
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(2)
    return bytes(pdf.output())
