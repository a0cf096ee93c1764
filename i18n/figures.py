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
    # ------------------------------------------------------------ benefit realisation (nytta)
    "benefit_unit.sek_per_year": ("kr per år", "SEK per year"),
    "benefit_unit.hours_per_year": ("timmar per år", "hours per year"),
    "benefit_unit.co2e_tonnes_per_year": ("ton CO₂e per år", "tonnes CO₂e per year"),
    "benefit_unit.people_reached": (
        "personer nådda (patienter, resenärer, besökare)",
        "people reached (patients, travellers, visitors)",
    ),
    "benefits.heading": ("Nytta", "Benefits"),
    "benefits.rule_help": (
        "Varje nytta har en uppskattning och mätningar över tid. Det realiserade värdet är den senaste "
        "mätningen – en ny mätning ersätter den förra, den läggs inte till.",
        "Each benefit has an estimate and measurements over time. The realised value is the latest "
        "measurement – a new measurement replaces the previous one, it is not added to it.",
    ),
    "benefits.none": ("Ingen nytta är registrerad än.", "No benefit is recorded yet."),
    "benefits.not_yet_help": (
        "Nyttan följs upp när idén når Införande eller Spridning, och för projekt som fått medel.",
        "Benefits are followed up once the idea reaches Implementation or Spread, and for funded projects.",
    ),
    "benefits.add": ("Registrera en nytta", "Record a benefit"),
    "benefits.follow_up": (
        "Följ upp en nytta: ny mätning, ändra eller ta bort",
        "Follow up a benefit: new measurement, change or remove",
    ),
    "benefits.choose": ("Nytta", "Benefit"),
    "benefits.choose_unit": ("Välj enhet …", "Choose a unit …"),
    "benefits.record": ("Registrera nyttan", "Record the benefit"),
    "benefits.save": ("Spara ändringen", "Save the change"),
    "benefits.delete": ("Ta bort nyttan", "Remove the benefit"),
    "benefits.edit": ("Ändra nyttan", "Change the benefit"),
    "benefits.saved": ("Nyttan är sparad.", "The benefit is saved."),
    "benefits.deleted": ("Nyttan är borttagen.", "The benefit is removed."),
    "benefits.measure": ("Ny mätning ({unit})", "New measurement ({unit})"),
    "benefits.record_measurement": ("Registrera mätningen", "Record the measurement"),
    "benefits.measurement_saved": ("Mätningen är sparad.", "The measurement is saved."),
    "benefits.measurement": ("Mätning", "Measurement"),
    "benefits.delete_measurement": ("Ta bort mätningen", "Remove the measurement"),
    "benefits.measurement_deleted": ("Mätningen är borttagen.", "The measurement is removed."),
    "benefits.first_measurement": (
        "Redan uppmätt? Fyll i realiserat värde och mätdatum (annars lämna tomt och registrera mätningar senare).",
        "Already measured? Fill in the realised value and the date (otherwise leave empty and add measurements later).",
    ),
    "benefits.description_help": (
        "Vad blir bättre och för vem, till exempel ”färre återbesök på akuten” eller ”mindre dieselförbrukning”.",
        "What gets better and for whom, for example “fewer return visits to A&E” or “less diesel burnt”.",
    ),
    "benefits.estimated_per_unit": ("Uppskattat värde (i vald enhet)", "Estimated value (in the chosen unit)"),
    "benefits.estimated_help": (
        "Vad nyttan väntas ge per år (eller hur många den når), till exempel 1 200 000 kr per år.",
        "What the benefit is expected to bring a year (or how many it reaches), for example SEK 1,200,000 a year.",
    ),
    "benefits.measured_by_help": (
        "Vem som mätte eller beräknade värdet, till exempel ”Controller, SLSO”.",
        "Who measured or calculated the value, for example “Controller, SLSO”.",
    ),
    "benefits.col.kind": ("Slag av nytta", "Kind of benefit"),
    "benefits.col.description": ("Beskrivning", "Description"),
    "benefits.col.unit": ("Enhet", "Unit"),
    "benefits.col.estimated": ("Uppskattat", "Estimated"),
    "benefits.col.realised": ("Realiserat", "Realised"),
    "benefits.col.measured_on": ("Uppmätt", "Measured on"),
    "benefits.col.measured_by": ("Uppmätt av", "Measured by"),
    "benefits.col.recorded_by": ("Registrerad av", "Recorded by"),
    "benefits.col.measurements": ("Mätningar", "Measurements"),
    "benefits.col.measured_of": ("Uppmätta nyttor", "Benefits measured"),
    "benefits.measured_of": ("{measured} av {benefits}", "{measured} of {benefits}"),
    "benefits.col.ideas": ("Inkomna idéer", "Ideas received"),
    "benefits.col.applications": ("Ansökningar", "Applications"),
    "benefits.unit_required": (
        "Välj en enhet – ett värde utan enhet går inte att följa upp eller summera.",
        "Choose a unit – a value without a unit cannot be followed up or summed.",
    ),
    "benefits.value_negative": (
        "Värdet kan inte vara negativt. Beskriv en försämring i texten, eller ange 0.",
        "The value cannot be negative. Describe a deterioration in the text, or enter 0.",
    ),
    "benefits.value_required": (
        "Ange ett uppskattat värde, eller ett realiserat värde med mätdatum (eller båda).",
        "Give an estimated value, or a realised value with its measurement date (or both).",
    ),
    "benefits.value_absurd": (
        "Värdet är orimligt stort för enheten (högst {max}). Kontrollera enheten och antalet nollor.",
        "The value is implausibly large for the unit (at most {max}). Check the unit and the number of zeros.",
    ),
    "benefits.measured_on_range": (
        "Mätdatumet kan inte ligga i framtiden eller före år 2000.",
        "The measurement date cannot be in the future or before 2000.",
    ),
    "benefits.measured_twice": (
        "Nyttan har redan en mätning den dagen. Ta bort den först om den var fel.",
        "The benefit already has a measurement on that day. Remove it first if it was wrong.",
    ),
    "benefits.unit_locked": (
        "Enheten kan inte ändras när nyttan har mätningar. Registrera en ny nytta i den andra enheten.",
        "The unit cannot change once the benefit has measurements. Record a new benefit in the other unit.",
    ),
    "benefits.last_measurement": (
        "Nyttan har ingen uppskattning, så den sista mätningen kan inte tas bort. Ange en uppskattning eller "
        "ta bort hela nyttan.",
        "The benefit has no estimate, so its last measurement cannot be removed. Give an estimate or remove "
        "the whole benefit.",
    ),
    "benefits.not_yet": (
        "Nytta registreras för idéer i Införande eller Spridning och för projekt som fått medel.",
        "Benefits are recorded for ideas in Implementation or Spread and for funded projects.",
    ),
    "benefits.to_follow_up": ("Nytta att följa upp", "Benefits to follow up"),
    "benefits.to_follow_up_caption": (
        "Idéer du ansvarar för som är i Införande eller Spridning: registrera vad de väntas ge och vad de gav.",
        "Ideas you are responsible for that are in Implementation or Spread: record what they are expected to "
        "bring and what they brought.",
    ),
    "benefits.totals": ("Nytta {period}", "Benefits {period}"),
    "benefits.totals_help": (
        "Nyttan av idéer i införande och av finansierade projekt som den stod vid periodens slut. Realiserat: "
        "varje nyttas senaste mätning fram till dess, summerat över nyttorna per enhet (en ny mätning ersätter "
        "den förra). Årliga belopp summeras aldrig över perioder.",
        "The benefits of ideas being implemented and of funded projects as they stood at the period's end. "
        "Realised: each benefit's latest measurement up to then, summed over the benefits per unit (a new "
        "measurement replaces the previous one). Yearly amounts are never summed over periods.",
    ),
    "benefits.no_totals": ("Ingen nytta registrerad ännu.", "No benefit recorded yet."),
    "benefits.by_kind": (
        "Idéer och ansökningar per slag av nytta {period}",
        "Ideas and applications by kind of benefit {period}",
    ),
    "benefits.by_kind_description": (
        "Stapeldiagram: periodens inkomna idéer och ansökningar till Innovationsfonden per slag av nytta "
        "(ekonomisk, social, miljö).",
        "Bar chart: the period's ideas received and applications to Innovationsfonden by kind of benefit "
        "(economic, social, environmental).",
    ),
    "benefits.what": ("Vad", "What"),
    "benefits.count": ("Antal", "Count"),
    "benefits.live_realised": ("Realiserad nytta", "Benefits realised"),
    "annual.benefits": ("Nytta vid årets slut", "Benefits at the year's end"),
    "annual.benefits_by_level": ("Nytta per nivå", "Benefits by level"),
    "annual.sheet.benefits": ("Nytta", "Benefits"),
    "annual.sheet.budget": ("Innovationsbudget", "Innovation budget"),
    "annual.sheet.benefit_kinds": ("Per slag av nytta", "By kind of benefit"),
    "annual.pdf.benefits": ("Nytta vid årets slut", "Benefits at the year's end"),
    "annual.pdf.organisations_benefits": (
        "Organisationernas nytta vid årets slut",
        "The organisations' benefits at the year's end",
    ),
    "annual.col.benefits": ("Nyttor", "Benefits"),
    "annual.col.benefits_measured": ("Varav uppmätta", "Of which measured"),
}
