"""Rådsmöten and the actions in Min förvaltning, on the demo region's council meetings."""

from __future__ import annotations

from sqlmodel import select

import db
import models as m
from components.navigation import PAGES
from tests.pages.apptest import app_as, open_spec, texts

MEETINGS = next(s for s in PAGES if s.path == "pages/council/meetings.py")
MY_ORG = next(s for s in PAGES if s.path == "pages/indicators/my_org.py")


def test_a_council_member_reads_the_newest_meeting_with_its_agenda_decisions_and_actions(demo_url: str) -> None:
    at = open_spec(app_as("council"), MEETINGS)
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Innovationsrådet, novembermöte" in shown
    tables = "\n".join(t.value.to_csv() for t in at.table).replace("\\", "")  # as Markdown shows it
    assert "Betalning med bankkort i spärren" in tables
    assert "Idé IDE-" in tables  # the agenda item names the idea it is about
    assert "Redovisa pilotens effekter på resandet för rådet" in tables
    assert not [e for e in at.expander if "Ge en åtgärd" in e.label]  # no writing forms for the council


def test_a_manager_marks_an_action_done_in_min_forvaltning_and_the_meeting_shows_it(demo_url: str) -> None:
    at = open_spec(app_as("manager"), MY_ORG)
    assert not at.exception, at.exception
    shown = texts(at).replace("\\", "")  # as Markdown shows it
    assert "Mina åtgärder från innovationsrådet" in shown
    assert "Stäm av finansieringen med Hälso- och sjukvårdsförvaltningen" in shown
    assert "Försenad" in shown
    at.text_input(key=next(w.key for w in at.text_input if w.key.startswith("my_action_note_"))).input("Avstämt.")
    next(b for b in at.button if b.label == "Markera som klar").click().run()
    assert "Åtgärden är markerad som klar." in texts(at)
    assert "Du har inga öppna åtgärder från rådet." in texts(at)
    engine = db.make_engine()
    with db.read_session(engine) as session:
        action = session.exec(
            select(m.ActionItem).where(m.ActionItem.description.startswith("Stäm av finansieringen"))
        ).one()
        assert (action.status, action.done_note) == ("done", "Avstämt.")
    engine.dispose()

    council = open_spec(app_as("council"), MEETINGS)
    council.selectbox(key=next(s.key for s in council.selectbox if s.label == "Välj möte")).select_index(1).run()
    tables = "\n".join(t.value.to_csv() for t in council.table).replace("\\", "")
    assert "Avstämt." in tables and "Klar" in tables


def test_an_admin_links_an_agenda_item_to_a_procurement_and_a_wrong_reference_keeps_what_was_typed(
    demo_url: str,
) -> None:
    engine = db.make_engine()
    with db.read_session(engine) as session:
        ref, title = session.exec(select(m.Procurement.ref, m.Procurement.title).order_by(m.Procurement.id)).first()
    engine.dispose()
    at = open_spec(app_as("admin"), MEETINGS)
    assert not at.exception, at.exception
    prefix = next(w.key for w in at.text_input if w.key.startswith("agenda_") and w.key.endswith("_title"))[
        : -len("title")
    ]
    at.text_input(key=f"{prefix}title").input("Upphandlingens läge")
    at.selectbox(key=f"{prefix}kind").select("procurement")
    at.text_input(key=f"{prefix}code").input("UPH-1999-0001")
    next(b for b in at.button if b.label == "Lägg till punkten").click().run()
    assert "Ingen upphandling har referensen UPH-1999-0001." in texts(at)
    assert at.text_input(key=f"{prefix}title").value == "Upphandlingens läge"  # nothing lost
    at.text_input(key=f"{prefix}code").input(ref.lower())
    next(b for b in at.button if b.label == "Lägg till punkten").click().run()
    assert not at.exception, at.exception
    assert "Punkten är tillagd." in texts(at)
    tables = "\n".join(tb.value.to_csv() for tb in at.table).replace("\\", "")
    assert f"Upphandling med innovation {ref} {title}" in tables
