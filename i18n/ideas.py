"""Texts of the ideas pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ fields
    "ideas.reference": ("Referens", "Reference"),
    "ideas.title": ("Rubrik", "Title"),
    "ideas.need": ("Behov eller problem", "Need or problem"),
    "ideas.proposal": ("Förslag på lösning", "Proposed solution"),
    "ideas.area": ("Kärnverksamhet", "Core area"),
    "ideas.organisation": ("Organisation", "Organisation"),
    "ideas.organisation_unknown": ("Vet ej", "Don't know"),
    "ideas.submitter_kind": ("Jag är", "I am"),
    "ideas.submitter": ("Inlämnad av", "Submitted by"),
    "ideas.submitted_as": ("Idégivare", "Submitter"),
    "ideas.benefit_kind": ("Typ av nytta", "Kind of benefit"),
    "ideas.stage": ("Steg", "Stage"),
    "ideas.status": ("Status", "Status"),
    "ideas.received": ("Inkommen", "Received"),
    "ideas.stage_changed": ("Senast flyttad", "Last moved"),
    "ideas.owner": ("Ansvarig", "Owner"),
    "ideas.ip_status": ("Immateriella rättigheter", "Intellectual property"),
    "ideas.further_areas": ("Berör även", "Also touches"),
    "ideas.supporters": ("Stöd", "Backers"),
    "ideas.waiting": ("Väntar", "Waiting"),
    "ideas.overdue_flag": ("Över 14 dagar", "Over 14 days"),
    "ideas.field": ("Uppgift", "Detail"),
    "ideas.value": ("Värde", "Value"),
    "ideas.title_help": ("Högst {n} tecken.", "At most {n} characters."),
    "ideas.text_help": ("Högst {n} tecken.", "At most {n} characters."),
    # ------------------------------------------------------------ Lämna en idé
    "ideas.submit_caption": (
        "Alla idéer tas om hand – från medarbetare, patienter, anhöriga, resenärer och invånare. Du kan vara anonym.",
        "Every idea is taken care of – from employees, patients, relatives, travellers and residents. You may stay "
        "anonymous.",
    ),
    "ideas.no_health_details": (
        "Skriv inte uppgifter om din eller någon annans hälsa, och inga personnummer. Beskriv behovet, inte personen.",
        "Do not write details about your own or anyone else's health, and no personal identity numbers. Describe "
        "the need, not the person.",
    ),
    "ideas.similar_before": ("Liknande idéer som redan finns", "Similar ideas that already exist"),
    "ideas.similar_hint": (
        "Finns din idé redan? Som medarbetare kan du stödja den under Mina idéer i stället för att lämna en ny.",
        "Is your idea already here? As an employee you can back it under My ideas instead of submitting a new one.",
    ),
    "ideas.similar_none": ("Inga liknande idéer hittades.", "No similar ideas were found."),
    "ideas.contact": ("Kontaktuppgifter (frivilligt)", "Contact details (optional)"),
    "ideas.contact_help": (
        "Lämna namn och e-post om du vill att vi kan fråga dig om idén. Du kan också vara anonym.",
        "Give your name and e-mail if we may ask you about the idea. You may also stay anonymous.",
    ),
    "ideas.contact_details": ("Kontaktuppgifter", "Contact details"),
    "ideas.contact_name": ("Namn", "Name"),
    "ideas.contact_email": ("E-post", "E-mail"),
    "ideas.consent_text": (
        "Dina kontaktuppgifter används bara för att innovationsstödet och den organisation som tar hand om idén "
        "ska kunna nå dig om idén. Bara de ser dem. De tas bort senast tolv månader efter att idén har avslutats, "
        "eller tidigare om du ber om det.\n\n"
        "**Det här kan andra se:** idéns rubrik, steg och kärnverksamhet kan visas som liknande idé för andra "
        "som lämnar en idé, så länge idén inte är parkerad eller avslutad. Inloggade medarbetare kan se "
        "rubriken, steget och hur många som stöder idén (och hitta den när de söker i behoven) för att kunna "
        "stödja den, så länge den inte är avslutad. Testas idén i en testmiljö kan rubriken visas på "
        "testmiljöns sida. Ditt namn, din e-post, idéns referens och din länk visas aldrig för andra.",
        "Your contact details are used only so that the innovation team and the organisation handling the idea "
        "can reach you about it. Only they see them. They are removed at the latest twelve months after the idea "
        "is closed, or earlier if you ask.\n\n"
        "**What others can see:** the idea's title, stage and core area may be shown as a similar idea to "
        "others submitting an idea, as long as the idea is not parked or closed. Logged-in employees can see the "
        "title, the stage and how many back the idea (and find it when searching needs) so that they can back "
        "it, as long as it is not closed. If the idea is tried out in a test environment, its title may be shown on "
        "that environment's page. Your name, your e-mail, the idea's reference and your link are never shown to "
        "others.",
    ),
    "ideas.consent": (
        "Jag samtycker till att mina kontaktuppgifter sparas för detta ändamål.",
        "I agree that my contact details are kept for this purpose.",
    ),
    "ideas.consent_required": (
        "Kryssa i samtycket, eller ta bort namn och e-post för att lämna idén anonymt.",
        "Tick the consent, or remove the name and e-mail to submit the idea anonymously.",
    ),
    "ideas.submit": ("Skicka idén", "Submit the idea"),
    "ideas.submitted": (
        "Tack! Din idé har tagits emot med referensen **{ref}**.",
        "Thank you! Your idea has been received with the reference **{ref}**.",
    ),
    "ideas.tracking_heading": ("Följ din idé med din personliga länk", "Follow your idea with your personal link"),
    "ideas.tracking_once": (
        "Spara länken eller koden nu – av säkerhetsskäl visas de bara den här gången. Referensen räcker inte för "
        "att se idén, och den som har länken kan följa idén, så dela den inte.",
        "Save the link or the code now – for security they are shown only this once. The reference is not "
        "enough to see the idea, and anyone with the link can follow it, so do not share it.",
    ),
    "ideas.tracking_link": (
        "Din länk (kopiera den med knappen till höger):",
        "Your link (copy it with the button on the right):",
    ),
    "ideas.tracking_code": (
        "Din spårningskod, om du hellre skriver in den under Följ din idé:",
        "Your tracking code, if you would rather type it under Follow your idea:",
    ),
    "ideas.new_link": ("Ny länk till idégivaren", "New link for the submitter"),
    "ideas.new_link_help": (
        "För en idégivare som har tappat bort sin länk, eller lämnade idén innan länkar fanns. Den gamla länken "
        "slutar gälla. Den nya visas bara här och nu: skicka den till den e-postadress som idégivaren lämnade.",
        "For a submitter who lost their link, or submitted the idea before links existed. The old link stops "
        "working. The new one is shown only here and now: send it to the e-mail address the submitter gave.",
    ),
    "ideas.new_link_make": ("Skapa en ny länk", "Create a new link"),
    "ideas.new_link_done": (
        "Den nya länken gäller nu (spårningskod: `{code}`). Den gamla länken fungerar inte längre.",
        "The new link is valid now (tracking code: `{code}`). The old link no longer works.",
    ),
    "ideas.tracking_download": ("Spara som textfil", "Save as a text file"),
    "ideas.tracking_file": (
        "Innovationsportalen – din idé {ref}\n\nFölj idén med den här länken:\n{link}\n\nEller skriv in "
        "spårningskoden under Följ din idé:\n{code}\n\nDela inte länken eller koden: den som har dem kan följa "
        "idén.\n",
        "Innovationsportalen – your idea {ref}\n\nFollow the idea with this link:\n{link}\n\nOr type the "
        "tracking code under Follow your idea:\n{code}\n\nDo not share the link or the code: anyone who has "
        "them can follow the idea.\n",
    ),
    "ideas.next_steps": (
        "**Vad händer nu?** Innovationsstödet går igenom nya idéer och ger ett första besked inom 14 dagar. "
        "Idén bedöms sedan, och kan utvecklas, testas, införas och spridas till fler verksamheter. "
        "Under *Följ din idé* ser du var den står.",
        "**What happens next?** The innovation team goes through new ideas and gives a first answer within 14 "
        "days. The idea is then assessed, and may be developed, tested, implemented and spread to more "
        "organisations. Under *Follow your idea* you can see where it stands.",
    ),
    "ideas.go_track": ("Följ din idé", "Follow your idea"),
    "ideas.rate_limited": (
        "Många idéer har lämnats härifrån på kort tid. Vänta {minutes} min och försök igen – det du skrev finns "
        "kvar. Tack för ditt engagemang!",
        "Many ideas have been submitted from here in a short time. Please wait {minutes} min and try again – what "
        "you wrote is kept. Thank you for your commitment!",
    ),
    # ------------------------------------------------------------ Följ din idé
    "ideas.track_caption": (
        "Öppna den personliga länken du fick när du lämnade idén, eller klistra in länken eller spårningskoden här.",
        "Open the personal link you got when you submitted the idea, or paste the link or the tracking code here.",
    ),
    "ideas.tracking_code_field": ("Spårningskod eller länk", "Tracking code or link"),
    "ideas.tracking_code_help": (
        "Koden har 22 tecken och visades tillsammans med referensen när du lämnade idén.",
        "The code has 22 characters and was shown with the reference when you submitted the idea.",
    ),
    "ideas.track_ref_not_enough": (
        "Referensen ensam visar inte idén – annars kunde vem som helst läsa andras idéer. Använd länken eller "
        "spårningskoden du fick när du lämnade idén. Lämnade du den inloggad finns den under Mina idéer. Har du "
        "tappat bort länken kan innovationsstödet skicka en ny till den e-postadress du lämnade.",
        "The reference alone does not show the idea – otherwise anyone could read other people's ideas. Use the "
        "link or tracking code you got when you submitted the idea. If you were logged in, it is under My "
        "ideas. If you have lost the link, the innovation team can send a new one to the e-mail address you "
        "gave.",
    ),
    "ideas.track_show": ("Visa", "Show"),
    "ideas.track_not_found": (
        "Ingen idé hittades med den koden. Kontrollera att du har fått med hela länken eller alla 22 tecken i koden.",
        "No idea was found with that code. Check that you have the whole link or all 22 characters of the code.",
    ),
    "ideas.timeline": ("Händelser", "Timeline"),
    "ideas.when": ("När", "When"),
    "ideas.who": ("Vem", "Who"),
    "ideas.what": ("Vad hände", "What happened"),
    "ideas.note": ("Meddelande", "Message"),
    "ideas.visibility": ("Syns för", "Visible to"),
    "ideas.internal": ("Internt", "Internal"),
    "ideas.public": ("Idégivaren", "The submitter"),
    "ideas.visitor": ("Besökare", "Visitor"),
    "ideas.closed_reason": ("Idén är avslutad: {reason}", "The idea is closed: {reason}"),
    "ideas.merged_into": (
        "Idén har slagits ihop med {ref}, som handlar om samma sak. Följ den referensen framöver.",
        "The idea has been merged into {ref}, which is about the same thing. Follow that reference from now on.",
    ),
    "ideas.event.created": ("Idén togs emot", "The idea was received"),
    "ideas.event.stage_changed": ("Från {from_stage} till {to_stage}", "From {from_stage} to {to_stage}"),
    "ideas.event.comment": ("Kommentar", "Comment"),
    "ideas.event.assigned": ("Ansvar tilldelat", "Responsibility assigned"),
    "ideas.event.ip_changed": ("Immateriella rättigheter bedömda", "Intellectual property assessed"),
    "ideas.event.linked": ("Berörda kärnverksamheter ändrade", "Core areas touched changed"),
    "ideas.event.merged": ("Sammanslagen med {ref}", "Merged with {ref}"),
    "ideas.event.adopted": ("Införd i ytterligare en verksamhet", "Taken into use by one more organisation"),
    "ideas.event.anonymised": ("Kontaktuppgifter borttagna", "Contact details removed"),
    # ------------------------------------------------------------ Mina idéer
    "ideas.mine_caption": (
        "Idéer du har lämnat när du var inloggad, och idéer från andra som du kan stödja.",
        "Ideas you submitted while logged in, and other people's ideas you can back.",
    ),
    "ideas.mine_tab": ("Mina idéer", "My ideas"),
    "ideas.back_tab": ("Stöd en idé", "Back an idea"),
    "ideas.mine_none": ("Du har inte lämnat någon idé ännu.", "You have not submitted an idea yet."),
    "ideas.mine_open": ("Visa händelser för", "Show the timeline of"),
    "ideas.back_caption": (
        "Stöd idéer du också vill se bli verklighet. Varje person kan stödja en idé en gång.",
        "Back ideas you would also like to see come true. Each person can back an idea once.",
    ),
    "ideas.back_none": ("Inga idéer matchar sökningen.", "No ideas match the search."),
    "ideas.back_line": ("{stage} · {area} · {n} stöder", "{stage} · {area} · {n} backers"),
    "ideas.back": ("Stöd", "Back"),
    "ideas.backed": ("Du stöder idén", "You back this idea"),
    "ideas.backed_done": ("Tack – ditt stöd är registrerat.", "Thank you – your backing has been recorded."),
    "ideas.support_own": ("Du kan inte stödja din egen idé.", "You cannot back your own idea."),
    "ideas.support_closed": (
        "Idén är avslutad och kan inte längre stödjas.",
        "The idea is closed and can no longer be backed.",
    ),
    "ideas.support_twice": ("Du stöder redan den här idén.", "You already back this idea."),
    # ------------------------------------------------------------ Idéhantering: board
    "ideas.manage_caption": (
        "Alla idéer steg för steg, från inkommen till spridning. Chefer ser sin egen organisations idéer.",
        "Every idea step by step, from received to spread. Managers see their own organisation's ideas.",
    ),
    "ideas.board_tab": ("Tavla", "Board"),
    "ideas.response_tab": ("Svarstider", "Response times"),
    "ideas.person_tab": ("Personuppgifter", "Personal data"),
    "ideas.search_hint": ("Referens, rubrik eller text", "Reference, title or text"),
    "ideas.age": ("Ålder", "Age"),
    "ideas.older_than": ("Äldre än {n} dagar", "Older than {n} days"),
    "ideas.overdue_only": ("Bara väntande över 14 dagar", "Only waiting over 14 days"),
    "ideas.all_stages": ("Alla ({n})", "All ({n})"),
    "ideas.overdue_warning.one": (
        "{n} idé har väntat i Inkommen i mer än 14 dagar utan besked.",
        "{n} idea has waited in Received for more than 14 days without an answer.",
    ),
    "ideas.overdue_warning.other": (
        "{n} idéer har väntat i Inkommen i mer än 14 dagar utan besked.",
        "{n} ideas have waited in Received for more than 14 days without an answer.",
    ),
    "ideas.none_found": ("Inga idéer matchar filtret.", "No ideas match the filter."),
    "ideas.open_idea": ("Öppna idé", "Open idea"),
    "ideas.open": ("Öppna", "Open"),
    "ideas.export_xlsx": ("Ladda ner Excel", "Download Excel"),
    "ideas.export_csv": ("Ladda ner CSV", "Download CSV"),
    "ideas.export_json": ("Ladda ner JSON", "Download JSON"),
    "ideas.response_caption": (
        "Mediantid i dagar från inkommen idé till första besked för idéer som kommit in de senaste två åren, per "
        "ansvarig organisation, och hur många idéer som väntar nu (flaggas efter {n} dagar).",
        "Median days from a received idea to the first decision for ideas received in the last two years, per "
        "responsible organisation, and how many ideas wait now (flagged after {n} days).",
    ),
    "ideas.decided": ("Idéer med besked", "Ideas decided"),
    "ideas.median_days": ("Median dagar till besked", "Median days to decision"),
    "ideas.waiting_now": ("Väntar nu", "Waiting now"),
    "ideas.overdue_now": ("Väntat över 14 dagar", "Waited over 14 days"),
    "ideas.person_caption": (
        "Allt som finns om en e-postadress: konto, idéer, stöd, förfrågningar om testmiljöer och "
        "fondansökningar. Uttaget loggas.",
        "Everything held about an e-mail address: account, ideas, backing, testbed requests and fund "
        "applications. The export is logged.",
    ),
    "ideas.person_find": ("Sök uppgifter", "Find data"),
    "ideas.person_found.one": ("{n} post hittades.", "{n} record was found."),
    "ideas.person_found.other": ("{n} poster hittades.", "{n} records were found."),
    "ideas.person_empty": ("Inga poster", "No records"),
    "ideas.person.accounts": ("Konton", "Accounts"),
    "ideas.person.ideas": ("Idéer", "Ideas"),
    "ideas.person.supported_ideas": ("Stödda idéer", "Backed ideas"),
    "ideas.person.testbed_requests": ("Testmiljöförfrågningar", "Testbed requests"),
    "ideas.person.fund_applications": ("Fondansökningar", "Fund applications"),
    # ------------------------------------------------------------ Idéhantering: the idea page
    "ideas.back_to_board": ("Tillbaka till tavlan", "Back to the board"),
    "ideas.no_contact": ("Inga (anonym)", "None (anonymous)"),
    "ideas.anonymised_on": ("Borttagna {day}", "Removed {day}"),
    "ideas.closed_reason_label": ("Skäl för avslut", "Reason for closing"),
    "ideas.merged_into_label": ("Sammanslagen med", "Merged into"),
    "ideas.merged_from": ("Dubbletter som slagits ihop hit", "Duplicates merged into this one"),
    "ideas.move": ("Flytta idén", "Move the idea"),
    "ideas.no_moves": (
        "Idén är sammanslagen med en annan och kan inte flyttas.",
        "The idea has been merged into another and cannot be moved.",
    ),
    "ideas.move_to": ("Till", "To"),
    "ideas.move_note": ("Meddelande till idégivaren", "Message to the submitter"),
    "ideas.move_note_help": (
        "Visas för idégivaren under Följ din idé. Krävs när idén avslutas.",
        "Shown to the submitter under Follow your idea. Required when the idea is closed.",
    ),
    "ideas.move_submit": ("Flytta", "Move"),
    "ideas.moved": ("Idén är flyttad till {stage}.", "The idea has been moved to {stage}."),
    "ideas.move_not_allowed": (
        "Det steget är inte tillåtet härifrån: en idé flyttas ett steg i taget, parkeras, avslutas eller öppnas igen.",
        "That step is not allowed from here: an idea moves one step at a time, is parked, closed or reopened.",
    ),
    "ideas.moved_meanwhile": (
        "Någon annan har just flyttat idén. Ladda om sidan och försök igen.",
        "Someone else has just moved the idea. Reload the page and try again.",
    ),
    "ideas.close_needs_reason": (
        "Skriv ett skäl – idégivaren får läsa det.",
        "Write a reason – the submitter will read it.",
    ),
    "ideas.comment": ("Ny kommentar", "New comment"),
    "ideas.comment_public": ("Visa för idégivaren", "Show to the submitter"),
    "ideas.comment_submit": ("Lägg till kommentar", "Add comment"),
    "ideas.commented": ("Kommentaren är sparad.", "The comment has been saved."),
    "ideas.assign": ("Ansvarig och organisation", "Owner and organisation"),
    "ideas.only_admin_moves_org": (
        "Bara innovationsstödet kan lämna över en idé till en annan organisation.",
        "Only the innovation team can hand an idea over to another organisation.",
    ),
    "ideas.ip_and_areas": ("Immateriella rättigheter och kärnverksamheter", "Intellectual property and core areas"),
    "ideas.adoptions": ("Spridning till andra verksamheter", "Spread to other organisations"),
    "ideas.no_adoptions": ("Ingen annan verksamhet har infört idén ännu.", "No other organisation has adopted it yet."),
    "ideas.add_adoption": ("Registrera införande", "Record adoption"),
    "ideas.adopted_on": ("Infört", "Adopted on"),
    "ideas.adoption_note": ("Kommentar (visas för idégivaren)", "Note (shown to the submitter)"),
    "ideas.adopted": ("Införandet är registrerat.", "The adoption has been recorded."),
    "ideas.adoption_needs_implementation": (
        "Spridning registreras när idén är i Införande eller Spridning.",
        "Spread is recorded once the idea is in Implementation or Spread.",
    ),
    "ideas.adoption_own_org": (
        "Välj en annan organisation än den som ansvarar för idén.",
        "Choose an organisation other than the one responsible for the idea.",
    ),
    "ideas.adoption_date": ("Ange ett datum som inte ligger i framtiden.", "Enter a date that is not in the future."),
    "ideas.adoption_twice": (
        "Organisationen har redan registrerat införande av idén.",
        "The organisation has already recorded adopting the idea.",
    ),
    "ideas.linked": ("Kopplade ansökningar och testmiljöer", "Linked applications and testbeds"),
    "ideas.linked_kind": ("Typ", "Kind"),
    "ideas.linked_application": ("Fondansökan", "Fund application"),
    "ideas.linked_request": ("Testmiljöförfrågan", "Testbed request"),
    "ideas.linked_none": ("Inga kopplade ansökningar eller förfrågningar.", "No linked applications or requests."),
    "ideas.possible_duplicates": ("Möjliga dubbletter", "Possible duplicates"),
    "ideas.anonymise": ("Ta bort kontaktuppgifterna", "Remove the contact details"),
    "ideas.anonymised": (
        "Kontaktuppgifterna är borttagna; idén finns kvar.",
        "The contact details have been removed; the idea stays.",
    ),
    "ideas.nothing_to_anonymise": ("Idén har inga kontaktuppgifter.", "The idea holds no contact details."),
    "ideas.merge": ("Slå ihop med en annan idé", "Merge into another idea"),
    "ideas.merge_into": ("Referens till idén som ska finnas kvar", "Reference of the idea to keep"),
    "ideas.merge_reason": ("Meddelande till idégivaren", "Message to the submitter"),
    "ideas.merge_reason_default": (
        "Idén handlar om samma sak som en annan idé och har slagits ihop med den.",
        "The idea is about the same thing as another idea and has been merged into it.",
    ),
    "ideas.merge_submit": ("Slå ihop", "Merge"),
    "ideas.merged": ("Idéerna är sammanslagna.", "The ideas have been merged."),
    "ideas.merge_unknown": ("Det finns ingen idé med den referensen.", "There is no idea with that reference."),
    "ideas.merge_self": ("En idé kan inte slås ihop med sig själv.", "An idea cannot be merged into itself."),
    "ideas.merge_already": (
        "En av idéerna är redan sammanslagen med en annan.",
        "One of the ideas has already been merged into another.",
    ),
    # ------------------------------------------------------------ Översikt
    "ideas.funnel": ("Idéernas väg – hur många som nått varje steg", "The ideas' path – how many reached each stage"),
    "ideas.funnel_description": (
        "Stapeldiagram: antal idéer som någon gång nått varje steg, från inkommen till spridning.",
        "Bar chart: number of ideas that ever reached each stage, from received to spread.",
    ),
    "ideas.reached": ("Idéer som nått steget", "Ideas that reached the stage"),
    "ideas.latest": ("Senaste idéerna", "Latest ideas"),
    "ideas.overview_overdue.one": (
        "{n} idé har väntat mer än 14 dagar på ett första besked.",
        "{n} idea has waited more than 14 days for a first answer.",
    ),
    "ideas.overview_overdue.other": (
        "{n} idéer har väntat mer än 14 dagar på ett första besked.",
        "{n} ideas have waited more than 14 days for a first answer.",
    ),
}
