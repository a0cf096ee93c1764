"""Texts of the figures the region signs (issue 11): aggregation rules, year-end states, benefit
realisation, ownership of indicators and the bokslut. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ aggregation rules
    "aggregation.flow": ("Flöde (summeras)", "Flow (summed)"),
    "aggregation.stock": ("Bestånd (värdet vid periodens slut)", "Stock (the value at the period's end)"),
    "aggregation.share": ("Andel", "Share"),
    "aggregation.level": ("Nivå (index, median)", "Level (index, median)"),
    "weighting.ratio": ("täljare / nämnare", "numerator / denominator"),
    "weighting.staff": ("vägd med antal anställda", "weighted by staff"),
    "weighting.equal": ("lika vikt per organisation", "equal weight per organisation"),
    "annual.col.rule": ("Regel", "Rule"),
    # ------------------------------------------------------------ ownership
    "indicators.data.own_indicators_only": (
        "Du kan skapa och ändra din egen förvaltnings egna indikatorer. De centrala sköts av innovationsstöd.",
        "You can create and change your own administration's own indicators. The central ones are kept by "
        "the innovation team.",
    ),
    "indicators.data.own_targets_only": (
        "Du kan sätta mål för din förvaltnings egna indikatorer, för din egen förvaltning.",
        "You can set targets for your administration's own indicators, for your own administration.",
    ),
    "annual.error_not_your_level": (
        "Du skriver kommentaren för din egen organisation. Regionens och kärnverksamheternas skrivs av "
        "innovationsstöd.",
        "You write the commentary of your own organisation. The region's and the core areas' are written by "
        "the innovation team.",
    ),
    "indicators.register.own_of": (
        "Indikatorn blir en egen indikator för {organisation}: ni rapporterar den och sätter dess mål.",
        "The indicator becomes an own indicator of {organisation}: you report it and set its targets.",
    ),
    "indicators.register.central_read_only": (
        "En central indikator: innovationsstöd ändrar den och dess mål.",
        "A central indicator: the innovation team changes it and its targets.",
    ),
    "orgs.staff": ("Antal anställda", "Staff"),
    "orgs.staff_help": (
        "Väger organisationens andelar och nivåer i kärnverksamhetens och regionens siffror, för indikatorer "
        "som vägs med antal anställda. Lämna tomt om det inte är känt.",
        "Weighs the organisation's shares and levels in the core area's and the region's figures, for "
        "indicators weighted by staff. Leave empty when unknown.",
    ),
    "orgs.save_staff": ("Spara antal anställda", "Save the staff count"),
    "indicators.register.aggregation": ("Regel för summering", "Aggregation rule"),
    "indicators.register.weighting": ("Vägning (andelar och nivåer)", "Weighting (shares and levels)"),
    "indicators.register.weighting_default": ("Standard för regeln", "The rule's default"),
    "indicators.register.rule": ("Regel", "Rule"),
    "indicators.register.rule_help": (
        "Flöde: summan av periodernas värden (inkomna idéer, beviljade kronor). Bestånd: varje organisations "
        "senast rapporterade period i tidsspannet, summerat över organisationer (pågående projekt vid "
        "periodens slut). Andel: räknas om ur täljare och nämnare, eller vägs med antal anställda – aldrig ett "
        "rakt medel av procenttal. Nivå: index och medianer, medel vägt med antal anställda eller lika per "
        "organisation. En beräknad indikator följer sin beräknings regel.",
        "Flow: the sum of the periods' values (ideas received, SEK granted). Stock: each organisation's last "
        "reported period in the span, summed over organisations (projects running at the period's end). "
        "Share: recomputed from numerator and denominator, or weighted by staff count – never a plain mean of "
        "percentages. Level: indices and medians, a mean weighted by staff count or equally per "
        "organisation. A computed indicator follows its computation's rule.",
    ),
    "indicators.register.confirm_rule": (
        "Räkna om redan rapporterade värden om regeln ändras",
        "Recount values already reported if the rule changes",
    ),
    "indicators.data.rule_change_confirm": (
        "Indikatorn har {n} rapporterade värden: med en ny regel räknas alla siffror om, också i "
        "innovationsbokslutet för år som inte är låsta. Kryssa i att värdena ska räknas om och spara igen.",
        "The indicator has {n} reported values: with a new rule every figure is recounted, also in the "
        "innovationsbokslut of years not frozen. Tick that the values are to be recounted and save again.",
    ),
    "indicators.data.weighting_for_share": (
        "En andel räknas ur täljare och nämnare eller vägs med antal anställda.",
        "A share is computed from numerator and denominator or weighted by staff count.",
    ),
    "indicators.data.weighting_for_level": (
        "En nivå vägs med antal anställda eller lika per organisation.",
        "A level is weighted by staff count or equally per organisation.",
    ),
    "indicators.data.numerator_above_denominator": (
        "Täljaren kan inte vara större än nämnaren i en andel.",
        "The numerator cannot be larger than the denominator of a share.",
    ),
    "indicators.data.import_ratio_needed": (
        "{code} rapporteras med täljare och nämnare: fyll i kolumnerna täljare och nämnare.",
        "{code} is reported with numerator and denominator: fill in the columns numerator and denominator.",
    ),
    "indicators.data.import_ratio_negative": (
        "Täljaren kan inte vara negativ och nämnaren måste vara större än noll.",
        "The numerator cannot be negative and the denominator must be above zero.",
    ),
    "indicators.report.col_numerator": ("Täljare", "Numerator"),
    "indicators.report.col_denominator": ("Nämnare", "Denominator"),
    "indicators.report.col_ratio": ("Täljare / nämnare", "Numerator / denominator"),
    "indicators.report.ratio_help": (
        "Andelen rapporteras som täljare och nämnare (till exempel utbildade medarbetare och alla medarbetare); "
        "procenttalet räknas fram, och kärnverksamhetens och regionens andel blir summan av täljarna delad med "
        "summan av nämnarna.",
        "The share is reported as numerator and denominator (for example employees trained and all "
        "employees); the percentage is computed, and the core area's and the region's share is the sum of the "
        "numerators divided by the sum of the denominators.",
    ),
}
