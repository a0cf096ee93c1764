"""Texts for the innovation council's meetings (issue 18): meetings, agenda, decisions, action items and
the minutes."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.council_meetings": ("Rådsmöten", "Council meetings"),
    "council.meetings.caption": (
        "Innovationsrådets möten: närvarande, dagordning, beslut och åtgärder som följs tills de är klara.",
        "The innovation council's meetings: who was present, the agenda, decisions and actions followed until done.",
    ),
    # --- meetings
    "council.meeting.new": ("Nytt rådsmöte", "New council meeting"),
    "council.meeting.edit": ("Ändra mötet", "Edit the meeting"),
    "council.meeting.held_on": ("Mötesdag", "Meeting date"),
    "council.meeting.title": ("Rubrik", "Title"),
    "council.meeting.location": ("Plats", "Place"),
    "council.meeting.notes": ("Anteckningar", "Notes"),
    "council.meeting.members": ("Närvarande ledamöter", "Members present"),
    "council.meeting.save": ("Spara mötet", "Save the meeting"),
    "council.meeting.created": ("Mötet är sparat.", "The meeting is saved."),
    "council.meeting.updated": ("Mötet är ändrat.", "The meeting is changed."),
    "council.meeting.choose": ("Välj möte", "Choose a meeting"),
    "council.meeting.none": ("Inga rådsmöten är registrerade ännu.", "No council meetings are recorded yet."),
    "council.meeting.list": ("Möten", "Meetings"),
    "council.meeting.present": ("Närvarande", "Present"),
    "council.meeting.open_actions": ("Öppna åtgärder", "Open actions"),
    "council.meeting.overdue_actions": ("Försenade åtgärder", "Overdue actions"),
    "council.meeting.nobody": ("Ingen närvaro registrerad.", "No attendance recorded."),
    "council.meeting.heading": ("{title} · {held_on}", "{title} · {held_on}"),
    "council.member_unknown": (
        "Någon av de närvarande finns inte som aktiv användare.",
        "One of those present is not an active user.",
    ),
    "council.member_not_council": (
        "{name} är inte ledamot i innovationsrådet (eller i innovationsstödet) "
        "och kan inte registreras som närvarande.",
        "{name} is not a member of the innovation council (or of the central team) and cannot be recorded as present.",
    ),
    "council.meeting_after_due": (
        "Mötet kan inte flyttas till efter en åtgärds förfallodag ({due}).",
        "The meeting cannot be moved past an action's due date ({due}).",
    ),
    # --- agenda
    "council.agenda": ("Dagordning", "Agenda"),
    "council.agenda.none": ("Dagordningen är tom.", "The agenda is empty."),
    "council.agenda.add": ("Lägg till punkt på dagordningen", "Add an agenda item"),
    "council.agenda.title": ("Punkt", "Item"),
    "council.agenda.notes": ("Underlag eller anteckning", "Background or note"),
    "council.agenda.linked_kind": ("Gäller", "Concerns"),
    "council.agenda.linked_code": (
        "Referens (t.ex. IDE-2026-00042, FON-2026-0007 eller bokslutets år)",
        "Reference (e.g. IDE-2026-00042, FON-2026-0007 or the report's year)",
    ),
    "council.agenda.submit": ("Lägg till punkten", "Add the item"),
    "council.agenda.added": ("Punkten är tillagd.", "The item is added."),
    "council.agenda.removed_record": ("(posten finns inte längre)", "(the record no longer exists)"),
    "council.link.none": ("Inget särskilt ärende", "No particular record"),
    "council.link.idea": ("Idé", "Idea"),
    "council.link.fund_application": ("Ansökan till Innovationsfonden", "Innovation fund application"),
    "council.link.annual_report": ("Innovationsbokslut", "Annual innovation report"),
    "council.link_not_found.idea": ("Ingen idé har referensen {code}.", "No idea has the reference {code}."),
    "council.link_not_found.fund_application": (
        "Ingen ansökan har referensen {code}.",
        "No application has the reference {code}.",
    ),
    "council.link_not_found.annual_report": (
        "Ange bokslutets år, från 2019 till i år.",
        "Give the report's year, from 2019 to this year.",
    ),
    # --- decisions
    "council.decisions": ("Beslut", "Decisions"),
    "council.decisions.none": ("Inga beslut är registrerade.", "No decisions are recorded."),
    "council.decision.add": ("Registrera beslut", "Record a decision"),
    "council.decision.text": ("Beslut", "Decision"),
    "council.decision.item": ("På dagordningspunkt", "On agenda item"),
    "council.decision.whole_meeting": ("Mötet i stort", "The meeting as a whole"),
    "council.decision.submit": ("Spara beslutet", "Save the decision"),
    "council.decision.added": ("Beslutet är registrerat.", "The decision is recorded."),
    "council.decision.on_item": ("Punkt {position}: {title}", "Item {position}: {title}"),
    # --- actions
    "council.actions": ("Åtgärder", "Actions"),
    "council.actions.none": ("Inga åtgärder är registrerade.", "No actions are recorded."),
    "council.action.add": ("Ge en åtgärd", "Assign an action"),
    "council.action.description": ("Åtgärd", "Action"),
    "council.action.owner": ("Ansvarig", "Owner"),
    "council.action.due_on": ("Klart senast", "Due by"),
    "council.action.decision": ("Följer av beslut", "Follows from decision"),
    "council.action.no_decision": ("Inget särskilt beslut", "No particular decision"),
    "council.action.submit": ("Spara åtgärden", "Save the action"),
    "council.action.added": (
        "Åtgärden är registrerad och den ansvarige har fått besked.",
        "The action is recorded and its owner has been told.",
    ),
    "council.action.status": ("Status", "Status"),
    "council.action.status.open": ("Öppen", "Open"),
    "council.action.status.done": ("Klar", "Done"),
    "council.action.overdue": ("Försenad", "Overdue"),
    "council.action.done_on": ("Klar {on} ({by})", "Done {on} ({by})"),
    "council.action.meeting": ("Möte", "Meeting"),
    "council.action.mark_done": ("Markera som klar", "Mark as done"),
    "council.action.done_note": ("Vad som gjordes (valfritt)", "What was done (optional)"),
    "council.action.marked_done": ("Åtgärden är markerad som klar.", "The action is marked as done."),
    "council.action.reopen": ("Öppna igen", "Reopen"),
    "council.action.reopened": ("Åtgärden är öppen igen.", "The action is open again."),
    "council.action_already_done": ("Åtgärden är redan klar.", "The action is already done."),
    "council.action_not_done": ("Åtgärden är inte markerad som klar.", "The action is not marked as done."),
    "council.due_before_meeting": (
        "Förfallodagen kan inte ligga före mötet ({held_on}).",
        "The due date cannot be before the meeting ({held_on}).",
    ),
    "council.owner_unknown": ("Den ansvarige finns inte som aktiv användare.", "The owner is not an active user."),
    "council.owner_not_allowed": (
        "{name} kan inte vara ansvarig: en åtgärd ges till en chef, en rådsledamot eller innovationsstödet.",
        "{name} cannot own an action: actions go to a manager, a council member or the central team.",
    ),
    "council.my_actions": ("Mina åtgärder från innovationsrådet", "My actions from the innovation council"),
    "council.my_actions.none": ("Du har inga öppna åtgärder från rådet.", "You have no open actions from the council."),
    "council.my_actions.done": ("Visa klara åtgärder", "Show done actions"),
    "council.my_actions.due": ("Klart senast {due}", "Due by {due}"),
    "council.my_actions.from": ("Från {meeting}, {held_on}", "From {meeting}, {held_on}"),
    # --- minutes
    "council.minutes.download": ("Ladda ner protokollet (text)", "Download the minutes (text)"),
    "council.minutes.title": ("Protokoll: {title}", "Minutes: {title}"),
    "council.minutes.held_on": ("Datum: {held_on}", "Date: {held_on}"),
    "council.minutes.location": ("Plats: {location}", "Place: {location}"),
    "council.minutes.present": ("Närvarande", "Present"),
    "council.minutes.item": ("§ {position} {title}", "§ {position} {title}"),
    "council.minutes.concerns": ("Gäller: {kind} {code} {title}", "Concerns: {kind} {code} {title}"),
    "council.minutes.decision": ("Beslut: {text}", "Decision: {text}"),
    "council.minutes.other_decisions": ("Övriga beslut", "Other decisions"),
    "council.minutes.action": (
        "- {description} – ansvarig: {owner}, klart senast {due} ({status})",
        "- {description} – owner: {owner}, due by {due} ({status})",
    ),
    # --- notifications
    "notifications.kind.council.action_assigned": ("Ny åtgärd från rådet", "New action from the council"),
    "notifications.kind.council.action_due": ("Åtgärd från rådet förfaller snart", "Council action due soon"),
    "notifications.kind.council.action_overdue": ("Åtgärd från rådet är försenad", "Council action overdue"),
    "mail.council.action_assigned.subject": (
        "Ny åtgärd från innovationsrådet, klart senast {due}",
        "New action from the innovation council, due by {due}",
    ),
    "mail.council.action_assigned.body": (
        "Innovationsrådet gav dig en åtgärd vid mötet ”{meeting}” {held_on}: ”{action}”. Den ska vara klar "
        "senast {due}. Markera den som klar i Innovationsportalen när den är gjord.",
        "At the meeting “{meeting}” on {held_on} the innovation council gave you an action: “{action}”. It is "
        "due by {due}. Mark it as done in Innovationsportalen when it is done.",
    ),
    "mail.council.action_due.subject": ("Påminnelse: åtgärd klart senast {due}", "Reminder: action due by {due}"),
    "mail.council.action_due.body": (
        "Påminnelse: åtgärden ”{action}” från rådsmötet ”{meeting}” {held_on} ska vara klar senast {due}.",
        "Reminder: the action “{action}” from the council meeting “{meeting}” on {held_on} is due by {due}.",
    ),
    "mail.council.action_overdue.subject": ("Åtgärd från innovationsrådet är försenad", "Council action overdue"),
    "mail.council.action_overdue.body": (
        "Åtgärden ”{action}” från rådsmötet ”{meeting}” {held_on} skulle ha varit klar senast {due}. "
        "Markera den som klar i Innovationsportalen när den är gjord.",
        "The action “{action}” from the council meeting “{meeting}” on {held_on} was due by {due}. "
        "Mark it as done in Innovationsportalen when it is done.",
    ),
}
