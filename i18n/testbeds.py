"""Texts of the testbeds pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ catalogue
    "testbeds.catalogue_caption": (
        "Regionens test- och demonstrationsmiljöer, öppna för företag, forskare och medarbetare. Hitta en "
        "miljö som passar ditt behov och skicka en förfrågan – du behöver inte känna någon i regionen.",
        "The region's test and demonstration environments, open to companies, researchers and employees. "
        "Find one that fits your need and send a request – you do not need to know anyone in the region.",
    ),
    "testbeds.search": ("Sök", "Search"),
    "testbeds.search_hint": ("t.ex. simulering, ambulans, VR", "e.g. simulation, ambulance, VR"),
    "testbeds.area": ("Kärnverksamhet", "Core area"),
    "testbeds.env_type": ("Typ av miljö", "Type of environment"),
    "testbeds.access": ("Tillgång och pris", "Access and price"),
    "testbeds.audience": ("För vem", "Who it is for"),
    "testbeds.audience_external": ("Externa aktörer", "External parties"),
    "testbeds.audience_employees": ("Medarbetare i regionen", "Region employees"),
    "testbeds.status": ("Status", "Status"),
    "testbeds.trl_range": ("Mognadsnivå (TRL)", "Readiness level (TRL)"),
    "testbeds.trl_help": (
        "Technology Readiness Level, 1 (idé) till 9 (beprövad i drift). Miljöer vars intervall överlappar "
        "det valda visas.",
        "Technology Readiness Level, 1 (idea) to 9 (proven in operation). Environments whose range overlaps "
        "the chosen one are shown.",
    ),
    "testbeds.trl_value": ("TRL {low}–{high}", "TRL {low}–{high}"),
    "testbeds.found.one": ("{n} testmiljö", "{n} test environment"),
    "testbeds.found.other": ("{n} testmiljöer", "{n} test environments"),
    "testbeds.none_found": (
        "Ingen testmiljö matchar filtren. Ta bort något filter eller sök på ett annat ord.",
        "No test environment matches the filters. Remove a filter or search for another word.",
    ),
    "testbeds.open": ("Läs mer och gör en förfrågan", "Read more and send a request"),
    "testbeds.open_help": ("Öppna sidan för {name}", "Open the page of {name}"),
    "testbeds.map": ("Karta", "Map"),
    "testbeds.map_caption": (
        "Kartan visar de {n} testmiljöer bland träffarna som har en adress.",
        "The map shows the {n} environments among the results that have an address.",
    ),
    "testbeds.download_xlsx": ("Ladda ner (.xlsx)", "Download (.xlsx)"),
    "testbeds.download_csv": ("Ladda ner (CSV)", "Download (CSV)"),
    "testbeds.catalogue_file": ("testmiljoer", "test-environments"),
    "testbeds.col.name": ("Namn", "Name"),
    "testbeds.col.area": ("Kärnverksamhet", "Core area"),
    "testbeds.col.organisation": ("Drivs av", "Run by"),
    "testbeds.col.env_type": ("Typ av miljö", "Type of environment"),
    "testbeds.col.access": ("Tillgång", "Access"),
    "testbeds.col.audience": ("För vem", "Who it is for"),
    "testbeds.col.trl": ("TRL", "TRL"),
    "testbeds.col.status": ("Status", "Status"),
    "testbeds.col.address": ("Adress", "Address"),
    "testbeds.col.summary": ("Sammanfattning", "Summary"),
    # ------------------------------------------------------------ testbed page
    "testbeds.back": ("Tillbaka till katalogen", "Back to the catalogue"),
    "testbeds.not_found": (
        "Den testmiljön finns inte i katalogen. Gå tillbaka och sök bland de som finns.",
        "That test environment is not in the catalogue. Go back and search among those that are.",
    ),
    "testbeds.manage_this": ("Ändra den här miljön", "Edit this environment"),
    "testbeds.detail_caption": ("Test- och demonstrationsmiljö som drivs av {org}", "Test environment run by {org}"),
    "testbeds.summary": ("Sammanfattning", "Summary"),
    "testbeds.offers": ("Det här kan du testa", "What you can test"),
    "testbeds.conditions": ("Villkor och prismodell", "Conditions and price model"),
    "testbeds.no_conditions": ("Villkoren beskrivs i kontakt med miljön.", "Conditions are agreed with the team."),
    "testbeds.runs_it": ("Drivs av", "Run by"),
    "testbeds.address": ("Adress", "Address"),
    "testbeds.contact": ("Kontakt", "Contact"),
    "testbeds.url": ("Webbplats", "Website"),
    "testbeds.fact": ("Uppgift", "Fact"),
    "testbeds.value": ("Värde", "Value"),
    "testbeds.map_one": ("Kartan visar var miljön finns: {address}", "The map shows where it is: {address}"),
    "testbeds.used_by": ("Har använts av", "Used by"),
    "testbeds.used_by_none": (
        "Inga idéer eller finansierade projekt är kopplade till miljön ännu.",
        "No ideas or funded projects are linked to this environment yet.",
    ),
    "testbeds.used_ideas": ("Idéer", "Ideas"),
    "testbeds.used_projects": ("Projekt finansierade av Innovationsfonden", "Projects funded by the innovation fund"),
    # ------------------------------------------------------------ request form
    "testbeds.request_title": ("Gör en förfrågan", "Send a request"),
    "testbeds.request_intro": (
        "Beskriv vad du vill testa och när. Förfrågan går direkt till dem som driver miljön. Namn, e-post, "
        "vad du vill testa och samtycket behövs.",
        "Describe what you want to test and when. The request goes straight to the people who run the "
        "environment. Name, e-mail, what you want to test and the consent are needed.",
    ),
    "testbeds.req.name": ("Namn", "Name"),
    "testbeds.req.org": ("Organisation", "Organisation"),
    "testbeds.req.email": ("E-post", "E-mail"),
    "testbeds.req.kind": ("Jag är", "I am"),
    "testbeds.req.description": ("Vad vill du testa?", "What do you want to test?"),
    "testbeds.req.description_help": (
        "Beskriv produkten eller tjänsten, vad testet ska visa och vilka som behöver medverka.",
        "Describe the product or service, what the test should show and who needs to take part.",
    ),
    "testbeds.req.period": ("Önskad period", "Period wanted"),
    "testbeds.req.period_hint": ("t.ex. hösten 2026", "e.g. autumn 2026"),
    "testbeds.req.consent": (
        "Jag samtycker till att Region Stockholm sparar mina kontaktuppgifter för att hantera förfrågan. "
        "De används bara för det och visas bara för dem som driver miljön och för innovationsstödet.",
        "I consent to Region Stockholm keeping my contact details to handle the request. They are used "
        "for that only and shown only to the people who run the environment and the innovation team.",
    ),
    "testbeds.req.submit": ("Skicka förfrågan", "Send request"),
    "testbeds.req.rate_limited": (
        "Många förfrågningar har skickats härifrån på kort tid. Vänta {minutes} min och försök igen – inget har "
        "skickats, och det du skrev finns kvar.",
        "Many requests have been sent from here in a short time. Please wait {minutes} min and try again – nothing "
        "was sent, and what you wrote is kept.",
    ),
    "testbeds.request_sent": (
        "Tack! Din förfrågan om {name} har tagits emot med referens **{ref}**.",
        "Thank you! Your request about {name} has been received with reference **{ref}**.",
    ),
    "testbeds.request_next": (
        "**Vad händer nu?** De som driver miljön läser förfrågan och svarar via e-post, normalt inom tio "
        "arbetsdagar. Ange referensen om du hör av dig om ärendet.",
        "**What happens next?** The people who run the environment read the request and answer by e-mail, "
        "normally within ten working days. Quote the reference if you contact them about it.",
    ),
    "testbeds.consent_required": (
        "Kryssa i samtycket – utan det kan vi inte spara och besvara förfrågan.",
        "Tick the consent – without it we cannot keep and answer the request.",
    ),
    "testbeds.closed_no_requests": (
        "Miljön är stängd och tar inte emot förfrågningar. Sök gärna efter en annan miljö i katalogen.",
        "This environment is closed and takes no requests. Please search for another one in the catalogue.",
    ),
    # ------------------------------------------------------------ inbox
    "testbeds.inbox_caption": (
        "Förfrågningar till er organisations testmiljöer. Ett första svar ska ges inom {limit} arbetsdagar; "
        "helger och helgdagar räknas inte.",
        "Requests to your organisation's test environments. A first answer is due within {limit} working "
        "days; weekends and public holidays do not count.",
    ),
    "testbeds.inbox_shown": ("Förfrågningar i urvalet", "Requests shown"),
    "testbeds.inbox_overdue": ("Utan svar efter {limit} arbetsdagar", "Unanswered after {limit} working days"),
    "testbeds.inbox_empty": ("Inga förfrågningar i urvalet.", "No requests in this selection."),
    "testbeds.overdue_only": ("Bara försenade", "Late only"),
    "testbeds.overdue_flag": ("Försenad", "Late"),
    "testbeds.overdue_warning": (
        "Förfrågan har väntat {days} arbetsdagar utan svar (målet är {limit}).",
        "The request has waited {days} working days without an answer (the goal is {limit}).",
    ),
    "testbeds.col.ref": ("Referens", "Reference"),
    "testbeds.col.testbed": ("Testmiljö", "Test environment"),
    "testbeds.col.requester": ("Från", "From"),
    "testbeds.col.org": ("Organisation", "Organisation"),
    "testbeds.col.email": ("E-post", "E-mail"),
    "testbeds.col.kind": ("Typ av frågeställare", "Kind of requester"),
    "testbeds.col.received": ("Inkommen", "Received"),
    "testbeds.col.waiting": ("Väntat (arbetsdagar)", "Waiting (working days)"),
    "testbeds.col.first_response": ("Första svar", "First answer"),
    "testbeds.col.response_days": ("Svarstid (arbetsdagar)", "Answer time (working days)"),
    "testbeds.col.flag": ("Flagga", "Flag"),
    "testbeds.requests_file": ("forfragningar", "requests"),
    "testbeds.choose_request": ("Öppna förfrågan", "Open request"),
    "testbeds.request_heading": ("{ref} · {testbed}", "{ref} · {testbed}"),
    "testbeds.inbox_description": ("Vad frågeställaren vill testa", "What the requester wants to test"),
    "testbeds.history": ("Historik", "History"),
    "testbeds.requester": ("Frågeställaren", "The requester"),
    "testbeds.handled_by": ("Hanteras av", "Handled by"),
    "testbeds.answer_status": ("Nästa steg", "Next step"),
    "testbeds.keep_status": (
        "Behåll status ({status}), skicka bara meddelande",
        "Keep status ({status}), message only",
    ),
    "testbeds.answer_message": ("Meddelande till frågeställaren", "Message to the requester"),
    "testbeds.answer_help": (
        "Svaret sparas i förfrågans historik och räknas som svar. Portalen skickar ingen e-post: skicka det "
        "också till frågeställaren ({email}).",
        "The answer is kept in the request's history and counts as the answer. The portal sends no e-mail: "
        "send it to the requester as well ({email}).",
    ),
    "testbeds.answer_submit": ("Svara", "Answer"),
    "testbeds.answer_closed": (
        "Förfrågan är avslutad och kan inte besvaras igen.",
        "The request is closed and cannot be answered again.",
    ),
    "testbeds.answered": ("Svaret på {ref} är sparat.", "The answer to {ref} is saved."),
    "testbeds.transition_refused": (
        "Det steget går inte från förfrågans nuvarande status. Välj ett av de steg som erbjuds.",
        "That step is not possible from the request's current status. Choose one of the steps offered.",
    ),
    "testbeds.link_idea": ("Kopplad idé (referens)", "Linked idea (reference)"),
    "testbeds.link_application": ("Kopplad fondansökan (referens)", "Linked fund application (reference)"),
    "testbeds.link_submit": ("Spara kopplingar", "Save links"),
    "testbeds.linked": ("Kopplingarna för {ref} är sparade.", "The links of {ref} are saved."),
    "testbeds.ref_unknown": ("Referensen {ref} finns inte.", "The reference {ref} does not exist."),
    # ------------------------------------------------------------ management
    "testbeds.manage_caption": (
        "Lägg till, ändra, planera, öppna och stäng testmiljöer. Chefer hanterar sin egen organisations miljöer.",
        "Add, change, plan, open and close test environments. Managers handle their own organisation's.",
    ),
    "testbeds.tab_edit": ("Befintliga miljöer", "Existing environments"),
    "testbeds.tab_new": ("Ny testmiljö", "New environment"),
    "testbeds.manage_none": (
        "Din organisation har inga testmiljöer ännu. Lägg till en under Ny testmiljö.",
        "Your organisation has no test environments yet. Add one under New environment.",
    ),
    "testbeds.manage_no_org": (
        "Ditt konto hör inte till någon organisation, så du kan inte lägga till en miljö.",
        "Your account belongs to no organisation, so you cannot add an environment.",
    ),
    "testbeds.choose_testbed": ("Testmiljö", "Test environment"),
    "testbeds.none_named": (
        "Ingen testmiljö har ett namn med de orden.",
        "No test environment has a name with those words.",
    ),
    "testbeds.do_plan": ("Markera som planerad", "Mark as planned"),
    "testbeds.do_open": ("Öppna för förfrågningar", "Open for requests"),
    "testbeds.do_close": ("Stäng", "Close"),
    "testbeds.status_set": ("Status ändrad till {status}.", "Status changed to {status}."),
    "testbeds.name": ("Namn", "Name"),
    "testbeds.slug": ("Adressnamn (slug)", "Address name (slug)"),
    "testbeds.slug_help": (
        "Små bokstäver, siffror och bindestreck; används i länken. Lämna tomt för att skapa det från namnet.",
        "Lower-case letters, digits and hyphens; used in the link. Leave empty to make it from the name.",
    ),
    "testbeds.trl_min": ("TRL från", "TRL from"),
    "testbeds.trl_max": ("TRL till", "TRL to"),
    "testbeds.lat": ("Latitud", "Latitude"),
    "testbeds.lat_help": ("Mellan −90 och 90, t.ex. 59,33 för Stockholm.", "Between −90 and 90, e.g. 59.33."),
    "testbeds.lon": ("Longitud", "Longitude"),
    "testbeds.lon_help": ("Mellan −180 och 180, t.ex. 18,07 för Stockholm.", "Between −180 and 180, e.g. 18.07."),
    "testbeds.contact_name": ("Kontaktperson", "Contact person"),
    "testbeds.contact_email": ("Kontaktens e-post", "Contact e-mail"),
    "testbeds.create": ("Lägg till testmiljö", "Add environment"),
    "testbeds.created": ("{name} är tillagd.", "{name} has been added."),
    "testbeds.saved": ("Ändringarna i {name} är sparade.", "The changes to {name} are saved."),
    "testbeds.trl_order": ("TRL till måste vara minst TRL från.", "TRL to must be at least TRL from."),
    "testbeds.lat_lon_pair": (
        "Ange både latitud och longitud, eller ingen av dem.",
        "Give both latitude and longitude, or neither.",
    ),
    "testbeds.audience_required": (
        "Välj minst en målgrupp: externa aktörer eller medarbetare.",
        "Choose at least one audience: external parties or employees.",
    ),
    "testbeds.slug_invalid": (
        "Använd bara små bokstäver a–z, siffror och bindestreck.",
        "Use only lower-case letters a–z, digits and hyphens.",
    ),
    "testbeds.slug_taken": ("Adressnamnet används redan av en annan miljö.", "Another environment uses that name."),
    "testbeds.other_org": (
        "Du kan inte flytta miljön till en annan organisation; be innovationsstödet om det.",
        "You cannot move the environment to another organisation; ask the innovation team.",
    ),
    # ------------------------------------------------------------ figures
    "testbeds.figures_caption": (
        "Hur regionens testmiljöer används: förfrågningar, svarstider och utfall, räknat ur ärendena.",
        "How the region's test environments are used: requests, answer times and outcomes, from the records.",
    ),
    "testbeds.year": ("År (inkommen)", "Year (received)"),
    "testbeds.all_years": ("Alla år", "All years"),
    "testbeds.days.one": ("{n} dag", "{n} day"),
    "testbeds.days.other": ("{n} dagar", "{n} days"),
    "testbeds.fig_requests": ("Förfrågningar", "Requests"),
    "testbeds.fig_requests_help": ("Förfrågningar som kommit in under perioden.", "Requests received in the period."),
    "testbeds.fig_median_response": ("Mediantid till första svar", "Median time to first answer"),
    "testbeds.fig_median_response_help": (
        "Kalenderdagar från att förfrågan kom in till första svaret, för besvarade förfrågningar.",
        "Calendar days from receipt to the first answer, for answered requests.",
    ),
    "testbeds.fig_within_limit": ("Besvarade inom {limit} arbetsdagar", "Answered within {limit} working days"),
    "testbeds.fig_share_accepted": ("Andel accepterade", "Share accepted"),
    "testbeds.fig_share_accepted_help": (
        "Accepterade och genomförda av alla som fått ett besked (accepterade, genomförda, avböjda).",
        "Accepted and completed out of all decided (accepted, completed, declined).",
    ),
    "testbeds.fig_unanswered": ("Ännu utan svar", "Not yet answered"),
    "testbeds.fig_funded": ("Miljöer som använts av finansierade projekt", "Environments used by funded projects"),
    "testbeds.fig_funded_help": (
        "Testmiljöer som ett beviljat projekt i Innovationsfonden angett eller kopplats till via en förfrågan.",
        "Environments named by a granted innovation fund project or linked to one through a request.",
    ),
    "testbeds.fig_none": ("Inga förfrågningar i urvalet.", "No requests in this selection."),
    "testbeds.fig_per_testbed": ("Förfrågningar per testmiljö", "Requests per test environment"),
    "testbeds.fig_top": (
        "De {n} testmiljöer som fått flest förfrågningar; alla finns i tabellen nedan.",
        "The {n} environments with the most requests; all are in the table below.",
    ),
    "testbeds.fig_per_testbed_description": (
        "Stapeldiagram: antal förfrågningar per testmiljö, färgat efter kärnverksamhet.",
        "Bar chart: number of requests per test environment, coloured by core area.",
    ),
    "testbeds.fig_per_area": ("Förfrågningar per kärnverksamhet", "Requests per core area"),
    "testbeds.fig_answered": ("Besvarade", "Answered"),
    "testbeds.fig_accepted": ("Accepterade", "Accepted"),
    "testbeds.fig_table": ("Tabell per testmiljö", "Table per test environment"),
    "testbeds.find_testbed": ("Sök testmiljö", "Find a test environment"),
    "testbeds.find_placeholder": (
        "Skriv en del av namnet ({n} testmiljöer)",
        "Type part of its name ({n} test environments)",
    ),
    "testbeds.figures_file": ("testmiljoer-i-siffror", "test-environments-in-figures"),
}
