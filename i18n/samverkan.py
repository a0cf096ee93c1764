"""Texts of Samverkan: partners, needs and responses, procurements with innovation, their figures.
`{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ menu
    "nav.section.samverkan": ("Samverkan", "Partnerships"),
    "nav.samverkan_needs": ("Behov och utmaningar", "Needs and challenges"),
    "nav.samverkan_track": ("Följ ditt svar", "Follow your response"),
    "nav.samverkan_needs_manage": ("Behovshantering", "Manage needs"),
    "nav.samverkan_partners": ("Partner", "Partners"),
    "nav.samverkan_procurements": ("Upphandlingar", "Procurements"),
    "nav.samverkan_figures": ("Samverkan i siffror", "Partnerships in figures"),
    # ------------------------------------------------------------ enumerations
    "partner_kind.company": ("Företag", "Company"),
    "partner_kind.university": ("Universitet, högskola eller forskningsinstitut", "University or research institute"),
    "partner_kind.incubator": ("Inkubator eller science park", "Incubator or science park"),
    "partner_kind.foundation": ("Stiftelse", "Foundation"),
    "partner_kind.civil_society": ("Civilsamhället", "Civil society"),
    "partner_kind.public_body": ("Annan offentlig aktör", "Other public body"),
    "partner_kind.other": ("Annan", "Other"),
    "need_status.draft": ("Utkast", "Draft"),
    "need_status.published": ("Publicerat", "Published"),
    "need_status.closed": ("Stängt", "Closed"),
    "response_status.received": ("Inkommet", "Received"),
    "response_status.assessed": ("Bedömt", "Assessed"),
    "response_status.taken_forward": ("Går vidare", "Taken forward"),
    "response_status.declined": ("Går inte vidare", "Declined"),
    "procurement_method.open": ("Öppet förfarande", "Open procedure"),
    "procurement_method.innovation_partnership": ("Innovationspartnerskap", "Innovation partnership"),
    "procurement_method.pre_commercial": ("Förkommersiell upphandling", "Pre-commercial procurement"),
    "procurement_method.competitive_dialogue": ("Konkurrenspräglad dialog", "Competitive dialogue"),
    "procurement_method.real_use_testing": (
        "Upphandling med test i verklig miljö",
        "Procurement with tests in real use",
    ),
    "procurement_stage.needs_analysis": ("Behovsanalys", "Needs analysis"),
    "procurement_stage.market_dialogue": ("Dialog med marknaden", "Market dialogue"),
    "procurement_stage.procedure": ("Val av förfarande", "Choice of procedure"),
    "procurement_stage.announcement": ("Annonsering", "Announcement"),
    "procurement_stage.evaluation": ("Utvärdering", "Evaluation"),
    "procurement_stage.contract": ("Avtal", "Contract"),
    "procurement_stage.follow_up": ("Uppföljning", "Follow-up"),
    "procurement_stage.cancelled": ("Avbruten", "Cancelled"),
    "procurement_event.created": ("Upphandlingen startades", "Procurement started"),
    "procurement_event.stage_changed": ("Nytt steg", "New stage"),
    "procurement_event.rfi": ("RFI (förfrågan om information)", "RFI (request for information)"),
    "procurement_event.meeting": ("Dialogmöte", "Dialogue meeting"),
    "procurement_event.note": ("Anteckning", "Note"),
    # ------------------------------------------------------------ errors and refusals
    "samverkan.org_number_format": (
        "Skriv organisationsnumret som tio siffror, till exempel 556016-0680.",
        "Write the organisation number as ten digits, for example 556016-0680.",
    ),
    "samverkan.org_number_checksum": (
        "Organisationsnumret stämmer inte (kontrollsiffran är fel). Kontrollera siffrorna.",
        "The organisation number is not valid (the check digit is wrong). Check the digits.",
    ),
    "samverkan.contact_consent_required": (
        "Kontaktuppgifter sparas bara med kontaktpersonens samtycke. Kryssa i rutan eller ta bort uppgifterna.",
        "Contact details are kept only with the contact person's consent. Tick the box or remove the details.",
    ),
    "samverkan.consent_required": (
        "Vi behöver ditt samtycke för att kunna spara svaret och kontakta dig.",
        "We need your consent to keep the response and contact you.",
    ),
    "samverkan.deadline_in_past": (
        "Sista svarsdagen har redan passerat. Välj en dag från och med i dag.",
        "The deadline has already passed. Choose a day from today on.",
    ),
    "samverkan.deadline_passed": (
        "Sista dagen för svar var {deadline}. Behovet tar inte emot fler svar.",
        "The last day for responses was {deadline}. The need takes no more responses.",
    ),
    "samverkan.need_not_found": (
        "Behovet finns inte eller är inte öppet för svar.",
        "The need does not exist or is not open for responses.",
    ),
    "samverkan.need_transition_refused": (
        "Behovet kan inte få den statusen nu.",
        "The need cannot take that status now.",
    ),
    "samverkan.rate_limited": (
        "Du har skickat många svar på kort tid. Försök igen om {minutes} minuter.",
        "You have sent many responses in a short time. Try again in {minutes} minutes.",
    ),
    "samverkan.track_not_found": (
        "Vi hittar inget svar med den koden. Kontrollera att du har klistrat in hela länken eller koden från "
        "kvittot. Referensen (UTM-…) räcker inte.",
        "We cannot find a response with that code. Check that you pasted the whole link or the code from the "
        "receipt. The reference (UTM-…) is not enough.",
    ),
    "samverkan.already_declared": (
        "Du har redan lämnat din jävsdeklaration för svaret.",
        "You have already made your declaration of interests for this response.",
    ),
    "samverkan.conflict_note_required": (
        "Beskriv kort vari jävet består.",
        "Describe briefly what the conflict of interest is.",
    ),
    "samverkan.declare_first": (
        "Deklarera först att du inte är jävig. Den som är jävig kan inte bedöma svaret.",
        "First declare that you have no conflict of interest. Someone with a conflict cannot assess the response.",
    ),
    "samverkan.score_range": ("Välj ett betyg från {low} till {high}.", "Choose a score from {low} to {high}."),
    "samverkan.response_taken_forward": (
        "Svaret har redan gått vidare (till en upphandling, en testmiljö eller Innovationsfonden).",
        "The response has already been taken forward (to a procurement, a testbed or the innovation fund).",
    ),
    "samverkan.response_declined": (
        "Svaret går inte vidare och kan inte bli en upphandling, en förfrågan eller en ansökan.",
        "The response was declined and cannot become a procurement, a request or an application.",
    ),
    "samverkan.request_exists": (
        "Det finns redan en förfrågan om testmiljö från det här svaret.",
        "There is already a testbed request from this response.",
    ),
    "samverkan.application_exists": (
        "Det finns redan en fondansökan från det här svaret.",
        "There is already a fund application from this response.",
    ),
    "samverkan.procurement_exists": (
        "Det finns redan en upphandling från det här svaret.",
        "There is already a procurement from this response.",
    ),
    "samverkan.method_required": (
        "Välj förfarande innan upphandlingen annonseras.",
        "Choose the procedure before the procurement is announced.",
    ),
    "samverkan.stage_refused": (
        "Upphandlingen kan inte gå till det steget härifrån.",
        "The procurement cannot move to that stage from here.",
    ),
    "samverkan.ref_unknown": (
        "Hittar ingen idé {ref} som du kan koppla.",
        "No idea {ref} that you can link was found.",
    ),
    # ------------------------------------------------------------ public needs page
    "samverkan.needs_caption": (
        "Regionen söker lösningar. Här finns de behov och utmaningar som är öppna för svar från företag, "
        "forskare och andra – du behöver inget konto för att svara.",
        "The region is looking for solutions. These needs and challenges are open for responses from "
        "companies, researchers and others – you need no account to respond.",
    ),
    "samverkan.open_needs.one": ("{n} öppet behov", "{n} open need"),
    "samverkan.open_needs.other": ("{n} öppna behov", "{n} open needs"),
    "samverkan.no_open_needs": (
        "Inga behov är öppna för svar just nu. Titta gärna in igen.",
        "No needs are open for responses right now. Please look again later.",
    ),
    "samverkan.area": ("Kärnverksamhet", "Core area"),
    "samverkan.organisation": ("Organisation", "Organisation"),
    "samverkan.deadline": ("Sista svarsdag", "Deadline"),
    "samverkan.deadline_value": ("Svara senast {day}", "Respond by {day}"),
    "samverkan.read_and_respond": ("Läs och svara", "Read and respond"),
    "samverkan.back_to_needs": ("Tillbaka till alla behov", "Back to all needs"),
    "samverkan.need_description": ("Behovet", "The need"),
    "samverkan.guidance": ("Det här vill vi att svaret innehåller", "What a response should contain"),
    "samverkan.respond_heading": ("Svara på behovet", "Respond to the need"),
    "samverkan.resp.org": ("Organisation", "Organisation"),
    "samverkan.resp.org_number": ("Organisationsnummer", "Organisation number"),
    "samverkan.resp.org_number_help": (
        "Svenskt organisationsnummer, tio siffror (NNNNNN-NNNN). Lämna tomt om ni saknar ett.",
        "Swedish organisation number, ten digits (NNNNNN-NNNN). Leave empty if you have none.",
    ),
    "samverkan.resp.kind": ("Typ av aktör", "Kind of organisation"),
    "samverkan.resp.name": ("Kontaktperson", "Contact person"),
    "samverkan.resp.email": ("E-post", "E-mail"),
    "samverkan.resp.proposal": ("Ert svar", "Your response"),
    "samverkan.resp.proposal_help": (
        "Beskriv lösningen och det som efterfrågas ovan. Skriv inga affärshemligheter här.",
        "Describe the solution and what is asked for above. Do not write trade secrets here.",
    ),
    "samverkan.resp.consent": (
        "Jag samtycker till att regionen sparar svaret och mina kontaktuppgifter för att handlägga det",
        "I agree that the region keeps the response and my contact details to handle it",
    ),
    "samverkan.resp.submit": ("Skicka svaret", "Send the response"),
    "samverkan.receipt": (
        "Ditt svar har tagits emot med referens {ref}. Ett kvitto skickas till din e-post.",
        "Your response has been received with reference {ref}. A receipt is sent to your e-mail.",
    ),
    "samverkan.tracking_once": (
        "Spara länken nedan: den är din privata länk för att följa svaret och visas bara nu. Referensen "
        "ensam räcker inte.",
        "Keep the link below: it is your private link to follow the response and is shown only now. The "
        "reference alone is not enough.",
    ),
    "samverkan.go_track": ("Följ ditt svar", "Follow your response"),
    # ------------------------------------------------------------ tracking
    "samverkan.track_caption": (
        "Öppna din privata länk från kvittot, eller klistra in koden, för att se hur ditt svar hanteras.",
        "Open your private link from the receipt, or paste the code, to see how your response is handled.",
    ),
    "samverkan.tracking_code_field": ("Din kod eller länk", "Your code or link"),
    "samverkan.track_show": ("Visa", "Show"),
    "samverkan.status": ("Status", "Status"),
    "samverkan.received": ("Inkommet", "Received"),
    # ------------------------------------------------------------ managing needs
    "samverkan.manage_caption": (
        "Publicera behov och utmaningar, läs svaren efter jävsdeklaration, bedöm dem och ta ett svar vidare "
        "till en upphandling, en testmiljö eller Innovationsfonden.",
        "Publish needs and challenges, read the responses after declaring your interests, assess them and take "
        "a response on to a procurement, a testbed or the innovation fund.",
    ),
    "samverkan.new_need": ("Nytt behov", "New need"),
    "samverkan.need.title": ("Rubrik", "Title"),
    "samverkan.need.description": ("Beskriv behovet", "Describe the need"),
    "samverkan.need.guidance": ("Vad ska ett svar innehålla?", "What should a response contain?"),
    "samverkan.need.publish_now": ("Publicera direkt", "Publish at once"),
    "samverkan.need.save": ("Spara behovet", "Save the need"),
    "samverkan.need_saved": ("Behovet är sparat.", "The need is saved."),
    "samverkan.needs_empty": ("Inga behov ännu.", "No needs yet."),
    "samverkan.col.title": ("Rubrik", "Title"),
    "samverkan.col.status": ("Status", "Status"),
    "samverkan.col.responses": ("Svar", "Responses"),
    "samverkan.choose_need": ("Välj behov", "Choose a need"),
    "samverkan.publish": ("Publicera", "Publish"),
    "samverkan.close": ("Stäng för svar", "Close for responses"),
    "samverkan.reopen": ("Öppna igen", "Reopen"),
    "samverkan.need_status_saved": ("Behovets status är ändrad.", "The need's status is changed."),
    "samverkan.responses_heading": ("Svar på behovet", "Responses to the need"),
    "samverkan.no_responses": ("Inga svar ännu.", "No responses yet."),
    "samverkan.col.ref": ("Referens", "Reference"),
    "samverkan.col.responder": ("Från", "From"),
    "samverkan.col.kind": ("Typ", "Kind"),
    "samverkan.col.received": ("Inkommet", "Received"),
    "samverkan.col.mean_score": ("Medelbetyg", "Mean score"),
    "samverkan.col.assessments": ("Bedömningar", "Assessments"),
    "samverkan.choose_response": ("Välj svar", "Choose a response"),
    "samverkan.declare_heading": ("Jävsdeklaration", "Declaration of interests"),
    "samverkan.declare_text": (
        "Svaret kommer från {org}. Innan du ser svaret: har du eller någon närstående ett intresse i "
        "organisationen (anställning, ägande, uppdrag)?",
        "The response comes from {org}. Before you see it: do you or anyone close to you have an interest in "
        "the organisation (employment, ownership, assignments)?",
    ),
    "samverkan.declare_no_conflict": ("Jag är inte jävig", "I have no conflict of interest"),
    "samverkan.declare_conflict": ("Jag är jävig", "I have a conflict of interest"),
    "samverkan.conflict_note": ("Vari består jävet?", "What is the conflict of interest?"),
    "samverkan.declared": ("Din deklaration är sparad.", "Your declaration is saved."),
    "samverkan.you_have_conflict": (
        "Du har anmält jäv för det här svaret och kan inte se eller bedöma det.",
        "You declared a conflict of interest for this response and cannot see or assess it.",
    ),
    "samverkan.contact": ("Kontakt", "Contact"),
    "samverkan.assessments_heading": ("Bedömningar", "Assessments"),
    "samverkan.score": ("Betyg (1–5)", "Score (1–5)"),
    "samverkan.note": ("Motivering", "Note"),
    "samverkan.assess": ("Spara bedömningen", "Save the assessment"),
    "samverkan.assessed": ("Bedömningen av {ref} är sparad.", "The assessment of {ref} is saved."),
    "samverkan.decline": ("Går inte vidare", "Do not take further"),
    "samverkan.declined": ("Svaret går inte vidare.", "The response is not taken further."),
    "samverkan.start_procurement": ("Starta upphandling från svaret", "Start a procurement from the response"),
    "samverkan.procurement_started": ("Upphandlingen {ref} är startad.", "The procurement {ref} is started."),
    "samverkan.has_procurement": ("Svaret har blivit upphandlingen {ref}.", "The response became procurement {ref}."),
    "samverkan.open_procurement": ("Öppna upphandlingen", "Open the procurement"),
    "samverkan.start_request": ("Gör en förfrågan om testmiljö av svaret", "Make a testbed request of the response"),
    "samverkan.fwd.request_help": (
        "Förfrågan får svarets organisation, kontaktperson, typ av aktör och förslag, och hamnar hos den som "
        "ansvarar för testmiljön. {org} får ett mejl med en länk för att följa den.",
        "The request takes the response's organisation, contact person, kind and proposal, and goes to whoever "
        "runs the testbed. {org} gets an e-mail with a link to follow it.",
    ),
    "samverkan.fwd.testbed": ("Testmiljö", "Testbed"),
    "samverkan.fwd.period": ("Önskad period (valfritt)", "Wanted period (optional)"),
    "samverkan.fwd.request_create": ("Skicka förfrågan", "Send the request"),
    "samverkan.request_started": (
        "Förfrågan {ref} om {testbed} är skickad.",
        "The request {ref} for {testbed} is sent.",
    ),
    "samverkan.has_request": (
        "Svaret har blivit förfrågan {ref} om {testbed} ({status}).",
        "The response became request {ref} for {testbed} ({status}).",
    ),
    "samverkan.open_requests": ("Öppna Förfrågningar", "Open Requests"),
    "samverkan.start_application": ("Gör en fondansökan av svaret", "Make a fund application of the response"),
    "samverkan.fwd.application_help": (
        "Ett utkast i ditt namn för {org}, med behovets rubrik och svarets förslag ifyllda. Du kompletterar och "
        "skickar in det under Mina ansökningar.",
        "A draft in your name for {org}, with the need's title and the response's proposal filled in. You "
        "complete and submit it under My applications.",
    ),
    "samverkan.fwd.call": ("Utlysning", "Call"),
    "samverkan.fwd.no_open_calls": (
        "Ingen utlysning i Innovationsfonden är öppen just nu.",
        "No call of the innovation fund is open right now.",
    ),
    "samverkan.fwd.application_create": ("Spara utkastet", "Save the draft"),
    "samverkan.application_started": (
        "Utkastet {ref} är sparat. Komplettera och skicka in det under Mina ansökningar.",
        "The draft {ref} is saved. Complete and submit it under My applications.",
    ),
    "samverkan.has_application": (
        "Svaret har blivit fondansökan {ref} ({status}).",
        "The response became fund application {ref} ({status}).",
    ),
    "samverkan.open_my_applications": ("Öppna Mina ansökningar", "Open My applications"),
    "samverkan.came_from_response": ("Från svar på behov", "From a response to a need"),
    # ------------------------------------------------------------ procurements
    "samverkan.procurements_caption": (
        "Upphandlingar med innovation enligt Upphandlingsmyndighetens steg: från behovsanalys och dialog med "
        "marknaden till avtal och uppföljning.",
        "Procurements with innovation following the Swedish procurement agency's steps: from needs analysis "
        "and market dialogue to contract and follow-up.",
    ),
    "samverkan.proc.title": ("Rubrik", "Title"),
    "samverkan.proc.description": ("Beskrivning", "Description"),
    "samverkan.proc.method": ("Förfarande", "Procedure"),
    "samverkan.proc.method_open": ("Ej valt än", "Not chosen yet"),
    "samverkan.proc.value": ("Uppskattat värde (kr)", "Estimated value (SEK)"),
    "samverkan.proc.organisation": ("Organisation", "Organisation"),
    "samverkan.proc.create": ("Starta upphandlingen", "Start the procurement"),
    "samverkan.new_procurement": ("Ny upphandling utan svar", "New procurement without a response"),
    "samverkan.procurements_empty": ("Inga upphandlingar ännu.", "No procurements yet."),
    "samverkan.col.stage": ("Steg", "Stage"),
    "samverkan.col.method": ("Förfarande", "Procedure"),
    "samverkan.col.value": ("Uppskattat värde", "Estimated value"),
    "samverkan.col.partner": ("Partner", "Partner"),
    "samverkan.col.started": ("Startad", "Started"),
    "samverkan.col.tests": ("Test i testmiljö", "Tests in a testbed"),
    "samverkan.col.organisation": ("Organisation", "Organisation"),
    "samverkan.choose_procurement": ("Välj upphandling", "Choose a procurement"),
    "samverkan.linked_need": ("Behov", "Need"),
    "samverkan.linked_response": ("Svar", "Response"),
    "samverkan.linked_partner": ("Partner", "Partner"),
    "samverkan.linked_ideas": ("Idéer", "Ideas"),
    "samverkan.linked_testbeds": ("Testmiljöer som använts", "Testbeds used"),
    "samverkan.none_linked": ("Inga", "None"),
    "samverkan.pipeline": ("Steg", "Stages"),
    "samverkan.log": ("Logg", "Log"),
    "samverkan.move_to": ("Nästa steg", "Next stage"),
    "samverkan.move": ("Flytta", "Move"),
    "samverkan.moved": ("Upphandlingen har flyttats.", "The procurement has moved."),
    "samverkan.occurred_on": ("Datum", "Date"),
    "samverkan.activity_kind": ("Vad", "What"),
    "samverkan.activity_text": ("Beskrivning", "Description"),
    "samverkan.log_activity": ("Logga", "Log it"),
    "samverkan.logged": ("Loggat.", "Logged."),
    "samverkan.add_testbed": ("Lägg till testmiljö", "Add a testbed"),
    "samverkan.testbed": ("Testmiljö", "Testbed"),
    "samverkan.in_stage": ("I steget", "In stage"),
    "samverkan.testbed_added": ("Testmiljön är kopplad.", "The testbed is linked."),
    "samverkan.idea_ref": ("Idéns referens (IDE-…)", "The idea's reference (IDE-…)"),
    "samverkan.link_idea": ("Koppla idé", "Link an idea"),
    "samverkan.idea_linked": ("Idén är kopplad.", "The idea is linked."),
    "samverkan.edit_procurement": ("Ändra uppgifter", "Change details"),
    "samverkan.saved": ("Sparat.", "Saved."),
    "samverkan.finished": ("Upphandlingen är avslutad.", "The procurement is finished."),
    # ------------------------------------------------------------ partners
    "samverkan.partners_caption": (
        "Regionens partner: företag, akademi, inkubatorer, stiftelser, civilsamhälle och andra offentliga "
        "aktörer, med det de är kopplade till.",
        "The region's partners: companies, academia, incubators, foundations, civil society and other public "
        "bodies, with what they are linked to.",
    ),
    "samverkan.partners_empty": ("Inga partner hittades.", "No partners were found."),
    "samverkan.new_partner": ("Ny partner", "New partner"),
    "samverkan.partner.name": ("Namn", "Name"),
    "samverkan.partner.kind": ("Typ av aktör", "Kind"),
    "samverkan.partner.org_number": ("Organisationsnummer", "Organisation number"),
    "samverkan.partner.website": ("Webbplats", "Website"),
    "samverkan.partner.description": ("Beskrivning", "Description"),
    "samverkan.partner.organisation": ("Ansvarig organisation i regionen", "Responsible organisation in the region"),
    "samverkan.partner.contact_name": ("Kontaktperson", "Contact person"),
    "samverkan.partner.contact_email": ("Kontaktpersonens e-post", "Contact person's e-mail"),
    "samverkan.partner.consent": (
        "Kontaktpersonen har samtyckt till att uppgifterna sparas",
        "The contact person has agreed that the details are kept",
    ),
    "samverkan.partner.active": ("Aktiv", "Active"),
    "samverkan.partner.save": ("Spara partnern", "Save the partner"),
    "samverkan.partner_saved": ("Partnern är sparad.", "The partner is saved."),
    "samverkan.choose_partner": ("Välj partner", "Choose a partner"),
    "samverkan.col.name": ("Namn", "Name"),
    "samverkan.col.org_number": ("Org.nr", "Org. no."),
    "samverkan.col.procurements": ("Upphandlingar", "Procurements"),
    "samverkan.linked_records": ("Kopplat till partnern", "Linked to the partner"),
    "samverkan.linked.response": ("Svar på behov", "Response to a need"),
    "samverkan.linked.procurement": ("Upphandling", "Procurement"),
    # ------------------------------------------------------------ figures
    "samverkan.figures_caption": (
        "Behov, svar, upphandlingar med innovation och partner, räknade direkt ur registren.",
        "Needs, responses, procurements with innovation and partners, counted straight from the records.",
    ),
    "samverkan.fig.needs_published": ("Publicerade behov", "Needs published"),
    "samverkan.fig.needs_answered": ("Behov med svar", "Needs with responses"),
    "samverkan.fig.responses": ("Svar", "Responses"),
    "samverkan.fig.responses_per_need": ("Svar per behov", "Responses per need"),
    "samverkan.fig.procurements": ("Upphandlingar med innovation", "Procurements with innovation"),
    "samverkan.fig.value": ("Uppskattat värde", "Estimated value"),
    "samverkan.fig.share_tests": ("Andel med test i testmiljö", "Share with tests in a testbed"),
    "samverkan.fig.partners_active": ("Aktiva partner", "Active partners"),
    "samverkan.fig.by_method": ("Upphandlingar per förfarande", "Procurements by procedure"),
    "samverkan.fig.by_kind": ("Partner per typ", "Partners by kind"),
    "samverkan.fig.count": ("Antal", "Number"),
    "samverkan.fig.empty": ("Inget att visa ännu.", "Nothing to show yet."),
    # ------------------------------------------------------------ notifications
    "mail.samverkan.receipt.subject": ("Vi har tagit emot ditt svar {ref}", "We have received your response {ref}"),
    "mail.samverkan.receipt.body": (
        "Tack för ditt svar på behovet ”{need}”. Det har referensen {ref}. Spara det här mejlet: länken nedan "
        "är din privata länk, där du ser hur svaret hanteras. Referensen ensam räcker inte.",
        "Thank you for your response to the need “{need}”. It has the reference {ref}. Keep this e-mail: the "
        "link below is your private link, where you see how the response is handled. The reference alone is "
        "not enough.",
    ),
    "mail.samverkan.new_response.subject": ("Nytt svar på ”{need}”: {ref}", "New response to “{need}”: {ref}"),
    "mail.samverkan.new_response.body": (
        "{org} har svarat på behovet ”{need}” ({ref}). Läs och bedöm svaret under Behovshantering.",
        "{org} has responded to the need “{need}” ({ref}). Read and assess it under Manage needs.",
    ),
    "notifications.kind.samverkan.receipt": ("Kvitto på svar på behov", "Receipt for a response to a need"),
    "mail.samverkan.became_request.subject": (
        "Ditt svar {response} går vidare till {testbed}",
        "Your response {response} goes on to {testbed}",
    ),
    "mail.samverkan.became_request.body": (
        "Ditt svar {response} på behovet ”{need}” går vidare som en förfrågan om att använda {testbed}, med "
        "referensen {ref}. Du behöver inte skicka något mer: den som ansvarar för testmiljön hör av sig. Spara "
        "det här mejlet: länken nedan är din privata länk till förfrågan, där du ser status och svar och kan "
        "skriva tillbaka. Referensen ensam räcker inte.",
        "Your response {response} to the need “{need}” goes on as a request to use {testbed}, with the "
        "reference {ref}. You need not send anything more: whoever runs the testbed will be in touch. Keep this "
        "e-mail: the link below is your private link to the request, where you see the status and answers and "
        "can write back. The reference alone is not enough.",
    ),
    "notifications.kind.samverkan.became_request": (
        "Svar som går vidare till en testmiljö",
        "Response taken on to a testbed",
    ),
    "notifications.kind.samverkan.new_response": (
        "Nytt svar på ett av våra behov",
        "New response to one of our needs",
    ),
    # ------------------------------------------------------------ agreements
    "nav.samverkan_agreements": ("Avtal", "Agreements"),
    "agreement_kind.cooperation": ("Samverkansavtal", "Cooperation agreement"),
    "agreement_kind.test": ("Testavtal", "Test agreement"),
    "agreement_kind.ip": ("Avtal om immateriella rättigheter", "IP agreement"),
    "agreement_kind.confidentiality": ("Sekretessavtal", "Confidentiality agreement"),
    "agreement_kind.procurement": ("Avtal efter upphandling", "Contract after a procurement"),
    "agreement_kind.other": ("Annat avtal", "Other agreement"),
    "ip_principle.region_owns": ("Regionen äger resultaten", "The region owns the results"),
    "ip_principle.partner_owns": ("Partnern äger resultaten", "The partner owns the results"),
    "ip_principle.partner_owns_region_licence": (
        "Partnern äger, regionen får fri nyttjanderätt",
        "The partner owns, the region has a free licence",
    ),
    "ip_principle.joint": ("Gemensamt ägande", "Joint ownership"),
    "ip_principle.each_own_results": (
        "Var part äger sina egna resultat",
        "Each party owns its own results",
    ),
    "ip_principle.not_applicable": ("Ej aktuellt", "Not applicable"),
    "samverkan.agreements_caption": (
        "Samverkans-, test- och IP-avtal med partner: parter, datum, principen för immateriella rättigheter, "
        "kopplingar och den undertecknade kopian. Avtal som snart löper ut aviseras i förväg.",
        "Cooperation, test and IP agreements with partners: parties, dates, the IP principle, links and the "
        "signed copy. Agreements about to end are notified ahead.",
    ),
    "samverkan.agreements_empty": ("Inga avtal hittades.", "No agreements were found."),
    "samverkan.new_agreement": ("Nytt avtal", "New agreement"),
    "samverkan.agr.title": ("Rubrik", "Title"),
    "samverkan.agr.kind": ("Typ av avtal", "Kind of agreement"),
    "samverkan.agr.parties": ("Partner som är part", "Partners who are parties"),
    "samverkan.agr.starts_on": ("Gäller från", "Valid from"),
    "samverkan.agr.ends_on": ("Gäller till", "Valid until"),
    "samverkan.agr.open_ended": ("Tills vidare", "Until further notice"),
    "samverkan.agr.notice_days": ("Avisera dagar före slutet", "Notify days before the end"),
    "samverkan.agr.auto_renews": ("Förlängs automatiskt om det inte sägs upp", "Renews unless terminated"),
    "samverkan.agr.ip_principle": ("Princip för immateriella rättigheter", "IP principle"),
    "samverkan.agr.note": ("Anteckning", "Note"),
    "samverkan.agr.procurement": ("Kopplad upphandling", "Linked procurement"),
    "samverkan.agr.need": ("Kopplat behov", "Linked need"),
    "samverkan.agr.testbed": ("Kopplad testmiljö", "Linked testbed"),
    "samverkan.agr.idea_ref": ("Kopplad idé (IDE-…)", "Linked idea (IDE-…)"),
    "samverkan.agr.application_ref": ("Kopplad fondansökan (FON-…)", "Linked fund application (FON-…)"),
    "samverkan.agr.save": ("Spara avtalet", "Save the agreement"),
    "samverkan.agreement_saved": ("Avtalet är sparat.", "The agreement is saved."),
    "samverkan.expiring_only": ("Bara avtal som löper ut inom 90 dagar", "Only agreements ending within 90 days"),
    "samverkan.choose_agreement": ("Välj avtal", "Choose an agreement"),
    "samverkan.col.parties": ("Parter", "Parties"),
    "samverkan.col.period": ("Giltighet", "Valid"),
    "samverkan.col.ip": ("IP-princip", "IP principle"),
    "samverkan.col.file": ("Undertecknad kopia", "Signed copy"),
    "samverkan.col.expiring": ("Löper snart ut", "Ending soon"),
    "samverkan.linked.need": ("Behov", "Need"),
    "samverkan.linked.idea": ("Idé", "Idea"),
    "samverkan.linked.testbed": ("Testmiljö", "Testbed"),
    "samverkan.linked.application": ("Fondansökan", "Fund application"),
    "samverkan.linked.agreement": ("Avtal", "Agreement"),
    "samverkan.linked.testbed_request": ("Förfrågan om testmiljö", "Testbed request"),
    # ------------------------------------------------------------ partners linked from ideas, requests, fund
    "samverkan.partners_heading": ("Partner (aktörer)", "Partners"),
    "samverkan.partners_none": ("Ingen partner är kopplad.", "No partner is linked."),
    "samverkan.link_partner": ("Koppla en partner", "Link a partner"),
    "samverkan.link_partner_help": (
        "Partner ur registret under Samverkan › Partner (din organisations). Saknas den, lägg till den där först.",
        "Partners from the register under Partnerships › Partners (your organisation's). If it is missing, add "
        "it there first.",
    ),
    "samverkan.link_partner_none": (
        "Det finns ingen fler partner att koppla. Lägg till partner under Samverkan › Partner.",
        "There is no further partner to link. Add partners under Partnerships › Partners.",
    ),
    "samverkan.link_partner_submit": ("Koppla", "Link"),
    "samverkan.partner_linked": ("{name} är kopplad.", "{name} is linked."),
    "samverkan.unlink_partner": ("Ta bort kopplingen till {name}", "Remove the link to {name}"),
    "samverkan.partner_unlinked": ("Kopplingen till {name} är borttagen.", "The link to {name} is removed."),
    "samverkan.signed_copy": ("Undertecknad kopia", "Signed copy"),
    "samverkan.no_signed_copy": ("Ingen undertecknad kopia är uppladdad.", "No signed copy is uploaded."),
    "samverkan.file_facts": ("{name}, {kb} kB, uppladdad {at}", "{name}, {kb} kB, uploaded {at}"),
    "samverkan.download": ("Ladda ned den undertecknade kopian", "Download the signed copy"),
    "samverkan.upload": (
        "Ladda upp undertecknad kopia (PDF, DOCX, PNG eller JPEG, högst {mb} MB)",
        "Upload the signed copy (PDF, DOCX, PNG or JPEG, at most {mb} MB)",
    ),
    "samverkan.upload_save": ("Spara kopian", "Save the copy"),
    "samverkan.file_saved": ("Den undertecknade kopian är sparad.", "The signed copy is saved."),
    "samverkan.file_too_large": (
        "Filen är för stor. Den får vara högst {mb} MB.",
        "The file is too large. It may be at most {mb} MB.",
    ),
    "samverkan.file_type_refused": (
        "Filen är inte en PDF, DOCX, PNG eller JPEG (vi kontrollerar innehållet, inte filnamnet).",
        "The file is not a PDF, DOCX, PNG or JPEG (we check the content, not the file name).",
    ),
    "samverkan.ends_before_start": ("Slutdatumet ligger före startdatumet.", "The end date is before the start date."),
    "samverkan.record_unknown": ("Hittar ingen {ref} som du kan koppla.", "No {ref} that you can link was found."),
    "samverkan.fig.agreements_active": ("Gällande avtal", "Agreements in force"),
    "samverkan.fig.agreements_expiring": ("Avtal som löper ut inom 90 dagar", "Agreements ending within 90 days"),
    "mail.samverkan.agreement_expiring.subject": (
        "Avtalet {ref} löper ut {ends_on}",
        "The agreement {ref} ends on {ends_on}",
    ),
    "mail.samverkan.agreement_expiring.body": (
        "Avtalet ”{title}” ({ref}) löper ut {ends_on}. Ta ställning till om det ska förlängas, sägas upp eller "
        "avslutas, under Samverkan › Avtal.",
        "The agreement “{title}” ({ref}) ends on {ends_on}. Decide whether to renew, terminate or end it, under "
        "Partnerships › Agreements.",
    ),
    "notifications.kind.samverkan.agreement_expiring": ("Avtal som snart löper ut", "Agreements about to end"),
    # ------------------------------------------------------------ partner merge
    "samverkan.merge_heading": ("Slå ihop dubbletter", "Merge duplicates"),
    "samverkan.merge_into": ("Slå ihop med (behålls)", "Merge into (kept)"),
    "samverkan.merge": ("Slå ihop", "Merge"),
    "samverkan.merged": ("Partnern är sammanslagen med {name}.", "The partner is merged into {name}."),
    "samverkan.merge_self": ("En partner kan inte slås ihop med sig själv.", "A partner cannot be merged into itself."),
    "samverkan.already_merged": (
        "Den ena partnern är redan sammanslagen med en annan.",
        "One of the partners is already merged into another.",
    ),
    "samverkan.merge_help": (
        "Allt som är kopplat till den här partnern flyttas till den valda, och den här döljs ur registret.",
        "Everything linked to this partner moves to the chosen one, and this one is hidden from the register.",
    ),
}
