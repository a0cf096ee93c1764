"""Texts of the fund pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ navigation
    "nav.fund_calls": ("Utlysningar & ansökan", "Calls & applying"),
    "nav.fund_mine": ("Mina ansökningar", "My applications"),
    "nav.fund_review": ("Granskning", "Review"),
    "nav.fund_admin": ("Fondhantering", "Fund management"),
    # ------------------------------------------------------------ service messages
    "fund.already_declared": ("Du har redan lämnat din jävsdeklaration.", "You have already made your declaration."),
    "fund.budget_below_granted": (
        "Budgeten kan inte vara lägre än det som redan beviljats ({granted} kr).",
        "The budget cannot be lower than what has already been granted (SEK {granted}).",
    ),
    "fund.call_has_undecided": (
        "{n} ansökningar väntar fortfarande på beslut.",
        "{n} applications are still waiting for a decision.",
    ),
    "fund.call_name_taken": ("Det finns redan en utlysning med det namnet.", "A call with that name already exists."),
    "fund.call_not_closed": (
        "Utlysningen kan markeras som beslutad först när den har stängt.",
        "The call can be marked as decided only once it has closed.",
    ),
    "fund.call_not_open": (
        "Utlysningen är inte öppen för ansökningar (sista dag {closes_on}).",
        "The call is not open for applications (last day {closes_on}).",
    ),
    "fund.close_needs_final_report": (
        "Projektet kan avslutas först när slutrapporten har kommit in.",
        "The project can be closed only once the final report is in.",
    ),
    "fund.closes_before_opens": (
        "Sista dag måste vara samma dag som eller efter öppningsdagen.",
        "The closing day must be on or after the opening day.",
    ),
    "fund.conflict_note_required": (
        "Beskriv kort vari jävet består.",
        "Describe briefly what the conflict of interest is.",
    ),
    "fund.criteria_locked": (
        "Kriterierna kan inte ändras när granskningar redan har skickats in.",
        "The criteria cannot change once reviews have been submitted.",
    ),
    "fund.criteria_required": ("Ange minst ett kriterium.", "Enter at least one criterion."),
    "fund.declare_first": (
        "Lämna jävsdeklarationen innan du granskar.",
        "Make your conflict-of-interest declaration before reviewing.",
    ),
    "fund.ends_before_starts": ("Slutdatum måste vara efter startdatum.", "The end date must be after the start date."),
    "fund.grant_above_remaining": (
        "Beloppet är större än det som återstår av utlysningens budget ({remaining} kr).",
        "The amount is larger than what is left of the call's budget (SEK {remaining}).",
    ),
    "fund.grant_above_requested": (
        "Beviljat belopp får inte vara större än det sökta ({requested} kr).",
        "The granted amount cannot exceed the amount applied for (SEK {requested}).",
    ),
    "fund.grant_positive": ("Ange ett belopp större än noll.", "Enter an amount greater than zero."),
    "fund.invalid_transition": (
        "Det steget går inte att ta med ansökan i dess nuvarande status.",
        "That step is not possible with the application in its current status.",
    ),
    "fund.message_required": ("Skriv vad som behöver kompletteras.", "Write what needs to be added."),
    "fund.not_assigned": (
        "Du är inte (längre) tilldelad att granska den här ansökan.",
        "You are not (or no longer) assigned to review this application.",
    ),
    "fund.not_editable": (
        "Ansökan kan inte ändras längre: den är inskickad.",
        "The application can no longer be changed: it has been submitted.",
    ),
    "fund.own_organisation_only": (
        "Du kan bara söka för din egen organisation.",
        "You can only apply for your own organisation.",
    ),
    "fund.reason_required": ("Skriv ett skäl som sökanden kan läsa.", "Write a reason that the applicant can read."),
    "fund.recommendation_required": ("Välj en rekommendation.", "Choose a recommendation."),
    "fund.report_already_submitted": ("Rapporten är redan inskickad.", "The report has already been submitted."),
    "fund.report_not_expected": (
        "Projektet tar inte emot rapporter i sin nuvarande status.",
        "The project does not take reports in its current status.",
    ),
    "fund.requested_above_budget": (
        "Sökt belopp får inte vara större än utlysningens budget ({budget} kr).",
        "The amount applied for cannot exceed the call's budget (SEK {budget}).",
    ),
    "fund.review_already_submitted": (
        "Din granskning är redan inskickad.",
        "Your review has already been submitted.",
    ),
    "fund.review_closed": (
        "Ansökan är redan beslutad; granskningen är stängd.",
        "The application has been decided; the review is closed.",
    ),
    "fund.reviewer_already_assigned": ("Personen är redan tilldelad.", "This person is already assigned."),
    "fund.reviewer_had_conflict": (
        "Personen har anmält jäv för den här ansökan.",
        "This person has declared a conflict of interest for this application.",
    ),
    "fund.reviewer_is_applicant": (
        "Sökanden kan inte granska sin egen ansökan.",
        "The applicant cannot review their own application.",
    ),
    "fund.score_out_of_range": ("Poängen ska vara {min}–{max}.", "The score must be {min}–{max}."),
    "fund.score_required": (
        "Sätt en poäng eller välj ”ej bedömbar”.",
        "Give a score or choose “not assessable”.",
    ),
    "fund.spent_not_negative": ("Ange förbrukat belopp, noll eller mer.", "Enter the amount spent, zero or more."),
    "fund.submit_own_first": (
        "Du ser de andras granskningar när du har skickat in din egen.",
        "You see the others' reviews once you have submitted your own.",
    ),
    "fund.unknown_criterion": ("Okänt kriterium.", "Unknown criterion."),
}
