"""Cookie banner, cookie settings and the cookie declaration (§3.3.3 of the statement).

Every text the banner and the settings dialog show is part of the banner's text hash
(services/privacy/consent.banner_text): changing one means bumping BANNER_REVISION
(models/cookies.py), so everyone is asked again.
"""

NL = {
    "consent.banner.label": "Cookiekeuze",
    "consent.banner.title": "Cookies op CloudCV",
    "consent.banner.text": "CloudCV.nl gebruikt noodzakelijke cookies (sessie, beveiliging, "
                           "taal, deze keuze). Alleen met jouw toestemming meten we zelf het "
                           "gebruik (statistieken) en zetten we een marketing-ID; niets gaat "
                           "naar derden. Weigeren heeft geen gevolgen. Wijzigen kan altijd via "
                           "'Cookie-instellingen' onderaan elke pagina.",
    "consent.reject_all": "Alles weigeren",
    "consent.accept_all": "Alles accepteren",
    "consent.settings": "Instellingen",
    "consent.dialog.title": "Cookie-instellingen",
    "consent.dialog.lead": "Kies per categorie. Niets staat vooraf aan. Intrekken is even "
                           "makkelijk als toestemming geven: we verwijderen de cookies van die "
                           "categorie dan meteen en stoppen met die verwerking. Verwerker is "
                           "CloudCV.nl zelf; we gebruiken geen scripts of cookies van derden.",
    "consent.always_on": "Altijd aan",
    "consent.col.retention": "Bewaartermijn",
    "consent.save": "Keuze opslaan",
    "consent.close": "Sluiten",
    "consent.footer_link": "Cookie-instellingen",
    "consent.cat.necessary.title": "Noodzakelijk",
    "consent.cat.necessary.purpose": "Nodig om de site te laten werken en veilig te houden. "
                                     "Hiervoor is geen toestemming nodig.",
    "consent.cat.necessary.data": "Je keuze bewaren we als bewijs van toestemming (met tijdstip, "
                                  "taal, ingekort IP-adres en browser) tot 5 jaar nadat je hem "
                                  "maakte.",
    "consent.cat.analytics.title": "Statistieken",
    "consent.cat.analytics.purpose": "We tellen zelf welke pagina's worden bekeken, vanaf welke "
                                     "pagina je kwam, in welk land (afgeleid van je IP-adres, "
                                     "dat we niet opslaan) en op wat voor apparaat. Zo "
                                     "verbeteren we de Dienst.",
    "consent.cat.analytics.data": "Paginabezoeken bewaren we tot je je toestemming intrekt, "
                                  "hooguit 1 jaar.",
    "consent.cat.marketing.title": "Marketing en tracking",
    "consent.cat.marketing.purpose": "Een eigen marketing-ID (pixel-ID) om te meten of onze "
                                     "campagnes werken. Er wordt geen script van derden geladen.",
    "consent.cat.marketing.data": "Het ID staat alleen in je browser en verdwijnt als je je "
                                  "toestemming intrekt.",
    "consent.cookie.session": "Houdt je ingelogd (alleen na inloggen).",
    "consent.cookie.device": "Willekeurig apparaat-ID om misbruik van accounts te herkennen.",
    "consent.cookie.lang": "Onthoudt je taal.",
    "consent.cookie.consent": "Willekeurig ID van je cookiekeuze, zodat we die onthouden.",
    "consent.cookie.analytics": "Willekeurig ID om bezoeken te tellen.",
    "consent.cookie.marketing": "Willekeurig marketing-ID (pixel-ID).",
    "consent.storage.token": "Kenmerk van dit tabblad voor de verbinding met de server (zet "
                             "de website zelf).",
    "consent.storage.scroll": "Scrollpositie per bezochte pagina, voor de terugknop (zet de "
                              "website zelf).",
    "consent.storage.theme": "Kleurweergave van de site (licht); bevat geen ID (zet de website "
                             "zelf).",
    "consent.kind.local_storage": "lokale opslag",
    "consent.kind.session_storage": "sessie-opslag",
    "consent.keep.tab": "tot je het tabblad sluit",
    "consent.keep.cleared": "tot je je browsergegevens wist",
    "consent.keep.month": "30 dagen",
    "consent.keep.year": "1 jaar",
    "consent.saved": "Je cookiekeuze is opgeslagen.",
}

EN = {
    "consent.banner.label": "Cookie choice",
    "consent.banner.title": "Cookies on CloudCV",
    "consent.banner.text": "CloudCV.nl uses necessary cookies (session, security, language, "
                           "this choice). Only with your consent do we measure usage ourselves "
                           "(statistics) and set a marketing ID; nothing goes to third "
                           "parties. Refusing has no consequences. Change it any time via "
                           "'Cookie settings' at the bottom of every page.",
    "consent.reject_all": "Reject all",
    "consent.accept_all": "Accept all",
    "consent.settings": "Settings",
    "consent.dialog.title": "Cookie settings",
    "consent.dialog.lead": "Choose per category. Nothing is switched on in advance. "
                           "Withdrawing is as easy as giving consent: we delete that "
                           "category's cookies at once and stop that processing. The "
                           "processing is done by CloudCV.nl itself; we use no third-party "
                           "scripts or cookies.",
    "consent.always_on": "Always on",
    "consent.col.retention": "Retention",
    "consent.save": "Save choice",
    "consent.close": "Close",
    "consent.footer_link": "Cookie settings",
    "consent.cat.necessary.title": "Necessary",
    "consent.cat.necessary.purpose": "Needed to make the site work and keep it safe. No "
                                     "consent is needed for these.",
    "consent.cat.necessary.data": "We keep your choice as proof of consent (with time, "
                                  "language, shortened IP address and browser) for up to 5 "
                                  "years after you made it.",
    "consent.cat.analytics.title": "Statistics",
    "consent.cat.analytics.purpose": "We count ourselves which pages are viewed, which page "
                                     "you came from, in which country (derived from your IP "
                                     "address, which we do not store) and on what kind of "
                                     "device. This helps us improve the Service.",
    "consent.cat.analytics.data": "We keep page views until you withdraw your consent, at "
                                  "most 1 year.",
    "consent.cat.marketing.title": "Marketing and tracking",
    "consent.cat.marketing.purpose": "Our own marketing ID (pixel ID) to measure whether our "
                                     "campaigns work. No third-party script is loaded.",
    "consent.cat.marketing.data": "The ID lives only in your browser and is removed when you "
                                  "withdraw your consent.",
    "consent.cookie.session": "Keeps you logged in (only after logging in).",
    "consent.cookie.device": "Random device ID to recognise misuse of accounts.",
    "consent.cookie.lang": "Remembers your language.",
    "consent.cookie.consent": "Random ID of your cookie choice, so we remember it.",
    "consent.cookie.analytics": "Random ID to count visits.",
    "consent.cookie.marketing": "Random marketing ID (pixel ID).",
    "consent.storage.token": "Identifies this tab's connection to the server (set by the "
                             "website itself).",
    "consent.storage.scroll": "Scroll position per visited page, for the back button (set by "
                              "the website itself).",
    "consent.storage.theme": "The site's colour scheme (light); holds no ID (set by the website "
                             "itself).",
    "consent.kind.local_storage": "local storage",
    "consent.kind.session_storage": "session storage",
    "consent.keep.tab": "until you close the tab",
    "consent.keep.cleared": "until you clear your browser data",
    "consent.keep.month": "30 days",
    "consent.keep.year": "1 year",
    "consent.saved": "Your cookie choice has been saved.",
}
