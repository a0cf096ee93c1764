"""Användare & organisationer through AppTest: what an admin types, sees and what is stored."""

from __future__ import annotations

from sqlmodel import select

import db
from models import Area, AuditLog, OrganisationKind, User
from tests.pages.apptest import app_as, open_page, texts


def _users(url: str) -> dict[str, User]:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = {u.username: u for u in session.exec(select(User))}
    engine.dispose()
    return found


def _area_id(url: str, code: str) -> int:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = session.exec(select(Area.id).where(Area.code == code)).one()
    engine.dispose()
    return found


def _form_inputs(at):
    return {w.key: w for w in at.text_input if w.key and w.key.startswith("new_user_")}


def test_admin_creates_a_user_through_the_form(demo_url: str) -> None:
    at = open_page(app_as("admin"), "pages/admin/users.py")
    inputs = _form_inputs(at)
    inputs["new_user_username"].input("karin.ny")
    inputs["new_user_display_name"].input("Karin Ny")
    inputs["new_user_email"].input("karin.ny@demo.regionstockholm.example")
    inputs["new_user_password"].input("ett-bra-losen")
    at.selectbox(key="new_user_org").select_index(2)
    at.button(key="FormSubmitter:create_user-Skapa användare").click().run()
    assert not at.exception
    assert "Användaren karin.ny är skapad." in texts(at)
    created = _users(demo_url)["karin.ny"]
    assert created.display_name == "Karin Ny" and created.role == "employee"


def test_taken_username_and_bad_email_keep_what_was_typed(demo_url: str) -> None:
    before = len(_users(demo_url))
    at = open_page(app_as("admin"), "pages/admin/users.py")
    inputs = _form_inputs(at)
    inputs["new_user_username"].input("manager")
    inputs["new_user_display_name"].input("Dubbel <b>Person</b>")
    inputs["new_user_email"].input("inte en adress")
    inputs["new_user_password"].input("ett-bra-losen")
    at.selectbox(key="new_user_org").select_index(2)
    at.button(key="FormSubmitter:create_user-Skapa användare").click().run()
    shown = texts(at)
    assert "Inget har sparats" in shown
    assert "Skriv en e-postadress som namn@exempel.se." in shown
    # What was typed stays in the fields.
    inputs = _form_inputs(at)
    assert inputs["new_user_username"].value == "manager"
    assert inputs["new_user_display_name"].value == "Dubbel <b>Person</b>"
    assert len(_users(demo_url)) == before
    # After fixing the e-mail, the taken username is named beside its field.
    inputs["new_user_email"].input("dubbel@demo.regionstockholm.example")
    at.button(key="FormSubmitter:create_user-Skapa användare").click().run()
    assert "Användarnamnet manager är redan upptaget." in texts(at)
    assert len(_users(demo_url)) == before


def test_non_admin_roles_do_not_get_the_page(demo_url: str) -> None:
    for username in ("council", "manager", "employee"):
        at = app_as(username)
        at.run()
        try:
            at.switch_page("pages/admin/users.py").run()
        except Exception:
            continue
        raise AssertionError(f"{username} reached the admin page")


def test_admin_deactivates_a_user_and_it_is_logged(demo_url: str) -> None:
    at = open_page(app_as("admin"), "pages/admin/users.py")
    at.text_input(key="users_search").input("Sofia Karlsson").run()
    at.button(key=f"deactivate_{_users(demo_url)['employee'].id}").click().run()
    assert not at.exception
    assert "Kontot är inaktiverat" in texts(at)
    assert not _users(demo_url)["employee"].is_active
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == "user.deactivated")).one()
    engine.dispose()
    assert entry.entity_id == _users(demo_url)["employee"].id


def test_filters_set_back_to_all_still_say_all(demo_url: str) -> None:
    """Streamlit shows the placeholder, not format_func(None), for a None choice after a rerun."""
    at = open_page(app_as("admin"), "pages/admin/users.py")
    for key, chosen in (("users_role", "admin"), ("users_active", True)):
        at.selectbox(key=key).select(chosen).run()
        at.selectbox(key=key).select(None).run()
        assert not at.exception
        box = at.selectbox(key=key)
        assert box.value is None and box.proto.placeholder == "Alla", key
    assert at.selectbox(key="users_org").proto.placeholder == "Alla"


def test_a_new_organisations_name_is_confirmed_as_typed(demo_url: str) -> None:
    at = open_page(app_as("admin"), "pages/admin/users.py")
    fields = list(at.text_input)
    [at_short] = [i for i, w in enumerate(fields) if w.label == "Kortnamn"]  # the new organisation's form
    name, short = fields[at_short - 1], fields[at_short]
    assert name.label == "Namn"
    name.input("Nämnden för **fet** [länk](https://evil.example)")
    short.input("NFL")
    kind = [w for w in at.selectbox if w.label == "Typ"][-1]
    area = [w for w in at.selectbox if w.label == "Kärnverksamhet"][-1]
    kind.set_value(OrganisationKind.forvaltning)
    area.set_value(_area_id(demo_url, "health"))
    at.button(key="FormSubmitter:create_org-Lägg till organisation").click().run()
    assert not at.exception
    # Drawn as Markdown: every Markdown character of the typed name escaped, so it reads as typed.
    assert r"Organisationen Nämnden för \*\*fet\*\* \[länk\]\(https\://evil\.example\) är tillagd." in texts(at)
