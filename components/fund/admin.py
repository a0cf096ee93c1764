"""The tabs of Fondhantering (admin), each a function, so that the page stays a short script."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from components import context, vega
from components.areas import with_area_names
from components.benefits.panel import benefits_panel
from components.chart_table import table_downloads
from components.charts import readable
from components.context import t
from components.fund.applications import (
    application_details,
    criterion_label,
    history_table,
    reports_table,
    status_label,
)
from components.fund.review import reviews_table
from components.samverkan.partner_links import partner_links
from components.ui import (
    FieldErrors,
    attempt,
    current_page,
    flash_and_rerun,
    fmt_date,
    fmt_datetime,
    fmt_decimal,
    fmt_sek,
    forget_inputs,
    pager,
    plain,
    required,
    search_box,
    write_then_confirm,
)
from models import REPORTING_STATUSES, ApplicationStatus, ObstacleKind
from services.fund import applications as fund
from services.fund import decisions, figures, review
from services.fund.applications import CallRow
from services.people.auth import Actor
from services.shared import exports
from services.shared.pagination import Page, page_bounds

S = ApplicationStatus
PACK_PAGE = 50  # ranked rows of the decision pack per screen page


def _call_picker(calls: list[CallRow], key: str) -> int | None:
    names = {c.id: f"{c.name} ({context.label(c.status, 'call_status')})" for c in calls}
    return st.selectbox(t("fund.c.call"), list(names), format_func=names.get, key=key, placeholder=t("ui.choose"))


# ---------------------------------------------------------------- applications


def applications_tab(me: Actor, calls: list[CallRow], year: int, today: date) -> None:
    """The year's applications ("all" means every call of the year), filtered and paginated in SQL."""
    f1, f2, f3 = st.columns([3, 3, 2])
    names = {c.id: c.name for c in calls}
    call_id = f1.selectbox(
        t("fund.c.call"),
        [None, *names],
        format_func=lambda i: t("ui.all") if i is None else names[i],
        key="fa_call",
        placeholder=t("ui.choose"),
    )
    statuses = [s for s in S if s != S.draft]
    status = f2.selectbox(
        t("fund.c.status"),
        [None, *statuses],
        format_func=lambda s: t("ui.all") if s is None else status_label(s),
        key="fa_status",
        placeholder=t("ui.choose"),
    )
    search = search_box(t("ui.search"), "fa_search", f3)
    with context.reading() as session:
        page = fund.list_applications(
            session=session,
            actor=me,
            call_id=call_id,
            year=year,
            statuses=(status,) if status else None,
            search=search,
            include_drafts=False,
            page=current_page("fa_page"),
        )
    if not page.items:
        st.info(t("fund.admin.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("fund.c.ref"): [r.ref for r in page.items],
                t("fund.c.title"): [r.title for r in page.items],
                t("fund.c.organisation"): [r.organisation for r in page.items],
                t("fund.c.status"): [status_label(r.status) for r in page.items],
                t("fund.c.requested"): [fmt_sek(r.requested_sek) for r in page.items],
                t("fund.c.granted"): [fmt_sek(r.granted_sek) for r in page.items],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.applications"),
    )
    pager(page, "fa_page")
    labels = {r.id: f"{r.ref} · {r.title}" for r in page.items}
    chosen = st.selectbox(
        t("fund.admin.choose"), list(labels), format_func=labels.get, key="fa_chosen", placeholder=t("ui.choose")
    )
    _application_panel(me, chosen, today)


def _application_panel(me: Actor, application_id: int, today: date) -> None:
    with context.reading() as session:
        view = fund.get_application(session=session, actor=me, application_id=application_id)
        events = fund.application_history(session=session, actor=me, application_id=application_id)
        own = view.applicant_id == me.id  # four eyes: another admin handles it (the services refuse too)
        if not own:
            assignments = review.assignments_for(session=session, actor=me, application_id=application_id)
            summary = review.review_summary(session=session, actor=me, application_id=application_id)
            reviews = review.others_reviews(session=session, actor=me, application_id=application_id)
    application_details(view)
    with st.expander(t("fund.mine.tab_history")):
        history_table(events)
    partner_links(me, "application", application_id)
    if own:
        st.info(t("fund.admin.own_case"), icon=":material/group:")
        return
    st.subheader(t("fund.admin.reviewers"))
    if assignments:
        st.dataframe(
            pd.DataFrame(
                {
                    t("fund.review.reviewer"): [a.reviewer for a in assignments],
                    t("fund.admin.assigned_at"): [fmt_datetime(a.assigned_at) for a in assignments],
                    t("fund.admin.declaration"): [
                        t("fund.admin.conflict", note=a.conflict_note)
                        if a.conflict_declared_at
                        else (t("fund.admin.no_conflict") if a.declared_at else t("fund.admin.not_declared"))
                        for a in assignments
                    ],
                    t("fund.review.submitted_at"): [fmt_datetime(a.submitted_at) for a in assignments],
                }
            ),
            hide_index=True,
            width="stretch",
            alt=t("fund.admin.reviewers"),
        )
    undecided = view.row.status in (S.submitted, S.in_review, S.needs_info)
    if undecided:
        _assign_form(me, application_id)
    _summary(summary, view.criteria)
    if reviews:
        reviews_table(reviews, view.criteria)
    if undecided:
        _decision_forms(me, view, today)
    elif view.row.status == S.final_reported and st.button(t("fund.admin.close"), key=f"fa_close_{application_id}"):
        write_then_confirm(
            lambda s: decisions.close_project(session=s, actor=me, application_id=application_id),
            "fund.admin.closed",
        )


def _assign_form(me: Actor, application_id: int) -> None:
    """Council members are offered at once; anyone else active is found by name (searched in SQL, capped),
    since the issue lets an admin ask "council members or other named users"."""
    search = search_box(
        t("fund.admin.reviewer_search"),
        f"fa_reviewer_search_{application_id}",
        help=t("fund.admin.reviewer_search_help"),
    )
    with context.reading() as session:
        reviewers = fund.reviewer_choices(session=session, actor=me, search=search)
    if not reviewers:
        st.info(t("fund.admin.no_reviewer_found"))
        return
    names = {i: f"{n} · {context.label(role, 'role')}" for i, n, role in reviewers}
    with st.form(f"fa_assign_{application_id}"):
        errors = FieldErrors()
        reviewer_id = st.selectbox(
            t("fund.admin.assign_who"),
            list(names),
            format_func=names.get,
            key="fa_reviewer",
            placeholder=t("ui.choose"),
        )
        errors.slot("reviewer_id", t("fund.admin.assign_who"))
        if st.form_submit_button(t("fund.admin.assign"), icon=":material/person_add:"):
            write_then_confirm(
                lambda s: review.assign_reviewer(
                    session=s, actor=me, application_id=application_id, reviewer_id=reviewer_id
                ),
                "fund.admin.assigned",
                errors,
            )


def _summary(summary: review.ReviewSummary, criteria: list[str]) -> None:
    st.subheader(t("fund.admin.summary"))
    if not summary.reviews:
        st.info(t("fund.admin.no_reviews"))
        return
    if summary.disagreement:
        st.warning(t("fund.admin.disagreement"), icon=":material/warning:")
    # st.table renders Markdown and an admin names the criteria: escape them.
    rows = {plain(criterion_label(c)): _score(summary.averages.get(c)) for c in criteria}
    rows[t("fund.admin.average")] = _score(summary.average)
    st.table({t("fund.admin.criterion"): list(rows), t("fund.admin.mean"): list(rows.values())}, hide_index=True)
    st.markdown(
        t(
            "fund.admin.recommendations",
            yes=summary.recommendations["yes"],
            maybe=summary.recommendations["maybe"],
            no=summary.recommendations["no"],
            n=summary.reviews,
        )
    )


def _score(value: float | None) -> str:
    """A mean score with two decimals ("3,50" in Swedish)."""
    return fmt_decimal(value, 2)


def _decision_forms(me: Actor, view: fund.ApplicationView, today: date) -> None:
    app_id = view.row.id
    st.subheader(t("fund.admin.decide"))
    approve_col, reject_col, info_col = st.columns(3)
    with approve_col, st.form(f"fa_approve_{app_id}"):
        errors = FieldErrors()
        amount = st.number_input(
            t("fund.admin.granted_sek"), value=view.row.requested_sek, step=10_000, key=f"fa_amount_{app_id}"
        )
        errors.slot("granted_sek", t("fund.admin.granted_sek"))
        note = st.text_area(t("fund.admin.decision_note"), key=f"fa_note_{app_id}")
        if st.form_submit_button(t("fund.admin.approve"), type="primary"):
            write_then_confirm(
                lambda s: decisions.approve(
                    session=s, actor=me, application_id=app_id, granted_sek=int(amount), note=note, today=today
                ),
                "fund.admin.approved",
                errors,
            )
    with reject_col, st.form(f"fa_reject_{app_id}"):
        errors = FieldErrors()
        reason = st.text_area(t("fund.admin.reason"), key=f"fa_reason_{app_id}")
        errors.slot("reason", t("fund.admin.reason"))
        if st.form_submit_button(t("fund.admin.reject")):
            write_then_confirm(
                lambda s: decisions.reject(session=s, actor=me, application_id=app_id, reason=reason, today=today),
                "fund.admin.rejected",
                errors,
            )
    if view.row.status != S.needs_info:
        with info_col, st.form(f"fa_info_{app_id}"):
            errors = FieldErrors()
            message = st.text_area(t("fund.admin.info_message"), key=f"fa_message_{app_id}")
            errors.slot("message", t("fund.admin.info_message"))
            if st.form_submit_button(t("fund.admin.request_info")):
                write_then_confirm(
                    lambda s: decisions.request_info(session=s, actor=me, application_id=app_id, message=message),
                    "fund.admin.info_requested",
                    errors,
                )


# ---------------------------------------------------------------- calls


def calls_tab(me: Actor, calls: list[CallRow], today: date) -> None:
    if calls:
        st.dataframe(
            pd.DataFrame(
                {
                    t("fund.c.call"): [c.name for c in calls],
                    t("fund.c.year"): [str(c.year) for c in calls],
                    t("fund.c.status"): [context.label(c.status, "call_status") for c in calls],
                    t("fund.c.opens_on"): [fmt_date(c.opens_on) for c in calls],
                    t("fund.c.closes_on"): [fmt_date(c.closes_on) for c in calls],
                    t("fund.c.review_due_on"): [fmt_date(c.review_due_on) for c in calls],
                    t("fund.c.budget"): [fmt_sek(c.budget_sek) for c in calls],
                    t("fund.c.granted"): [fmt_sek(c.granted_sek) for c in calls],
                    t("fund.c.remaining"): [fmt_sek(c.remaining_sek) for c in calls],
                    t("fund.c.applications"): [c.applications for c in calls],
                }
            ),
            hide_index=True,
            width="stretch",
            alt=t("grid.calls"),
        )
    choices: dict[int | None, str] = {None: t("fund.admin.new_call")}
    choices.update({c.id: c.name for c in calls})
    chosen = st.selectbox(
        t("fund.admin.edit_call"), list(choices), format_func=choices.get, key="fc_chosen", placeholder=t("ui.choose")
    )
    call = next((c for c in calls if c.id == chosen), None)
    _call_form(me, call, today)
    if call is not None and call.status == "closed" and st.button(t("fund.admin.mark_decided"), key="fc_decided"):
        write_then_confirm(
            lambda s: fund.mark_call_decided(session=s, actor=me, call_id=call.id, today=today), "fund.admin.decided"
        )


def _call_form(me: Actor, call: CallRow | None, today: date) -> None:
    prefix = f"fc_{call.id if call else 'new'}_"
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        name = c1.text_input(t("fund.c.call"), value=call.name if call else "", key=f"{prefix}name")
        with c1:
            errors.slot("name", t("fund.c.call"))
        year = c2.number_input(t("fund.c.year"), value=call.year if call else today.year, step=1, key=f"{prefix}year")
        with c2:
            errors.slot("year", t("fund.c.year"))
        budget = c1.number_input(
            t("fund.c.budget"), value=call.budget_sek if call else 0, step=100_000, key=f"{prefix}budget"
        )
        with c1:
            errors.slot("budget_sek", t("fund.c.budget"))
        criteria = c2.text_input(
            t("fund.admin.criteria"),
            value=", ".join(call.criteria) if call else "nytta, nyhetsgrad, genomförbarhet, spridningspotential",
            help=t("fund.admin.criteria_help"),
            key=f"{prefix}criteria",
        )
        with c2:
            errors.slot("criteria", t("fund.admin.criteria"))
        opens = c1.date_input(
            t("fund.c.opens_on"), value=call.opens_on if call else None, format="YYYY-MM-DD", key=f"{prefix}opens"
        )
        with c1:
            errors.slot("opens_on", t("fund.c.opens_on"))
        closes = c2.date_input(
            t("fund.c.closes_on"), value=call.closes_on if call else None, format="YYYY-MM-DD", key=f"{prefix}closes"
        )
        with c2:
            errors.slot("closes_on", t("fund.c.closes_on"))
        review_due = c1.date_input(
            t("fund.c.review_due_on"),
            value=call.review_due_on if call else None,
            format="YYYY-MM-DD",
            help=t("fund.admin.review_due_help"),
            key=f"{prefix}review_due",
        )
        with c1:
            errors.slot("review_due_on", t("fund.c.review_due_on"))
        description = st.text_area(
            t("fund.admin.description"), value=call.description if call else "", key=f"{prefix}description"
        )
        if st.form_submit_button(t("ui.save"), type="primary"):
            data = {
                "name": name,
                "year": int(year) if year is not None else None,
                "budget_sek": int(budget) if budget is not None else None,
                "opens_on": opens,
                "closes_on": closes,
                "review_due_on": review_due,
                "description": description,
                "criteria": criteria,
            }

            def store() -> bool:
                with context.writing() as session:
                    if call is None:
                        fund.create_call(session=session, actor=me, data=data, today=today)
                    else:
                        fund.update_call(session=session, actor=me, call_id=call.id, data=data, today=today)
                return True

            if attempt(store, errors):
                forget_inputs(prefix)
                flash_and_rerun("ui.saved")


# ---------------------------------------------------------------- decision pack


def pack_tab(me: Actor, calls: list[CallRow]) -> None:
    if not calls:
        st.info(t("fund.admin.no_calls"))
        return
    call_id = _call_picker(calls, "fp_call")
    call = next(c for c in calls if c.id == call_id)
    with context.reading() as session:
        pack = review.decision_pack(session=session, actor=me, call_id=call_id)
    if not pack:
        st.info(t("fund.admin.none"))
        return
    headers = {
        "rank": t("fund.pack.rank"),
        "ref": t("fund.c.ref"),
        "title": t("fund.c.title"),
        "organisation": t("fund.c.organisation"),
        "status": t("fund.c.status"),
        "requested": t("fund.c.requested"),
        "granted": t("fund.c.granted"),
        "average": t("fund.admin.average"),
        "yes": context.label("yes", "recommendation"),
        "maybe": context.label("maybe", "recommendation"),
        "no": context.label("no", "recommendation"),
        "disagreement": t("fund.pack.disagreement"),
        "flag_yes": t("ui.yes"),
        **{f"status.{s.value}": status_label(s) for s in S},
    }
    criteria = call.criteria
    head, rows = review.decision_pack_table(pack, criteria, headers)
    labels = [*head[:8], *[criterion_label(c) for c in criteria], *head[8 + len(criteria) :]]
    # The whole ranked call goes into the .xlsx; the screen shows it a page at a time.
    offset, limit = page_bounds(current_page("fp_page"), PACK_PAGE)
    shown = Page(items=rows[offset : offset + limit], total=len(rows), page=current_page("fp_page"), page_size=limit)
    st.dataframe(
        pd.DataFrame(shown.items, columns=labels), hide_index=True, width="stretch", alt=t("grid.decision_pack")
    )
    pager(shown, "fp_page")
    sheet = t("fund.pack.sheet")
    st.download_button(
        t("fund.pack.download"),
        data=lambda: exports.table_to_xlsx(labels, rows, sheet=sheet),  # built when clicked
        file_name=f"{t('fund.pack.file')}-{call.year}-{call.id}.xlsx",
        mime=exports.XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )


# ---------------------------------------------------------------- follow-up


def follow_up_tab(me: Actor, today: date) -> None:
    late_only = st.toggle(t("fund.follow.late_only"), key="ff_late")
    with context.reading() as session:
        page = decisions.follow_up(
            session=session, actor=me, today=today, late_only=late_only, page=current_page("ff_page")
        )
    if not page.items:
        st.info(t("fund.follow.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("fund.c.ref"): [r.ref for r in page.items],
                t("fund.c.title"): [r.title for r in page.items],
                t("fund.c.organisation"): [r.organisation for r in page.items],
                t("fund.c.status"): [status_label(r.status) for r in page.items],
                t("fund.c.granted"): [fmt_sek(r.granted_sek) for r in page.items],
                t("fund.follow.spent"): [fmt_sek(r.spent_sek) for r in page.items],
                t("fund.follow.next_due"): [fmt_date(r.next_due_on) for r in page.items],
                t("fund.follow.late"): [
                    t("fund.follow.late_n", n=r.late_reports) if r.late_reports else "" for r in page.items
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.follow_up"),
    )
    pager(page, "ff_page")
    labels = {r.application_id: f"{r.ref} · {r.title}" for r in page.items}
    chosen = st.selectbox(
        t("fund.admin.choose"), list(labels), format_func=labels.get, key="ff_chosen", placeholder=t("ui.choose")
    )
    row = next(r for r in page.items if r.application_id == chosen)
    with context.reading() as session:
        reports = decisions.reports_for(session=session, actor=me, application_id=chosen, today=today)
    reports_table(reports)
    for report in [r for r in reports if r.text]:
        with st.expander(plain(f"{context.label(report.kind, 'report_kind')} · {fmt_date(report.submitted_on)}")):
            st.text(report.text)
    if row.status == S.final_reported and st.button(t("fund.admin.close"), key=f"ff_close_{chosen}", type="primary"):
        write_then_confirm(
            lambda s: decisions.close_project(session=s, actor=me, application_id=chosen), "fund.admin.closed"
        )
    if row.status in REPORTING_STATUSES:  # stopped only while it runs (and owes reports)
        _stop_form(me, chosen)
    benefits_panel(me, application_id=chosen)


def _stop_form(me: Actor, application_id: int) -> None:
    """Stop a project before its end, with the coded obstacle (counted in the council's figures)."""
    with st.expander(t("obstacles.stop_project"), icon=":material/block:"), st.form(f"ff_stop_{application_id}"):
        errors = FieldErrors()
        kind = st.selectbox(
            required("obstacles.kind"),
            list(ObstacleKind),
            index=None,
            format_func=lambda k: context.label(k, "obstacle_kind"),
            placeholder=t("ui.choose"),
        )
        errors.slot("obstacle_kind", t("obstacles.kind"))
        reason = st.text_area(required("obstacles.stop_reason"))
        errors.slot("reason", t("obstacles.stop_reason"))
        if st.form_submit_button(t("obstacles.stop_submit")):
            write_then_confirm(
                lambda s: decisions.stop_project(
                    session=s, actor=me, application_id=application_id, obstacle_kind=kind, reason=reason
                ),
                "obstacles.stopped",
                errors,
            )


# ---------------------------------------------------------------- budget


def budget_chart(frame: pd.DataFrame, *, description: str, x_title: str, y_title: str, measure_title: str) -> alt.Chart:
    """Applied, granted and spent side by side per call or area (the frame is already aggregated)."""
    long = frame.melt(id_vars=["label"], value_vars=["applied", "granted", "spent"], var_name="m", value_name="sek")
    names = {"applied": t("fund.budget.applied"), "granted": t("fund.budget.granted"), "spent": t("fund.budget.spent")}
    long["measure"] = long["m"].map(names)
    return (
        alt.Chart(long, description=description)
        .mark_bar()
        .encode(
            x=alt.X("label:N", title=x_title, sort=list(frame["label"]), axis=alt.Axis(labelAngle=-20, labelLimit=240)),
            xOffset=alt.XOffset("measure:N", sort=list(names.values())),
            y=alt.Y("sek:Q", title=y_title, axis=alt.Axis(format="~s")),
            color=alt.Color(
                "measure:N", title=measure_title, sort=list(names.values()), legend=alt.Legend(orient="bottom")
            ),
            tooltip=[
                alt.Tooltip("label:N", title=x_title),
                alt.Tooltip("measure:N", title=measure_title),
                alt.Tooltip("sek:Q", title=y_title, format=",.0f"),
            ],
        )
    )


def budget_tab(me: Actor, year: int) -> None:
    """The chosen year's calls and areas, aggregated in SQL (see services/fund/figures.py)."""
    with context.reading() as session:
        per_call = figures.fund_figures(session=session, actor=me, by="call", year=year)
        per_area = figures.fund_figures(session=session, actor=me, by="area", year=year)
    st.subheader(t("fund.budget.per_call"))
    calls = pd.DataFrame(
        {
            "label": [r.key for r in per_call],
            "budget": [r.budget_sek for r in per_call],
            "applied": [r.applied_sek for r in per_call],
            "granted": [r.granted_sek for r in per_call],
            "remaining": [r.remaining_sek for r in per_call],
            "spent": [r.spent_sek for r in per_call],
        }
    )
    _figures_table(calls, t("fund.c.call"), with_budget=True)
    if not calls.empty:
        _figures_downloads(calls, t("fund.c.call"), key="fb_calls", filename=f"fond-per-utlysning-{year}")
        _draw_budget_chart(calls, t("fund.budget.chart_calls"), t("fund.c.call"))
    st.subheader(t("fund.budget.per_area"))
    areas = with_area_names(
        pd.DataFrame(
            {
                "area_code": [r.key for r in per_area],
                "applied": [r.applied_sek for r in per_area],
                "granted": [r.granted_sek for r in per_area],
                "spent": [r.spent_sek for r in per_area],
            }
        )
    ).rename(columns={"area": "label"})
    _figures_table(areas, t("overview.area"), with_budget=False)
    if not areas.empty:
        _figures_downloads(areas, t("overview.area"), key="fb_areas", filename=f"fond-per-karnverksamhet-{year}")
        _draw_budget_chart(areas, t("fund.budget.chart_areas"), t("overview.area"))


def _figures_downloads(frame: pd.DataFrame, label_title: str, *, key: str, filename: str) -> None:
    """The table's figures as numbers (kr), downloadable: what the chart below draws."""
    columns = [c for c in ("budget", "applied", "granted", "remaining", "spent") if c in frame.columns]
    table = frame[["label", *columns]].rename(
        columns={"label": label_title, **{c: f"{t(f'fund.budget.{c}')} (kr)" for c in columns}}
    )
    table_downloads(table, key=key, filename=filename)


def _draw_budget_chart(frame: pd.DataFrame, description: str, x_title: str) -> None:
    sek, measure = t("fund.budget.sek"), t("fund.budget.measure")
    chart = budget_chart(frame, description=description, x_title=x_title, y_title=sek, measure_title=measure)
    vega.draw(readable(vega.spec(chart)), width="stretch")


def _figures_table(frame: pd.DataFrame, label_title: str, *, with_budget: bool) -> None:
    columns = ["budget", "applied", "granted", "remaining", "spent"] if with_budget else ["applied", "granted", "spent"]
    table = {label_title: [plain(label) for label in frame["label"]]}  # call names are admin text
    for column in columns:
        table[t(f"fund.budget.{column}")] = [fmt_sek(v) for v in frame[column]]
    st.table(table, hide_index=True)
