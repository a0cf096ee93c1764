"""Texts of notifications: the mails (subject and body per kind), the in-app list, preferences, the
outbox and unsubscribing; also the idea pages' questions and answers. `{key: (swedish, english)}`.

A mail's body is plain text; the HTML version is made from it with every character escaped."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ mail frame
    "mail.sender_name": ("Innovationsportalen – Region Stockholm", "Innovationsportalen – Region Stockholm"),
    "mail.open_link": ("Öppna i Innovationsportalen:", "Open in Innovationsportalen:"),
    "mail.footer": (
        "Det här meddelandet skickades automatiskt från Innovationsportalen, Region Stockholms innovationsstöd. "
        "Svar på det här mejlet läses inte.",
        "This message was sent automatically by Innovationsportalen, Region Stockholm's innovation support. "
        "Replies to this e-mail are not read.",
    ),
    "mail.unsubscribe": (
        "Vill du inte längre få sådana meddelanden? Avregistrera dig här:",
        "No longer want messages like this? Unsubscribe here:",
    ),
    "mail.digest.subject.one": ("Veckosammanfattning: {n} meddelande", "Weekly digest: {n} message"),
    "mail.digest.subject.other": ("Veckosammanfattning: {n} meddelanden", "Weekly digest: {n} messages"),
    "mail.digest.body": (
        "Det här har hänt sedan förra sammanfattningen:\n\n{items}\n\n"
        "Du får det här en gång i veckan eftersom du har valt det under Meddelanden.",
        "This is what happened since the last digest:\n\n{items}\n\n"
        "You get this once a week because you chose so under Notifications.",
    ),
    # ------------------------------------------------------------ ideas
    "mail.idea.receipt.subject": ("Tack för din idé – {ref}", "Thank you for your idea – {ref}"),
    "mail.idea.receipt.body": (
        "Tack för din idé ”{title}”! Den har tagits emot med referensen {ref}.\n\n"
        "Spara det här mejlet: länken nedan är din privata länk. Med den följer du idén, ser när den går "
        "vidare och svarar på frågor från innovationsstödet. Referensen ensam räcker inte, och länken kan "
        "inte visas igen. Dela den inte med andra.",
        "Thank you for your idea “{title}”! It has been received with the reference {ref}.\n\n"
        "Keep this e-mail: the link below is your private link. With it you follow the idea, see when it "
        "moves on and answer questions from the innovation support. The reference alone is not enough, and "
        "the link cannot be shown again. Do not share it.",
    ),
    "mail.idea.stage_changed.subject": (
        "Din idé {ref} är nu i steget {to_stage}",
        "Your idea {ref} is now at {to_stage}",
    ),
    "mail.idea.stage_changed.body": (
        "Din idé ”{title}” ({ref}) har flyttats från {from_stage} till {to_stage}.\n\n"
        "Meddelande från innovationsstödet: {note}\n\n"
        "Följ idén med den privata länken i kvittot du fick när du lämnade den.",
        "Your idea “{title}” ({ref}) has moved from {from_stage} to {to_stage}.\n\n"
        "Message from the innovation support: {note}\n\n"
        "Follow the idea with the private link in the receipt you got when you submitted it.",
    ),
    "mail.idea.closed.subject": ("Din idé {ref} är avslutad", "Your idea {ref} has been closed"),
    "mail.idea.closed.body": (
        "Din idé ”{title}” ({ref}) har avslutats.\n\nSkäl: {note}\n\n"
        "Tack för att du delade den med oss. Historiken finns kvar under din privata länk i kvittot.",
        "Your idea “{title}” ({ref}) has been closed.\n\nReason: {note}\n\n"
        "Thank you for sharing it with us. Its history remains under your private link in the receipt.",
    ),
    "mail.idea.question.subject": ("En fråga om din idé {ref}", "A question about your idea {ref}"),
    "mail.idea.question.body": (
        "Innovationsstödet har en fråga om din idé ”{title}” ({ref}):\n\n{question}\n\n"
        "Svara genom att öppna din privata länk från kvittot (mejlet ”Tack för din idé – {ref}”) och skriva "
        "ditt svar på sidan Följ din idé. Är du inloggad medarbetare kan du också svara under Mina idéer.",
        "The innovation support has a question about your idea “{title}” ({ref}):\n\n{question}\n\n"
        "Answer by opening your private link from the receipt (the e-mail “Thank you for your idea – {ref}”) "
        "and writing your answer on the page Follow your idea. As a logged-in employee you can also answer "
        "under My ideas.",
    ),
    "mail.idea.answered.subject": ("Idégivaren har svarat: {ref}", "The submitter has answered: {ref}"),
    "mail.idea.answered.body": (
        "Idégivaren har svarat på frågan om ”{title}” ({ref}):\n\n{answer}\n\nSvaret finns på idéns tidslinje.",
        "The submitter has answered the question about “{title}” ({ref}):\n\n{answer}\n\n"
        "The answer is on the idea's timeline.",
    ),
    "mail.idea.new_for_org.subject": ("Ny idé till er organisation: {ref}", "New idea for your organisation: {ref}"),
    "mail.idea.new_for_org.body": (
        "En ny idé har kommit in till er organisation: ”{title}” ({ref}). Den väntar på bedömning i Idéhantering.",
        "A new idea has come in for your organisation: “{title}” ({ref}). It awaits screening in Idea management.",
    ),
    "mail.idea.waiting.subject.one": ("{n} idé har väntat mer än 14 dagar", "{n} idea has waited over 14 days"),
    "mail.idea.waiting.subject.other": ("{n} idéer har väntat mer än 14 dagar", "{n} ideas have waited over 14 days"),
    "mail.idea.waiting.body": (
        "De här idéerna hos er har legat i steget Inkommen i mer än 14 dagar ({n} i allt, de äldsta först):\n\n"
        "{ideas}\n\nVarje idé ska tas om hand: ge dem ett besked i Idéhantering.",
        "These ideas of yours have been in the stage Received for over 14 days ({n} in all, oldest first):\n\n"
        "{ideas}\n\nEvery idea is to be taken care of: give them an answer in Idea management.",
    ),
    "mail.idea.waiting.line": ("• {ref} ”{title}” – {days} dagar", "• {ref} “{title}” – {days} days"),
    # ------------------------------------------------------------ Innovationsfonden
    "mail.fund.receipt.subject": ("Ansökan {ref} är inskickad", "Application {ref} has been submitted"),
    "mail.fund.receipt.body": (
        "Din ansökan ”{title}” ({ref}) till {call} har kommit in. Innovationsstödet granskar den och du hör av oss "
        "när det finns ett beslut. Under Mina ansökningar följer du dess status.",
        "Your application “{title}” ({ref}) to {call} has come in. The innovation support will review it and you "
        "will hear from us when there is a decision. Follow its status under My applications.",
    ),
    "mail.fund.resubmitted.subject": ("Ansökan {ref} är kompletterad", "Application {ref} has been completed"),
    "mail.fund.resubmitted.body": (
        "Tack! Din kompletterade ansökan ”{title}” ({ref}) till {call} är inskickad igen och granskas vidare.",
        "Thank you! Your completed application “{title}” ({ref}) to {call} is submitted again and reviewed further.",
    ),
    "mail.fund.needs_info.subject": ("Ansökan {ref} behöver kompletteras", "Application {ref} needs more information"),
    "mail.fund.needs_info.body": (
        "Innovationsstödet behöver mer information om din ansökan ”{title}” ({ref}):\n\n{message}\n\n"
        "Komplettera ansökan under Mina ansökningar och skicka in den igen.",
        "The innovation support needs more information about your application “{title}” ({ref}):\n\n{message}\n\n"
        "Complete the application under My applications and submit it again.",
    ),
    "mail.fund.approved.subject": ("Beslut: ansökan {ref} är beviljad", "Decision: application {ref} is granted"),
    "mail.fund.approved.body": (
        "Din ansökan ”{title}” ({ref}) har beviljats {granted} kr ur Innovationsfonden.\n\nMotivering: {note}\n\n"
        "Datum för läges- och slutrapport finns under Mina ansökningar.",
        "Your application “{title}” ({ref}) has been granted SEK {granted} from the Innovation fund.\n\n"
        "Note: {note}\n\nThe due dates of the progress and final reports are under My applications.",
    ),
    "mail.fund.rejected.subject": ("Beslut om ansökan {ref}", "Decision on application {ref}"),
    "mail.fund.rejected.body": (
        "Din ansökan ”{title}” ({ref}) har tyvärr inte beviljats.\n\nSkäl: {note}",
        "Your application “{title}” ({ref}) has unfortunately not been granted.\n\nReason: {note}",
    ),
    "mail.fund.report_due.subject": (
        "{report} för {ref} ska lämnas senast {due}",
        "{report} for {ref} is due by {due}",
    ),
    "mail.fund.report_due.body": (
        "Påminnelse: {report} för ”{title}” ({ref}) ska lämnas senast {due}. Lämna den under Mina ansökningar.",
        "Reminder: the {report} for “{title}” ({ref}) is due by {due}. Submit it under My applications.",
    ),
    "mail.fund.report_overdue.subject": ("{report} för {ref} är försenad", "{report} for {ref} is overdue"),
    "mail.fund.report_overdue.body": (
        "{report} för ”{title}” ({ref}) skulle ha lämnats senast {due} och har inte kommit in. "
        "Lämna den under Mina ansökningar så snart du kan.",
        "The {report} for “{title}” ({ref}) was due by {due} and has not come in. "
        "Submit it under My applications as soon as you can.",
    ),
    "mail.fund.review_assigned.subject": (
        "Du ombeds granska ansökan {ref}",
        "You are asked to review application {ref}",
    ),
    "mail.fund.review_assigned.body": (
        "Du har fått ansökan ”{title}” ({ref}) att granska. Under Granskning intygar du först att du inte är jävig; "
        "därefter ser du ansökan och sätter dina poäng. Granskningen ska vara klar senast {due}.",
        "You have been given the application “{title}” ({ref}) to review. Under Review you first declare that you "
        "have no conflict of interest; then you see the application and give your scores. Reviews are due by "
        "{due}.",
    ),
    "mail.fund.review_reminder.subject": ("Påminnelse: granskning av {ref}", "Reminder: review of {ref}"),
    "mail.fund.review_reminder.body": (
        "Din granskning av ansökan ”{title}” ({ref}) har inte kommit in ännu. Den ska vara klar senast {due}; "
        "lämna den under Granskning.",
        "Your review of the application “{title}” ({ref}) has not come in yet. It is due by {due}; submit it "
        "under Review.",
    ),
    "notifications.kind.fund.receipt": ("Kvitto på inskickad ansökan", "Receipt for a submitted application"),
    "notifications.kind.fund.resubmitted": ("Kompletterad ansökan inskickad", "Completed application submitted"),
    "notifications.kind.fund.needs_info": ("Ansökan behöver kompletteras", "Application needs more information"),
    "notifications.kind.fund.approved": ("Beslut: beviljad", "Decision: granted"),
    "notifications.kind.fund.rejected": ("Beslut: avslag", "Decision: not granted"),
    "notifications.kind.fund.report_due": ("Rapport ska lämnas inom 30 dagar", "Report due within 30 days"),
    "notifications.kind.fund.report_overdue": ("Rapport är försenad", "Report overdue"),
    "notifications.kind.fund.review_assigned": ("Ny ansökan att granska", "New application to review"),
    "notifications.kind.fund.review_reminder": ("Påminnelse om granskning", "Review reminder"),
    # ------------------------------------------------------------ testbeds
    "mail.testbed.receipt.subject": ("Vi har tagit emot din förfrågan {ref}", "We have received your request {ref}"),
    "mail.testbed.receipt.body": (
        "Tack för din förfrågan om att använda {testbed}. Den har referensen {ref}. Den som ansvarar för "
        "testmiljön svarar dig via e-post. Spara det här mejlet: länken nedan är din privata länk, där du ser "
        "status och svar och kan skriva tillbaka. Referensen ensam räcker inte.",
        "Thank you for your request to use {testbed}. Its reference is {ref}. Whoever runs the test environment "
        "will answer you by e-mail. Keep this e-mail: the link below is your private link, where you see the "
        "status and answers and can write back. The reference alone is not enough.",
    ),
    "mail.testbed.answered.subject": ("Svar på din förfrågan {ref}", "Answer to your request {ref}"),
    "mail.testbed.answered.body": (
        "Svar på din förfrågan {ref} om {testbed} (status: {status}):\n\n{message}\n\n"
        "Svara med din privata länk från kvittot.",
        "Answer to your request {ref} about {testbed} (status: {status}):\n\n{message}\n\n"
        "Reply with your private link from the receipt.",
    ),
    "mail.testbed.new_request.subject": ("Ny förfrågan om {testbed}: {ref}", "New request for {testbed}: {ref}"),
    "mail.testbed.new_request.body": (
        "{org} vill använda {testbed} ({ref}). Svara under Förfrågningar; löftet är ett första svar inom tio "
        "arbetsdagar.",
        "{org} would like to use {testbed} ({ref}). Answer under Requests; the promise is a first answer within "
        "ten working days.",
    ),
    "mail.testbed.unanswered.subject": ("Obesvarad förfrågan {ref}", "Unanswered request {ref}"),
    "mail.testbed.unanswered.body": (
        "Förfrågan {ref} om {testbed} har väntat {days} arbetsdagar utan svar. Svara under Förfrågningar.",
        "The request {ref} about {testbed} has waited {days} working days without an answer. Answer under Requests.",
    ),
    "notifications.kind.testbed.receipt": ("Kvitto på förfrågan", "Receipt for a request"),
    "notifications.kind.testbed.answered": ("Svar på förfrågan", "Answer to a request"),
    "notifications.kind.testbed.new_request": (
        "Ny förfrågan om en av våra testmiljöer",
        "New request for one of our test environments",
    ),
    "notifications.kind.testbed.unanswered": (
        "Förfrågan obesvarad efter 8 arbetsdagar",
        "Request unanswered after 8 working days",
    ),
    "nav.testbeds_track": ("Följ din förfrågan", "Follow your request"),
    "testbeds.track_caption": (
        "Öppna din privata länk från kvittot, eller klistra in koden, för att se status och svar och skriva tillbaka.",
        "Open your private link from the receipt, or paste its code, to see the status and answers and write back.",
    ),
    "testbeds.tracking_code_field": ("Spårningskod eller länk", "Tracking code or link"),
    "testbeds.track_show": ("Visa", "Show"),
    "testbeds.track_not_found": (
        "Ingen förfrågan hittades med den koden. Referensen (TMR-…) ensam räcker inte: använd länken i kvittot.",
        "No request was found with that code. The reference (TMR-…) alone is not enough: use the link in the receipt.",
    ),
    "testbeds.tracking_once": (
        "Spara den här länken: med den följer du förfrågan och svarar. Den visas bara nu "
        "(och finns i kvittot vi mejlar).",
        "Keep this link: with it you follow the request and answer. It is shown only now "
        "(and is in the receipt we mail).",
    ),
    "testbeds.go_track": ("Följ förfrågan", "Follow the request"),
    "testbeds.you": ("Du", "You"),
    "testbeds.the_testbed": ("Testmiljön", "The test environment"),
    "testbeds.received": ("Inkommen", "Received"),
    "testbeds.reply_field": ("Skriv till testmiljön", "Write to the test environment"),
    "testbeds.reply_submit": ("Skicka", "Send"),
    "testbeds.replied": ("Tack! Ditt meddelande är skickat.", "Thank you! Your message has been sent."),
    "testbeds.reply_closed": (
        "Förfrågan är avslutad; hör av dig med en ny förfrågan om du vill gå vidare.",
        "The request is closed; send a new request if you want to go on.",
    ),
    "mail.testbed.replied.subject": ("Frågeställaren har svarat: {ref}", "The requester has written back: {ref}"),
    "mail.testbed.replied.body": (
        "Frågeställaren har skrivit om förfrågan {ref} ({testbed}):\n\n{message}\n\nSvara under Förfrågningar.",
        "The requester has written about the request {ref} ({testbed}):\n\n{message}\n\nAnswer under Requests.",
    ),
    "notifications.kind.testbed.replied": ("Frågeställaren skriver tillbaka", "A requester writes back"),
    # ------------------------------------------------------------ indicators
    "mail.indicators.returned.subject": ("Värde tillbakaskickat: {indicator}", "Value returned: {indicator}"),
    "mail.indicators.returned.body": (
        "Innovationsstödet har skickat tillbaka värdet för {indicator}, perioden som börjar {period}:\n\n{note}\n\n"
        "Rätta värdet under Rapportera värden och skicka in det igen.",
        "The innovation support has returned the value of {indicator}, the period starting {period}:\n\n{note}\n\n"
        "Correct the value under Report values and submit it again.",
    ),
    "mail.indicators.due.subject.one": (
        "{n} period ska rapporteras senast {deadline}",
        "{n} period to report by {deadline}",
    ),
    "mail.indicators.due.subject.other": (
        "{n} perioder ska rapporteras senast {deadline}",
        "{n} periods to report by {deadline}",
    ),
    "mail.indicators.due.body": (
        "Värdena för de här perioderna ska rapporteras senast {deadline}:\n\n{periods}\n\n"
        "Rapportera under Rapportera värden.",
        "The values of these periods are to be reported by {deadline}:\n\n{periods}\n\nReport under Report values.",
    ),
    "mail.indicators.overdue.subject.one": ("{n} period är inte rapporterad", "{n} period is not reported"),
    "mail.indicators.overdue.subject.other": ("{n} perioder är inte rapporterade", "{n} periods are not reported"),
    "mail.indicators.overdue.body": (
        "Värdena för de här perioderna skulle ha rapporterats senast {deadline}:\n\n{periods}\n\n"
        "Rapportera under Rapportera värden så snart du kan.",
        "The values of these periods were to be reported by {deadline}:\n\n{periods}\n\n"
        "Report under Report values as soon as you can.",
    ),
    "notifications.kind.indicators.returned": (
        "Ett rapporterat värde skickas tillbaka",
        "A reported value is returned",
    ),
    "notifications.kind.indicators.due": ("Perioder att rapportera inom en vecka", "Periods to report within a week"),
    "notifications.kind.indicators.overdue": ("Perioder som inte rapporterats i tid", "Periods not reported in time"),
    # ------------------------------------------------------------ pages
    "nav.notifications": ("Meddelanden", "Notifications"),
    "nav.admin_outbox": ("Utkorg", "Outbox"),
    "nav.unsubscribe": ("Avregistrera", "Unsubscribe"),
    "notifications.sidebar.one": ("Meddelanden · {n} oläst", "Notifications · {n} unread"),
    "notifications.sidebar.other": ("Meddelanden · {n} olästa", "Notifications · {n} unread"),
    "notifications.caption": (
        "Det som har hänt med det du följer och ansvarar för. Välj längst ned hur du vill få e-post.",
        "What happened to what you follow and are responsible for. Choose below how you want e-mail.",
    ),
    "notifications.none": ("Du har inga meddelanden.", "You have no notifications."),
    "notifications.unread_only": ("Bara olästa", "Unread only"),
    "notifications.mark_all": ("Markera alla som lästa", "Mark all as read"),
    "notifications.all_marked": ("Alla meddelanden är markerade som lästa.", "Every notification is marked read."),
    "notifications.open": ("Öppna", "Open"),
    "notifications.mark_read": ("Markera som läst", "Mark as read"),
    "notifications.marked": ("Markerat som läst.", "Marked as read."),
    "notifications.unread": ("Oläst", "Unread"),
    "notifications.preferences": ("Hur vill du få e-post?", "How do you want e-mail?"),
    "notifications.preferences_caption": (
        "Kvitton och frågor om dina idéer skickas alltid. Allt syns också här i appen.",
        "Receipts and questions about your ideas are always sent. Everything also shows here in the app.",
    ),
    "notifications.saved": ("Dina val är sparade.", "Your choices are saved."),
    "delivery.immediately": ("Direkt", "At once"),
    "delivery.weekly": ("Veckosammanfattning (måndagar)", "Weekly digest (Mondays)"),
    "delivery.off": ("Ingen e-post", "No e-mail"),
    "notifications.kind.idea.receipt": ("Kvitto på lämnad idé", "Receipt for a submitted idea"),
    "notifications.kind.idea.stage_changed": ("Min idé går vidare", "My idea moves on"),
    "notifications.kind.idea.closed": ("Min idé avslutas", "My idea is closed"),
    "notifications.kind.idea.question": ("Fråga om min idé", "Question about my idea"),
    "notifications.kind.idea.answered": ("Idégivaren svarar på en fråga", "A submitter answers a question"),
    "notifications.kind.idea.new_for_org": ("Ny idé till min organisation", "New idea for my organisation"),
    "notifications.kind.idea.waiting": (
        "Idéer som väntat över 14 dagar (varje vecka)",
        "Ideas waiting over 14 days (weekly)",
    ),
    "notifications.when": ("När", "When"),
    "notifications.subject": ("Ämne", "Subject"),
    "notifications.recipient": ("Mottagare", "Recipient"),
    "notifications.state": ("Status", "Status"),
    "notifications.attempts": ("Försök", "Attempts"),
    "notifications.next_attempt": ("Nästa försök", "Next attempt"),
    "notifications.error": ("Orsak", "Reason"),
    "notifications.kind": ("Slag", "Kind"),
    "notifications.outbox_caption": (
        "Alla e-postmeddelanden: väntande, skickade och de som inte gick fram, med serverns skäl.",
        "Every e-mail: waiting, sent and those that could not be delivered, with the server's reason.",
    ),
    "notifications.no_smtp": (
        "Ingen e-postserver är inställd (`SMTP_HOST`): inget skickas. Meddelandena ligger kvar här och kan läsas "
        "nedan; de skickas när en server ställs in (se README, Configuration).",
        "No mail server is set up (`SMTP_HOST`): nothing is sent. The messages stay here and can be read "
        "below; they are sent once a server is set up (see README, Configuration).",
    ),
    "notifications.smtp_on": ("E-post skickas via {host}.", "E-mail is sent through {host}."),
    "notifications.state_filter": ("Visa", "Show"),
    "notifications.all_states": ("Alla", "All"),
    "mail_state.none": ("Bara i appen", "In the app only"),
    "mail_state.pending": ("Väntar", "Waiting"),
    "mail_state.sending": ("Skickas", "Sending"),
    "mail_state.sent": ("Skickat", "Sent"),
    "mail_state.failed": ("Gick inte fram", "Failed"),
    "mail_state.cancelled": ("Stoppat", "Cancelled"),
    "notifications.read_message": ("Läs ett meddelande", "Read a message"),
    "notifications.digest_item": ("i veckosammanfattning", "in the weekly digest"),
    "notifications.retry": ("Skicka igen", "Send again"),
    "notifications.retried": ("Meddelandet skickas igen.", "The message will be sent again."),
    "notifications.retry_only_failed": (
        "Bara meddelanden som inte gick fram kan skickas igen.",
        "Only messages that failed can be sent again.",
    ),
    "notifications.unsubscribe_caption": (
        "Sluta få ett slags e-post från Innovationsportalen.",
        "Stop one kind of e-mail from Innovationsportalen.",
    ),
    "notifications.unsubscribe_user": (
        "Du får inte längre e-post om: **{kind}**. Du kan ändra det under Meddelanden när du är inloggad.",
        "You will no longer get e-mail about: **{kind}**. You can change this under Notifications when logged in.",
    ),
    "notifications.unsubscribe_public": (
        "Din e-postadress och ditt namn tas bort från idén {ref} och från alla meddelanden om den. Du får inga fler "
        "mejl om idén; du kan fortfarande följa den med din privata länk.",
        "Your e-mail address and name are removed from the idea {ref} and from every message about it. You get no "
        "more e-mail about the idea; you can still follow it with your private link.",
    ),
    "notifications.unsubscribe_button": ("Avregistrera", "Unsubscribe"),
    "notifications.unsubscribed": ("Klart: du är avregistrerad.", "Done: you are unsubscribed."),
    "notifications.unsubscribe_unknown": (
        "Länken gäller inte (längre). Kanske är du redan avregistrerad.",
        "The link is not valid (any more). Perhaps you are already unsubscribed.",
    ),
    # ------------------------------------------------------------ ideas: questions and answers
    "ideas.event.question": ("Fråga till idégivaren", "Question to the submitter"),
    "ideas.event.answer": ("Svar från idégivaren", "Answer from the submitter"),
    "ideas.ask": ("Fråga idégivaren", "Ask the submitter"),
    "ideas.ask_help": (
        "Frågan syns på idéns tidslinje och skickas till idégivaren, som svarar via sin privata länk.",
        "The question shows on the idea's timeline and is sent to the submitter, who answers through their "
        "private link.",
    ),
    "ideas.ask_field": ("Fråga", "Question"),
    "ideas.ask_submit": ("Skicka frågan", "Send the question"),
    "ideas.asked": ("Frågan är skickad till idégivaren.", "The question has been sent to the submitter."),
    "ideas.ask_no_contact": (
        "Idégivaren har inte lämnat någon kontaktadress och kan inte nås.",
        "The submitter left no contact address and cannot be reached.",
    ),
    "ideas.no_contact_to_ask": (
        "Idégivaren har ingen kontaktadress, så frågan kan inte skickas.",
        "The submitter has no contact address, so the question cannot be sent.",
    ),
    "ideas.ask_merged": (
        "Idén är sammanslagen med en annan; ställ frågan där.",
        "The idea is merged into another; ask there.",
    ),
    "ideas.question_heading": ("Innovationsstödet har en fråga till dig", "The innovation support has a question"),
    "ideas.answer_field": ("Ditt svar", "Your answer"),
    "ideas.answer_submit": ("Skicka svaret", "Send the answer"),
    "ideas.answered_done": (
        "Tack! Ditt svar finns nu på idéns tidslinje.",
        "Thank you! Your answer is now on the idea's timeline.",
    ),
    "ideas.no_open_question": (
        "Det finns ingen obesvarad fråga just nu.",
        "There is no unanswered question just now.",
    ),
    "ideas.withdraw_heading": ("Dina kontaktuppgifter", "Your contact details"),
    "ideas.withdraw_help": (
        "Vi har ditt namn och din e-postadress för att kunna höra av oss om idén. Du kan ta bort dem när du vill; "
        "då får du inga fler mejl, men kan fortfarande följa idén här.",
        "We keep your name and e-mail address to get in touch about the idea. You may remove them at any time; "
        "you then get no more e-mail but can still follow the idea here.",
    ),
    "ideas.withdraw_button": ("Ta bort mina kontaktuppgifter", "Remove my contact details"),
    "ideas.person.messages": ("Meddelanden", "Messages"),
    "ideas.withdrawn": ("Dina kontaktuppgifter är borttagna.", "Your contact details have been removed."),
}
