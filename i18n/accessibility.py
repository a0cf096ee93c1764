"""Texts for accessibility (issue 16): names of tables for screen readers, form help, the
tillgänglighetsredogörelse and its barrier report form."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Names of data grids (their accessible name; screen readers announce it on entering the grid)
    "grid.users": ("Användare", "Users"),
    "grid.review_assignments": ("Dina granskningsuppdrag", "Your review assignments"),
    "grid.annual_indicators": ("Indikatorer i bokslutet", "Indicators in the report"),
    "grid.reviews": ("Inskickade bedömningar", "Submitted reviews"),
    "grid.application_history": ("Ansökans historik", "The application's history"),
    "grid.application_reports": ("Ansökans rapporter", "The application's reports"),
    "grid.applications": ("Ansökningar", "Applications"),
    "grid.calls": ("Utlysningar", "Calls"),
    "grid.decision_pack": ("Beslutsunderlag, rangordnat", "Decision pack, ranked"),
    "grid.follow_up": ("Projekt att följa upp", "Projects to follow up"),
    "grid.targets": ("Mål per år", "Targets per year"),
    "grid.import_refused": ("Rader i filen som inte kunde läsas", "Rows in the file that could not be read"),
    "grid.approval_queue": ("Värden som väntar på godkännande", "Values waiting for approval"),
    "grid.response_times": ("Svarstider per organisation", "Response times per organisation"),
    "grid.organisations": ("Organisationer", "Organisations"),
    "indicators.myorg.no_values": (
        "Indikatorn har inga värden för året ännu.",
        "The indicator has no values for the year yet.",
    ),
    "grid.comparison": ("Jämförelse med kärnverksamheten och regionen", "Comparison with the core area and the region"),
}

TEXTS.update(
    {
        "nav.accessibility": ("Tillgänglighetsredogörelse", "Accessibility statement"),
        "nav.section.about": ("Om tjänsten", "About the service"),
        "nav.admin_barriers": ("Tillgänglighetssynpunkter", "Accessibility feedback"),
        # --- the tillgänglighetsredogörelse (Digg's model; plain Swedish: short sentences, no jargon)
        "a11y.intro": (
            "Region Stockholm står bakom Innovationsportalen. Vi vill att alla ska kunna använda den, "
            "oavsett behov. Här beskriver vi hur Innovationsportalen uppfyller lagen om tillgänglighet till "
            "digital offentlig service, vilka brister vi känner till och hur du kan säga till om något inte "
            "fungerar för dig.",
            "Region Stockholm is responsible for Innovationsportalen. We want everyone to be able to use it, "
            "whatever their needs. This statement describes how Innovationsportalen complies with the Swedish "
            "act on accessibility of digital public services, the shortcomings we know of, and how you can "
            "tell us when something does not work for you.",
        ),
        "a11y.how_accessible": ("Hur tillgänglig är tjänsten?", "How accessible is the service?"),
        "a11y.how_accessible_body": (
            "Innovationsportalen är **delvis förenlig** med lagen om tillgänglighet till digital offentlig "
            "service. Det beror på de brister som finns i listan längre ned. De flesta bristerna finns i "
            "verktyget som tjänsten är byggd med (Streamlit), och vi kan inte rätta dem själva.",
            "Innovationsportalen is **partially compliant** with the Swedish act on accessibility of digital "
            "public services, because of the shortcomings listed below. Most of them are in the tool the "
            "service is built with (Streamlit), and we cannot correct them ourselves.",
        ),
        "a11y.other_way": ("Om du inte kan använda delar av tjänsten", "If you cannot use parts of the service"),
        "a11y.other_way_body": (
            "Behöver du innehåll i en annan form, till exempel som text, i ett dokument eller uppläst? "
            "Vill du lämna en idé eller en förfrågan på annat sätt? Skriv till oss i formuläret nedan, "
            "mejla **{email}** eller skicka brev till {postal}. Vi svarar inom {days} arbetsdagar.",
            "Do you need content in another form, for example as text, in a document or read aloud? Do you "
            "want to submit an idea or a request another way? Write to us in the form below, e-mail "
            "**{email}** or send a letter to {postal}. We answer within {days} working days.",
        ),
        "a11y.report": ("Rapportera brister i tillgängligheten", "Report accessibility problems"),
        "a11y.report_body": (
            "Vi arbetar hela tiden med att göra tjänsten bättre. Om du upptäcker problem som inte står "
            "nedan, eller om vi inte lever upp till lagen, säg till. Då kan vi rätta det.",
            "We keep working to improve the service. If you find problems that are not listed below, or "
            "think that we do not meet the law, tell us so that we can put it right.",
        ),
        "a11y.supervision": ("Tillsyn", "Enforcement"),
        "a11y.supervision_body": (
            "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till "
            "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
            "[anmäla det till Digg]({url}).",
            "The Agency for Digital Government (Digg) is responsible for enforcing the act. If you are not "
            "satisfied with how we handle your comments, you can [report it to Digg]({url}) (in Swedish).",
        ),
        "a11y.gaps": ("Innehåll som inte är tillgängligt", "Content that is not accessible"),
        "a11y.gaps_intro": (
            "Det här känner vi till. Bristerna finns i Streamlit, verktyget som tjänsten är byggd med. Vi har "
            "rapporterat dem och följer rättningarna. Under tiden finns samma innehåll på ett annat sätt, "
            "som vi skriver vid varje punkt.",
            "These are the shortcomings we know of. They are in Streamlit, the tool the service is built "
            "with. We have reported them and follow the fixes. Meanwhile the same content is available "
            "another way, as described for each point.",
        ),
        "a11y.gap.english": (
            "Vissa knappar och länkar som Streamlit skapar har engelska namn, till exempel ”Skip to main "
            "content”, ”Help for …” och verktygsknapparna vid tabeller. Vi märker dem som engelska så att "
            "skärmläsare uttalar dem rätt. (WCAG 3.1.2)",
            "Some buttons and links that Streamlit creates have English names even in the Swedish "
            "interface, for example “Skip to main content” and “Help for …”. We mark them as English so "
            "that screen readers pronounce them correctly. (WCAG 3.1.2)",
        ),
        "a11y.gap.menu": (
            "Sidomenyns lista är byggd på ett sätt som gör att skärmläsare kan räkna fel på antalet "
            "länkar i listan. Alla länkar fungerar och har rätt namn. (WCAG 1.3.1)",
            "The side menu's list is built in a way that can make screen readers count its links wrongly. "
            "Every link works and has the right name. (WCAG 1.3.1)",
        ),
        "a11y.gap.grids": (
            "Större tabeller visas i ett rutnät som ritas som en bild. Skärmläsare når cellerna med "
            "piltangenterna, men stödet varierar. Varje sådan tabell kan laddas ned som CSV eller Excel, "
            "och små tabeller visas som vanliga tabeller. (WCAG 1.3.1, 4.1.2)",
            "Larger tables are shown in a grid drawn as an image. Screen readers reach the cells with the "
            "arrow keys, but support varies. Every such table can be downloaded as CSV or Excel, and small "
            "tables are shown as ordinary tables. (WCAG 1.3.1, 4.1.2)",
        ),
        "a11y.gap.charts": (
            "Diagrammens detaljer visas när man för muspekaren över dem. Varje diagram har en beskrivning "
            "och kan visas som tabell och laddas ned, så alla siffror går att nå med tangentbord och "
            "skärmläsare. (WCAG 1.1.1, 2.1.1)",
            "Chart details appear when the mouse pointer rests on them. Every chart has a description and "
            "can be shown as a table and downloaded, so every figure can be reached with a keyboard and a "
            "screen reader. (WCAG 1.1.1, 2.1.1)",
        ),
        "a11y.gap.map": (
            "Kartan över testmiljöerna kan inte användas med tangentbord. Listan bredvid kartan har samma "
            "miljöer med adresser. (WCAG 2.1.1)",
            "The map of test environments cannot be used with a keyboard. The list next to the map holds "
            "the same environments with their addresses. (WCAG 2.1.1)",
        ),
        "a11y.gap.errors": (
            "Streamlit kan inte själv koppla ett felmeddelande till sitt fält. Vi gör det med ett litet "
            "skript: fältet markeras som felaktigt, meddelandet läses upp med fältets namn och det första "
            "felet får fokus. Utan JavaScript fungerar ingen del av tjänsten. (WCAG 3.3.1)",
            "Streamlit cannot tie an error message to its field by itself. We do it with a small script: "
            "the field is marked as invalid, the message is read with the field's name, and the first error "
            "gets the focus. No part of the service works without JavaScript. (WCAG 3.3.1)",
        ),
        "a11y.tested": ("Hur vi testat tjänsten", "How we tested the service"),
        "a11y.tested_body": (
            "Vi har själva granskat Innovationsportalen. Varje sida testas för varje roll med verktyget "
            "axe-core {axe} mot WCAG 2.1 nivå AA, automatiskt vid varje ändring. Vi testar också att man "
            "kan lämna och följa en idé med bara tangentbord, och att sidorna går att läsa på en smal "
            "mobilskärm. Senaste granskningen gjordes den {tested}.",
            "We have reviewed Innovationsportalen ourselves. Every page is tested for every role with the "
            "axe-core {axe} tool against WCAG 2.1 level AA, automatically at every change. We also test that "
            "an idea can be submitted and followed with a keyboard alone, and that the pages can be read on "
            "a narrow mobile screen. The latest review was made on {tested}.",
        ),
        "a11y.dates": (
            "Redogörelsen skrevs den {made} och uppdaterades senast den {updated}.",
            "This statement was prepared on {made} and last updated on {updated}.",
        ),
        # --- forms
        "form.required": ("{label} (obligatoriskt)", "{label} (required)"),
        "form.required_note": (
            "Fält märkta (obligatoriskt) måste fyllas i. Övriga fält är frivilliga.",
            "Fields marked (required) must be filled in. The other fields are optional.",
        ),
        "ideas.consent_field": ("Samtycke", "Consent"),
        # --- the report form
        "a11y.form.title": ("Säg till om ett hinder", "Tell us about a barrier"),
        "a11y.form.location": ("Var fanns hindret? (sida eller innehåll)", "Where was the barrier? (page or content)"),
        "a11y.form.description": ("Vad fungerade inte för dig?", "What did not work for you?"),
        "a11y.form.description_help": (
            "Beskriv gärna vad du försökte göra och vilket hjälpmedel du använder. Högst {n} tecken.",
            "You are welcome to describe what you tried to do and which assistive technology you use. "
            "At most {n} characters.",
        ),
        "a11y.form.wanted_format": (
            "Behöver du innehållet i en annan form? Vilken?",
            "Do you need the content in another form? Which?",
        ),
        "a11y.form.contact": (
            "Vill du ha svar? Skriv namn och e-post. Det är frivilligt.",
            "Do you want an answer? Give your name and e-mail. This is optional.",
        ),
        "a11y.form.contact_name": ("Namn", "Name"),
        "a11y.form.location_name": ("Var", "Where"),
        "a11y.form.description_name": ("Beskrivning", "Description"),
        "a11y.form.wanted_format_name": ("Annan form", "Other form"),
        "a11y.form.contact_email": ("E-post", "E-mail"),
        "a11y.form.privacy": (
            "Vi använder dina uppgifter bara för att svara dig och rätta hindret.",
            "We use your details only to answer you and to remove the barrier.",
        ),
        "a11y.form.submit": ("Skicka", "Send"),
        "a11y.form.sent": (
            "Tack! Vi har tagit emot din synpunkt (nummer {number}). Har du lämnat e-post svarar vi inom "
            "{days} arbetsdagar.",
            "Thank you! We have received your feedback (number {number}). If you gave an e-mail address we "
            "answer within {days} working days.",
        ),
        "a11y.report.rate_limited": (
            "Du har skickat många synpunkter på kort tid. Försök igen om {minutes} minuter, eller mejla oss.",
            "You have sent a lot of feedback in a short time. Try again in {minutes} minutes, or e-mail us.",
        ),
        "a11y.report.already_handled": ("Synpunkten är redan hanterad.", "The feedback has already been handled."),
        # --- the admins' list
        "a11y.admin.caption": (
            "Hinder och önskemål om innehåll i annan form, från formuläret i tillgänglighetsredogörelsen. "
            "Svara inom {days} arbetsdagar.",
            "Barriers and requests for content in another form, from the accessibility statement's form. "
            "Answer within {days} working days.",
        ),
        "a11y.admin.show": ("Visa", "Show"),
        "a11y.admin.status.new": ("Nya", "New"),
        "a11y.admin.status.handled": ("Hanterade", "Handled"),
        "a11y.admin.none": ("Inga synpunkter att visa.", "No feedback to show."),
        "a11y.admin.received": ("Inkom {at}", "Received {at}"),
        "a11y.admin.location": ("Var", "Where"),
        "a11y.admin.wanted_format": ("Önskad form", "Wanted form"),
        "a11y.admin.contact": ("Kontakt", "Contact"),
        "a11y.admin.no_contact": ("Ingen kontaktuppgift lämnad", "No contact details given"),
        "a11y.admin.language": ("Språk", "Language"),
        "a11y.admin.note": ("Vad gjordes? (frivilligt)", "What was done? (optional)"),
        "a11y.admin.mark_handled": ("Markera som hanterad", "Mark as handled"),
        "a11y.admin.handled": ("Hanterad {at} av {by}", "Handled {at} by {by}"),
        "a11y.admin.marked": ("Synpunkten är markerad som hanterad.", "The feedback is marked as handled."),
        # --- Lätt svenska: how ideas are handled
        "a11y.easy.title": ("Lätt svenska: så tar vi hand om din idé", "Easy to read: how we handle your idea"),
        "a11y.easy.body": (
            "- Du skriver din idé här.\n"
            "- Du får en kod. Spara koden.\n"
            "- Med koden kan du se vad som händer med din idé.\n"
            "- Vi läser alla idéer.\n"
            "- Vi tittar på om idén går att göra.\n"
            "- En bra idé kan testas och sedan användas i hela regionen.\n"
            "- Om vi inte går vidare med idén skriver vi varför.\n"
            "- Du behöver inte skriva ditt namn.",
            "- You write your idea here.\n"
            "- You get a code. Keep the code.\n"
            "- With the code you can see what happens to your idea.\n"
            "- We read every idea.\n"
            "- We look at whether the idea can be done.\n"
            "- A good idea can be tested and then used in the whole region.\n"
            "- If we do not go on with the idea, we write why.\n"
            "- You do not have to give your name.",
        ),
    }
)
