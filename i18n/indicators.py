"""Texts of the indicators pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {}

# ---------------------------------------------------------------- views: area dashboards, Rådsläge, bokslut
# (kept in their own block so that the two halves of the indicators issue can be edited apart)
VIEW_TEXTS: dict[str, tuple[str, str]] = {
    "indicators.computed.days.one": ("{n} dag", "{n} day"),
    "indicators.computed.days.other": ("{n} dagar", "{n} days"),
    "indicators.area.title": ("Kärnverksamhet", "Core area"),
    "indicators.area.caption": (
        "Innovationsarbetet i kärnverksamheten, räknat ur registren när sidan visas. Idéer som berör flera "
        "kärnverksamheter räknas här och i varje annan de berör (en gång i regionen). Välj period; varje "
        "diagram kan visas som tabell och laddas ned.",
        "The innovation work of the core area, counted from the records when the page is shown. Ideas that "
        "touch several core areas count here and in each other one they touch (once in the region). Choose a "
        "period; every chart can be shown as a table and downloaded.",
    ),
    "indicators.area.no_area": (
        "Kärnverksamheten finns inte i registret. Be en administratör lägga till den.",
        "This core area is not in the register. Ask an administrator to add it.",
    ),
    "indicators.area.period_kind": ("Periodtyp", "Kind of period"),
    "indicators.area.period": ("Period", "Period"),
    "indicators.area.quarter_label": ("{year} K{q}", "{year} Q{q}"),
    "indicators.area.vs_previous": ("{change} mot föregående period", "{change} on the previous period"),
    "indicators.area.no_target": ("Inget mål satt för perioden", "No target set for the period"),
    "indicators.area.target": ("Mål: {target}", "Target: {target}"),
    "indicators.area.target_met": (
        ":material/check_circle: Mål {target}: uppnått",
        ":material/check_circle: Target {target}: met",
    ),
    "indicators.area.target_missed": (
        ":material/cancel: Mål {target}: inte uppnått",
        ":material/cancel: Target {target}: not met",
    ),
    "indicators.area.show_table": ("Visa som tabell", "Show as a table"),
    "indicators.area.download_csv": ("Ladda ned CSV", "Download CSV"),
    "indicators.area.download_xlsx": ("Ladda ned Excel", "Download Excel"),
    "indicators.area.kpis": ("Nyckeltal {period}", "Key figures {period}"),
    "indicators.area.in_progress": (
        "Perioden pågår: siffrorna gäller till och med {day} och jämförs med hela periodens mål.",
        "The period is in progress: the figures run to {day} and are held against the whole period's target.",
    ),
    "indicators.area.indicator_detail": (
        "En indikator över tid och per organisation",
        "One indicator over time and by organisation",
    ),
    "indicators.area.indicator": ("Indikator", "Indicator"),
    "indicators.area.no_indicators": ("Det finns inga aktiva indikatorer.", "There are no active indicators."),
    "indicators.area.over_time": ("Över tid, mot årets mål", "Over time, against the year's target"),
    "indicators.area.over_time_description": (
        "Linjediagram: {name} per period de senaste tre åren, med årets mål som streckad linje.",
        "Line chart: {name} per period over the last three years, with the year's target as a dashed line.",
    ),
    "indicators.area.by_organisation": ("Per organisation {period}", "By organisation {period}"),
    "indicators.area.by_organisation_description": (
        "Stapeldiagram: {name} per organisation i kärnverksamheten, med organisationens mål som streck.",
        "Bar chart: {name} per organisation of the core area, with the organisation's target as a tick.",
    ),
    "indicators.area.value_col": ("Värde", "Value"),
    "indicators.area.target_col": ("Mål", "Target"),
    "indicators.area.organisation": ("Organisation", "Organisation"),
    "indicators.area.short_name": ("Förkortning", "Short name"),
    "indicators.area.funnel": ("Idétratten, idéer inkomna {period}", "The idea funnel, ideas received {period}"),
    "indicators.area.funnel_description": (
        "Stapeldiagram: hur många av periodens idéer som har nått varje steg från inkommen till spridning.",
        "Bar chart: how many of the period's ideas have reached each step from received to spread.",
    ),
    "indicators.area.funnel_help": (
        "En idé räknas i varje steg den har nått av de {stages}, även om den senare parkerats eller avslutats.",
        "An idea counts in every one of the {stages} steps it has reached, even if it was later parked or closed.",
    ),
    "indicators.area.stage": ("Steg", "Stage"),
    "indicators.area.ideas": ("Idéer", "Ideas"),
    "indicators.area.fund": ("Innovationsfonden, ansökningar {period}", "Innovation fund, applications {period}"),
    "indicators.area.no_fund": ("Inga ansökningar under perioden.", "No applications in the period."),
    "indicators.area.fund_description": (
        "Stapeldiagram: sökt belopp per ansökningsstatus för periodens ansökningar.",
        "Bar chart: amount applied for by application status, for the period's applications.",
    ),
    "indicators.area.status": ("Status", "Status"),
    "indicators.area.applications": ("Ansökningar", "Applications"),
    "indicators.area.requested_sek": ("Sökt belopp (kr)", "Amount applied for (SEK)"),
    "indicators.area.granted_sek": ("Beviljat belopp (kr)", "Amount granted (SEK)"),
    "indicators.area.testbeds": ("Testmiljöer och förfrågningar {period}", "Test environments and requests {period}"),
    "indicators.area.testbeds_now": ("Testmiljöer vid periodens slut", "Test environments at the period's end"),
    "indicators.area.requests_in_period": ("Förfrågningar under perioden", "Requests in the period"),
    "indicators.area.no_testbeds": ("Inga testmiljöer eller förfrågningar.", "No test environments or requests."),
    "indicators.area.testbeds_description": (
        "Stapeldiagram: testmiljöer per status vid periodens slut och periodens förfrågningar per status.",
        "Bar chart: test environments by status at the period's end and the period's requests by status.",
    ),
    "indicators.area.what": ("Vad", "What"),
    "indicators.area.count": ("Antal", "Count"),
    "council.caption": (
        "Presentationsläge för rådets möten: siffrorna räknas om var {seconds}:e sekund, så en idé som "
        "lämnas in under mötet syns inom några sekunder.",
        "Presentation mode for council meetings: the figures are recounted every {seconds} seconds, so an "
        "idea submitted during the meeting shows up within seconds.",
    ),
    "council.rotate": ("Rotera genom kärnverksamheterna", "Rotate through the core areas"),
    "council.region": ("Regionen {year} hittills", "The region in {year} so far"),
    "council.ideas_today": ("Idéer i dag", "Ideas today"),
    "council.per_month": ("Inkomna idéer per månad", "Ideas received per month"),
    "council.ideas": ("Idéer", "Ideas"),
    "council.month": ("Månad", "Month"),
    "council.area": ("Kärnverksamhet", "Core area"),
    "council.chart_description": (
        "Stapeldiagram: inkomna idéer per månad de senaste tolv månaderna, staplade per kärnverksamhet.",
        "Bar chart: ideas received per month over the last twelve months, stacked by core area.",
    ),
    "council.no_ideas": ("Inga idéer ännu.", "No ideas yet."),
    "council.updated": ("Uppdaterad {time}", "Updated {time}"),
    "council.funnel": ("Idétratten i år", "The idea funnel this year"),
    "council.stage": ("Steg", "Stage"),
    "council.funnel_description": (
        "Stapeldiagram: hur många av årets idéer i {area} som har nått varje steg.",
        "Bar chart: how many of this year's ideas in {area} have reached each stage.",
    ),
    "council.year_target": ("Årsmål {target}", "Target for the year {target}"),
    "council.year_target_reached": (
        ":material/check_circle: Årsmål {target}: nått",
        ":material/check_circle: Target for the year {target}: reached",
    ),
    "annual.caption": (
        "Årets innovationsbokslut för regionen, varje kärnverksamhet och varje organisation. Innovationsstöd "
        "skriver regionens och kärnverksamheternas kommentar, varje förvaltning och bolag sin egen; ladda ned "
        "som Excel eller PDF. När året fryses står siffror och kommentarer kvar som de publicerades.",
        "The year's annual innovation report for the region, each core area and each organisation. The "
        "innovation team writes the region's and the core areas' commentary, each administration and company "
        "its own; download it as Excel or PDF. Once the year is frozen, figures and commentary stay as "
        "published.",
    ),
    "annual.year": ("År", "Year"),
    "annual.level": ("Nivå", "Level"),
    "annual.level_heading": ("{name} {year}", "{name} {year}"),
    "annual.live_note": (
        "Siffrorna räknas ur registren just nu. När året fryses sparas de som de publicerades.",
        "The figures are counted from the records right now. Freezing the year keeps them as published.",
    ),
    "annual.frozen_note": (
        "Året frystes {at} av {by}. Siffrorna och kommentarerna visas som de publicerades.",
        "The year was frozen {at} by {by}. Figures and commentary are shown as published.",
    ),
    "annual.download_xlsx": ("Ladda ned bokslutet som Excel", "Download the report as Excel"),
    "annual.download_pdf": ("Ladda ned bokslutet som PDF", "Download the report as PDF"),
    "annual.build_pdf": ("Skapa bokslutet som PDF", "Build the report as PDF"),
    "annual.indicators": ("Indikatorer mot årets mål", "Indicators against the year's targets"),
    "annual.testbeds": ("Testmiljöer per status", "Test environments by status"),
    "annual.commentary": ("Kommentar", "Commentary"),
    "annual.commentary_label": ("Kommentar för {name}", "Commentary for {name}"),
    "annual.no_commentary": ("Ingen kommentar skrevs.", "No commentary was written."),
    "annual.save_commentary": ("Spara kommentaren", "Save the commentary"),
    "annual.commentary_saved": ("Kommentaren är sparad.", "The commentary is saved."),
    "annual.freeze_heading": ("Frys året", "Freeze the year"),
    "annual.freeze_help": (
        "Ett fryst år behåller sina siffror och kommentarer även om registren ändras senare, och tar inte "
        "emot nya rapporterade värden. Det går inte att ångra här.",
        "A frozen year keeps its figures and commentary even when the records change later, and takes no "
        "new reported values. This cannot be undone here.",
    ),
    "annual.freeze_confirm": ("Jag vill frysa {year} års bokslut", "I want to freeze the report of {year}"),
    "annual.freeze": ("Frys {year}", "Freeze {year}"),
    "annual.frozen_done": ("{year} års bokslut är fryst.", "The report of {year} is frozen."),
    "annual.error_frozen": (
        "{year} års bokslut är fryst och kan inte ändras.",
        "The report of {year} is frozen and cannot be changed.",
    ),
    "annual.error_too_long": ("Högst {max} tecken.", "At most {max} characters."),
    "annual.error_year_not_over": (
        "{year} är inte slut ännu; ett år kan frysas när det är över.",
        "{year} is not over yet; a year can be frozen once it has ended.",
    ),
    "annual.yes": ("Ja", "Yes"),
    "annual.unit.count": ("antal", "count"),
    "annual.unit.days": ("dagar", "days"),
    "annual.unit.sek": ("kr", "SEK"),
    "annual.no": ("Nej", "No"),
    "annual.level.region": ("Region", "Region"),
    "annual.level.area": ("Kärnverksamhet", "Core area"),
    "annual.level.org": ("Organisation", "Organisation"),
    "annual.col.level": ("Nivå", "Level"),
    "annual.col.name": ("Namn", "Name"),
    "annual.col.ideas_received": ("Inkomna idéer", "Ideas received"),
    "annual.col.ideas_implemented": ("Idéer till införande", "Ideas implemented"),
    "annual.col.adoptions": ("Spridning till andra", "Adoptions by others"),
    "annual.col.fund_applications": ("Fondansökningar", "Fund applications"),
    "annual.col.fund_sek_applied": ("Sökt belopp", "Amount applied for"),
    "annual.col.fund_sek_granted": ("Beviljat belopp", "Amount granted"),
    "annual.col.fund_share_granted": ("Andel beviljat", "Share granted"),
    "annual.col.testbed_requests": ("Förfrågningar till testmiljöer", "Testbed requests"),
    "annual.col.testbed_median_days_first_response": (
        "Mediantid till första svar (kalenderdagar)",
        "Median calendar days to first response",
    ),
    "annual.col.testbeds_open": ("Öppna testmiljöer", "Open test environments"),
    "annual.col.stage": ("Steg", "Stage"),
    "annual.col.ideas": ("Idéer", "Ideas"),
    "annual.col.submitter": ("Inlämnare", "Submitter"),
    "annual.col.code": ("Kod", "Code"),
    "annual.col.indicator": ("Indikator", "Indicator"),
    "annual.col.unit": ("Enhet", "Unit"),
    "annual.col.value": ("Värde", "Value"),
    "annual.col.target": ("Mål", "Target"),
    "annual.col.met": ("Uppnått", "Met"),
    "annual.col.status": ("Status", "Status"),
    "annual.col.count": ("Antal", "Count"),
    "annual.col.commentary": ("Kommentar", "Commentary"),
    "annual.col.figure": ("Nyckeltal", "Key figure"),
    "annual.sheet.summary": ("Nyckeltal", "Key figures"),
    "annual.sheet.stages": ("Idéer per steg", "Ideas by stage"),
    "annual.sheet.kinds": ("Idéer per inlämnare", "Ideas by submitter"),
    "annual.sheet.indicators": ("Indikatorer", "Indicators"),
    "annual.sheet.testbeds": ("Testmiljöer", "Test environments"),
    "annual.sheet.commentary": ("Kommentarer", "Commentary"),
    "annual.chart.stages": ("Årets idéer per steg", "The year's ideas by stage"),
    "annual.chart.kinds": ("Årets idéer per inlämnare", "The year's ideas by submitter"),
    "annual.chart.stages_description": (
        "Stapeldiagram: årets inkomna idéer per steg där de står i dag.",
        "Bar chart: the year's ideas by the stage they are at today.",
    ),
    "annual.chart.kinds_description": (
        "Stapeldiagram: årets inkomna idéer per slag av inlämnare.",
        "Bar chart: the year's ideas by kind of submitter.",
    ),
    "annual.pdf.title": ("Innovationsbokslut {year}", "Annual innovation report {year}"),
    "annual.pdf.footer": (
        "Region Stockholm, innovationsbokslut {year}",
        "Region Stockholm, annual innovation report {year}",
    ),
    "annual.pdf.frozen": ("Fastställt och fryst {at}.", "Adopted and frozen on {at}."),
    "annual.pdf.live": ("Preliminärt, räknat ur registren {at}.", "Preliminary, counted from the records on {at}."),
    "annual.pdf.organisations": ("Organisationerna", "The organisations"),
    "annual.pdf.commentary_of": ("Kommentar: {name}", "Commentary: {name}"),
    "annual.pdf.indicators": ("Indikatorer mot årets mål", "Indicators against the year's targets"),
}
TEXTS.update(VIEW_TEXTS)

# ---------------------------------------------------------------- data: registry, reporting, Min förvaltning
# (the other half of the indicators issue; its own block, edited apart from the views above)
DATA_TEXTS: dict[str, tuple[str, str]] = {
    "indicators.data.code_invalid": (
        "Koden ska vara 2–30 tecken: versaler, siffror, bindestreck eller understreck.",
        "The code must be 2–30 characters: capital letters, digits, hyphens or underscores.",
    ),
    "indicators.data.code_taken": ("Koden {code} används redan.", "The code {code} is already in use."),
    "indicators.data.computation_required": (
        "En beräknad indikator behöver en av de registrerade beräkningarna.",
        "A computed indicator needs one of the registered computations.",
    ),
    "indicators.data.owner_required": (
        "En förvaltnings egen indikator behöver en ägande organisation.",
        "An administration's own indicator needs an owning organisation.",
    ),
    "indicators.data.source_has_values": (
        "Källan kan inte ändras: det finns redan rapporterade värden för indikatorn.",
        "The source cannot change: values have already been reported for this indicator.",
    ),
    "indicators.data.target_one_level": (
        "Ett mål gäller antingen en kärnverksamhet eller en organisation, inte båda.",
        "A target applies to either a core area or an organisation, not both.",
    ),
    "indicators.data.not_your_organisation": (
        "Du kan bara rapportera och se värden för din egen organisation.",
        "You can only report and see values for your own organisation.",
    ),
    "indicators.data.computed_not_reported": (
        "{code} beräknas ur registren och tar inte emot rapporterade värden.",
        "{code} is computed from the records and takes no reported values.",
    ),
    "indicators.data.own_of_other": (
        "{code} är en annan förvaltnings egen indikator.",
        "{code} is another administration's own indicator.",
    ),
    "indicators.data.inactive": ("{code} är inte längre aktiv.", "{code} is no longer active."),
    "indicators.data.period_not_month": (
        "Perioden ska börja den första i en månad.",
        "The period must start on the first day of a month.",
    ),
    "indicators.data.period_not_quarter": (
        "Perioden ska börja första dagen i ett kvartal (1 januari, 1 april, 1 juli eller 1 oktober).",
        "The period must start on the first day of a quarter (1 January, 1 April, 1 July or 1 October).",
    ),
    "indicators.data.period_not_year": ("Perioden ska börja den 1 januari.", "The period must start on 1 January."),
    "indicators.data.period_future": (
        "Perioden har inte börjat än.",
        "The period has not started yet.",
    ),
    "indicators.data.period_too_early": (
        "Perioden ligger före {first}: kontrollera året.",
        "The period is before {first}: check the year.",
    ),
    "indicators.data.year_frozen": (
        "Innovationsbokslutet för {year} är fryst: värden för {year} kan inte längre ändras.",
        "The annual innovation report for {year} is frozen: values for {year} can no longer change.",
    ),
    "indicators.data.already_approved": (
        "Värdet är redan godkänt. Be en administratör skicka tillbaka det om det behöver ändras.",
        "The value is already approved. Ask an administrator to return it if it needs to change.",
    ),
    "indicators.data.wrong_status": (
        "Det går inte i värdets nuvarande status ({status}).",
        "That is not possible in the value's current status ({status}).",
    ),
    "indicators.data.return_note_required": (
        "Skriv varför värdet skickas tillbaka, så att rapportören vet vad som ska rättas.",
        "Write why the value is returned, so that the reporter knows what to correct.",
    ),
    "indicators.data.import_refused": (
        "Filen importerades inte och inget har sparats. Rader med fel: {count}. Rätta dem och försök igen.",
        "The file was not imported and nothing was saved. Rows with errors: {count}. Correct them and try again.",
    ),
    "indicators.data.import_unpacks_too_large": (
        "Filen packas upp till mer än {mb} MB. Kopiera värdena till en ny arbetsbok (eller mallen) och "
        "spara den, eller spara som CSV.",
        "The file unpacks to more than {mb} MB. Copy the values into a new workbook (or the template) and "
        "save it, or save it as CSV.",
    ),
    "indicators.data.import_too_large": ("Filen är större än {mb} MB.", "The file is larger than {mb} MB."),
    "indicators.data.import_too_many": (
        "Filen har fler än {max} rader. Dela upp den.",
        "The file has more than {max} rows. Split it up.",
    ),
    "indicators.data.import_wrong_kind": (
        "Välj en CSV-fil eller en Excel-fil (.xlsx).",
        "Choose a CSV file or an Excel file (.xlsx).",
    ),
    "indicators.data.import_bad_csv": (
        "Filen kan inte läsas som CSV. Kontrollera att citattecken kommer i par och att ingen cell är "
        "orimligt lång, eller spara om filen från Excel som CSV (semikolonavgränsad) eller .xlsx.",
        "The file cannot be read as CSV. Check that quotation marks come in pairs and that no cell is "
        "unreasonably long, or save the file again from Excel as CSV (semicolon separated) or .xlsx.",
    ),
    "indicators.data.import_unreadable": (
        "Filen kan inte läsas som en Excel-fil (.xlsx).",
        "The file cannot be read as an Excel file (.xlsx).",
    ),
    "indicators.data.import_empty": ("Filen innehåller inga värden.", "The file holds no values."),
    "indicators.data.import_columns": (
        "Första raden ska ha kolumnerna {expected} (och gärna kommentar). Utgå från mallen.",
        "The first row must have the columns {expected} (and optionally kommentar). Start from the template.",
    ),
    "indicators.data.import_unknown_indicator": (
        "Okänd indikatorkod \u201d{code}\u201d.",
        "Unknown indicator code \u201c{code}\u201d.",
    ),
    "indicators.data.import_unknown_organisation": (
        "Okänd organisation \u201d{name}\u201d.",
        "Unknown organisation \u201c{name}\u201d.",
    ),
    "indicators.data.import_not_your_organisation": (
        "Du kan inte rapportera för {name}: du rapporterar bara för din egen organisation.",
        "You cannot report for {name}: you only report for your own organisation.",
    ),
    "indicators.data.import_bad_period": (
        "Perioden \u201d{text}\u201d går inte att läsa. Skriv till exempel 2026-07-01, 2026-K3 eller 2026.",
        "The period \u201c{text}\u201d cannot be read. Write for example 2026-07-01, 2026-Q3 or 2026.",
    ),
    "indicators.data.import_not_a_number": (
        "Värdet \u201d{text}\u201d är inte ett tal.",
        "The value \u201c{text}\u201d is not a number.",
    ),
    "indicators.data.import_duplicate": (
        "Samma indikator, organisation och period finns redan på rad {first}.",
        "The same indicator, organisation and period is already on line {first}.",
    ),
    "indicators.data.import_already_approved": (
        "Värdet för perioden är redan godkänt och kan inte skrivas över.",
        "The value for the period is already approved and cannot be overwritten.",
    ),
    # ------------------------------------------------------------ Indikatorregister
    "indicators.register.title": ("Indikatorregister", "Indicator register"),
    "indicators.register.caption": (
        "Regionens centrala indikatorer och förvaltningarnas egna: enhet, riktning, frekvens, källa och mål "
        "per år för regionen, en kärnverksamhet eller en organisation.",
        "The region's central indicators and the administrations' own: unit, direction, frequency, source and "
        "targets per year for the region, a core area or an organisation.",
    ),
    "indicators.register.tab_list": ("Indikatorer", "Indicators"),
    "indicators.register.tab_new": ("Ny indikator", "New indicator"),
    "indicators.register.tab_targets": ("Mål per år", "Targets per year"),
    "indicators.register.code": ("Kod", "Code"),
    "indicators.register.name": ("Namn", "Name"),
    "indicators.register.name_sv": ("Namn på svenska", "Name in Swedish"),
    "indicators.register.name_en": ("Namn på engelska", "Name in English"),
    "indicators.register.description": ("Beskrivning", "Description"),
    "indicators.register.unit": ("Enhet", "Unit"),
    "indicators.register.direction": ("Riktning", "Direction"),
    "indicators.register.frequency": ("Frekvens", "Frequency"),
    "indicators.register.source": ("Källa", "Source"),
    "indicators.register.computation": ("Beräkning", "Computation"),
    "indicators.register.scope": ("Omfattning", "Scope"),
    "indicators.register.owner": ("Ägande organisation", "Owning organisation"),
    "indicators.register.central": ("Central", "Central"),
    "indicators.register.active": ("Aktiv", "Active"),
    "indicators.register.count": ("Visar {n} av {total} indikatorer.", "Showing {n} of {total} indicators."),
    "indicators.register.choose": ("Ändra en indikator", "Change an indicator"),
    "indicators.register.choose_hint": ("Välj en indikator …", "Choose an indicator …"),
    "indicators.register.save": ("Spara ändringarna", "Save the changes"),
    "indicators.register.create": ("Skapa indikatorn", "Create the indicator"),
    "indicators.register.saved": ("Indikatorn {code} är sparad.", "The indicator {code} is saved."),
    "indicators.register.none": ("Det finns inga indikatorer än.", "There are no indicators yet."),
    "indicators.register.indicator": ("Indikator", "Indicator"),
    "indicators.register.targets_help": (
        "Ett mål gäller ett år och en nivå (kärnverksamhet eller organisation väljs bara för den nivån) och "
        "följer indikatorns regel. Andelar och nivåer: en organisation utan eget mål jämförs med "
        "kärnverksamhetens, en kärnverksamhet utan eget med regionens. Flöden och bestånd jämförs bara med "
        "målet på sin egen nivå. Bara ett flöde räknas om till den tid som visas (ett år av ett kvartalsmål "
        "är fyra gånger målet); ett bestånds årsmål är det värde som ska nås vid årets slut.",
        "A target applies to one year and one level (the core area or organisation is used only for that "
        "level) and follows the indicator's rule. Shares and levels: an organisation without its own target "
        "is held against its core area's, a core area without one against the region's. Flows and stocks are "
        "held only against the target of their own level. Only a flow is scaled to the time shown (a year of "
        "a quarterly target is four times the target); a stock's year target is the value to stand at by the "
        "year's end.",
    ),
    "indicators.register.year": ("År", "Year"),
    "indicators.register.level": ("Nivå", "Level"),
    "indicators.register.level_region": ("Regionen", "The region"),
    "indicators.register.level_area": ("Kärnverksamhet", "Core area"),
    "indicators.register.level_organisation": ("Organisation", "Organisation"),
    "indicators.register.target_value": ("Målvärde", "Target value"),
    "indicators.register.no_targets": ("Indikatorn har inga mål än.", "The indicator has no targets yet."),
    "indicators.register.set_target": ("Sätt eller ändra ett mål", "Set or change a target"),
    "indicators.register.save_target": ("Spara målet", "Save the target"),
    "indicators.register.target_saved": ("Målet för {year} är sparat.", "The target for {year} is saved."),
    "indicators.register.remove_target": ("Ta bort ett mål", "Remove a target"),
    "indicators.register.remove": ("Ta bort", "Remove"),
    "indicators.register.target_removed": ("Målet är borttaget.", "The target is removed."),
    # ------------------------------------------------------------ Rapportera värden
    "indicators.report.title": ("Rapportera värden", "Report values"),
    "indicators.report.caption": (
        "Fyll i värdena per period, spara som utkast och skicka in när de stämmer. Innovationsstöd godkänner "
        "eller skickar tillbaka med en kommentar; först godkända värden syns i uppföljningen.",
        "Enter the values per period, save them as a draft and submit them when they are right. The innovation "
        "team approves them or returns them with a note; only approved values show in the dashboards.",
    ),
    "indicators.report.no_organisation": (
        "Ditt konto hör inte till någon organisation. Be en administratör koppla det.",
        "Your account belongs to no organisation. Ask an administrator to link it.",
    ),
    "indicators.report.reporting_for": ("Du rapporterar för **{organisation}**.", "You report for **{organisation}**."),
    "indicators.report.organisation": ("Organisation", "Organisation"),
    "indicators.report.tab_review": ("Att granska ({n})", "To review ({n})"),
    "indicators.report.tab_report": ("Rapportera", "Report"),
    "indicators.report.tab_import": ("Importera fil", "Import a file"),
    "indicators.report.no_indicators": (
        "Det finns inga indikatorer att rapportera för organisationen.",
        "There are no indicators to report for the organisation.",
    ),
    "indicators.report.indicator": ("Indikator", "Indicator"),
    "indicators.report.year": ("År", "Year"),
    "indicators.report.quarter_label": ("{year} K{q}", "{year} Q{q}"),
    "indicators.report.not_reported": ("Ej rapporterat", "Not reported"),
    "indicators.report.year_frozen": (
        "Innovationsbokslutet för {year} är fryst. Värdena visas men kan inte ändras.",
        "The annual innovation report for {year} is frozen. The values are shown but cannot change.",
    ),
    "indicators.report.col_period": ("Period", "Period"),
    "indicators.report.col_value": ("Värde", "Value"),
    "indicators.report.col_note": ("Kommentar", "Note"),
    "indicators.report.col_status": ("Status", "Status"),
    "indicators.report.col_unit": ("Enhet", "Unit"),
    "indicators.report.col_organisation": ("Organisation", "Organisation"),
    "indicators.report.col_entered_by": ("Inrapporterat av", "Entered by"),
    "indicators.report.col_submitted": ("Inskickat", "Submitted"),
    "indicators.report.col_line": ("Rad", "Line"),
    "indicators.report.col_problem": ("Fel", "Problem"),
    "indicators.report.unit": ("Enhet: {unit}", "Unit: {unit}"),
    "indicators.report.save_draft": ("Spara utkast", "Save draft"),
    "indicators.report.submit": ("Skicka in", "Submit"),
    "indicators.report.nothing_to_save": (
        "Inget att spara: skriv ett värde eller ändra ett.",
        "Nothing to save: enter or change a value.",
    ),
    "indicators.report.not_saved": (
        "Inget har sparats. Rätta perioderna nedan:",
        "Nothing was saved. Correct the periods below:",
    ),
    "indicators.report.saved": ("Sparat som utkast ({n} st).", "Saved as a draft ({n})."),
    "indicators.report.submitted": ("Inskickat för godkännande ({n} st).", "Submitted for approval ({n})."),
    "indicators.report.mode": ("Inmatning", "Entry"),
    "indicators.report.mode_form": ("En period i taget", "One period at a time"),
    "indicators.report.mode_table": ("Tabell för hela året", "Table for the whole year"),
    "indicators.report.value_in": ("Värde ({unit})", "Value ({unit})"),
    "indicators.report.was_returned": (
        "Värdet skickades tillbaka: {note}",
        "The value was returned: {note}",
    ),
    "indicators.report.review_choose": ("Värde att granska", "Value to review"),
    "indicators.report.approve_page": ("Godkänn alla {n} på sidan", "Approve all {n} on the page"),
    "indicators.report.queue_empty": ("Inga värden väntar på granskning.", "No values wait for review."),
    "indicators.report.return_note": (
        "Kommentar till rapportören (krävs för att skicka tillbaka)",
        "Note to the reporter (required to return)",
    ),
    "indicators.report.approve": ("Godkänn", "Approve"),
    "indicators.report.return": ("Skicka tillbaka", "Return"),
    "indicators.report.approved": ("Godkänt ({n} st).", "Approved ({n})."),
    "indicators.report.returned": ("Tillbakaskickat till rapportören ({n} st).", "Returned to the reporter ({n})."),
    "indicators.report.import_help": (
        "Ladda ned mallen, fyll i värdena och ladda upp filen. Filen importeras bara om alla rader är "
        "rätt; annars listas varje fel med sitt radnummer och inget sparas.",
        "Download the template, fill in the values and upload the file. The file is imported only if every "
        "row is right; otherwise each error is listed with its line number and nothing is saved.",
    ),
    "indicators.report.template_for": ("Mallen gäller {organisation}.", "The template is for {organisation}."),
    "indicators.report.template_xlsx": ("Ladda ned mall (Excel)", "Download template (Excel)"),
    "indicators.report.template_csv": ("Ladda ned mall (CSV)", "Download template (CSV)"),
    "indicators.report.file": ("Fil med värden (CSV eller Excel)", "File of values (CSV or Excel)"),
    "indicators.report.import_submit": (
        "Skicka in värdena för godkännande direkt (annars sparas de som utkast)",
        "Submit the values for approval at once (otherwise they are saved as drafts)",
    ),
    "indicators.report.import": ("Importera", "Import"),
    "indicators.report.importing": ("Importerar …", "Importing …"),
    "indicators.report.imported": (
        "Importen är klar: {created} nya och {updated} ändrade värden.",
        "The import is done: {created} new and {updated} changed values.",
    ),
    # ------------------------------------------------------------ Min förvaltning
    "indicators.myorg.title": ("Min förvaltning", "My administration"),
    "indicators.myorg.caption": (
        "Din organisation jämförd med sin kärnverksamhet och regionen, era egna indikatorer och det som väntar på er.",
        "Your organisation compared with its core area and the region, your own indicators and what waits for you.",
    ),
    "indicators.myorg.no_organisation": (
        "Ditt konto hör inte till någon organisation. Be en administratör koppla det.",
        "Your account belongs to no organisation. Ask an administrator to link it.",
    ),
    "indicators.myorg.year": ("År", "Year"),
    "indicators.myorg.waiting": ("Väntar på er", "Waiting for you"),
    "indicators.myorg.unreported": ("Perioder att rapportera", "Periods to report"),
    "indicators.myorg.ideas_waiting": ("Idéer utan första beslut", "Ideas without a first decision"),
    "indicators.myorg.reports_late": ("Försenade fondrapporter", "Late fund reports"),
    "indicators.myorg.reports_due": ("{n} förfaller inom 30 dagar", "{n} due within 30 days"),
    "indicators.myorg.requests_waiting": ("Förfrågningar utan svar", "Requests without an answer"),
    "indicators.myorg.unreported_list": ("Perioder att rapportera ({n})", "Periods to report ({n})"),
    "indicators.myorg.ideas_list": ("Äldsta idéerna som väntar ({n})", "Oldest waiting ideas ({n})"),
    "indicators.myorg.reports_list": ("Fondrapporter att lämna ({n})", "Fund reports to submit ({n})"),
    "indicators.myorg.requests_list": ("Äldsta obesvarade förfrågningarna ({n})", "Oldest unanswered requests ({n})"),
    "indicators.myorg.ref": ("Referens", "Reference"),
    "indicators.myorg.idea_title": ("Idé", "Idea"),
    "indicators.myorg.received": ("Inkom", "Received"),
    "indicators.myorg.project": ("Projekt", "Project"),
    "indicators.myorg.report_kind": ("Rapport", "Report"),
    "indicators.myorg.due_on": ("Ska lämnas senast", "Due on"),
    "indicators.myorg.testbed": ("Testmiljö", "Test environment"),
    "indicators.myorg.comparison": ("Jämförelse {year}", "Comparison {year}"),
    "indicators.myorg.comparison_help": (
        "Hittills i år, efter varje indikators regel. Rapporterade värden räknas när de är godkända. För "
        "flöden och bestånd visas kärnverksamhetens och regionens snitt per organisation; andelar (summan av "
        "täljarna delad med summan av nämnarna) och nivåer jämförs som de är. Målet är organisationens eget; "
        "för andelar och nivåer annars kärnverksamhetens eller regionens. Mål för flöden räknas om till den "
        "del av året som gått.",
        "The year so far, by each indicator's rule. Reported values count once approved. For flows and stocks "
        "the core area's and the region's average per organisation is shown; shares (the sum of the numerators "
        "divided by the sum of the denominators) and levels are compared as they are. The target is the "
        "organisation's own; for shares and levels otherwise the core area's or the region's. Targets for "
        "flows are scaled to the part of the year gone.",
    ),
    "indicators.myorg.region": ("Regionen", "The region"),
    "indicators.myorg.target": ("Mål", "Target"),
    "indicators.myorg.met": ("Målet nått", "Target met"),
    "indicators.myorg.met_yes": ("Ja", "Yes"),
    "indicators.myorg.met_no": ("Nej", "No"),
    "indicators.myorg.chart_indicator": ("Visa i diagram", "Show in a chart"),
    "indicators.myorg.chart_description": (
        "Stapeldiagram: {name} för organisationen, kärnverksamheten och regionen, med målet som streckad linje.",
        "Bar chart: {name} for the organisation, the core area and the region, with the target as a dashed line.",
    ),
    "indicators.myorg.own": ("Egna indikatorer", "Own indicators"),
    "indicators.myorg.no_own": (
        "Förvaltningen har inga egna indikatorer än. Lägg till dem, med mål per år, i indikatorregistret.",
        "The administration has no own indicators yet. Add them, with targets per year, in the indicator register.",
    ),
    "indicators.myorg.to_report": ("Rapportera värden", "Report values"),
}
TEXTS.update(DATA_TEXTS)
