"""/verzoek (the public request form), request kinds and states, objection purposes."""

NL = {
    "objection.purpose.service_improvement": "Het verbeteren van onze dienstverlening (3.2.1)",
    "objection.purpose.security": "Beveiligingslogs (3.2.2)",
    "objection.purpose.marketing": "Informatie over onze andere diensten (3.2.3)",
    "objection.text.service_improvement": "IP-adres, device-ID, besturingssysteem en hoe je de "
                                          "Dienst gebruikt, om hem te verbeteren.",
    "objection.text.security": "Inloggegevens zoals IP-adres, tijd en plaats, om misbruik te "
                               "voorkomen. Zonder deze gegevens kunnen we de Dienst mogelijk "
                               "niet veilig aan je leveren.",
    "objection.text.marketing": "E-mail over onze andere diensten als je klant bent.",
    "request.status.unverified": "Niet bevestigd",
    "request.status.open": "In behandeling",
    "request.status.extended": "Verlengd",
    "request.status.done": "Afgehandeld",
    "request.status.rejected": "Afgewezen",
    "verzoek.title": "Verzoek over je gegevens",
    "verzoek.lead": "Kun je niet inloggen? Dien hier je verzoek in. Ben je wel ingelogd, dan "
                    "regel je het meeste direct zelf in Mijn gegevens.",
    "verzoek.kind": "Wat wil je?",
    "verzoek.email": "E-mailadres van je account",
    "verzoek.email_hint": "We sturen een code naar dit adres om te controleren dat het account "
                          "van jou is.",
    "verzoek.details": "Toelichting (niet verplicht)",
    "verzoek.purpose": "Waartegen maak je bezwaar?",
    "verzoek.motivation": "Je motivering",
    "verzoek.submit": "Code aanvragen",
    "verzoek.code_sent": "Als er een account bij {email} hoort, hebben we een code van 6 cijfers "
                         "naar dat adres gestuurd. De code is 15 minuten geldig; je kunt hem 3 "
                         "keer proberen.",
    "verzoek.code": "Code uit de e-mail",
    "verzoek.verify": "Verzoek bevestigen",
    "verzoek.restart": "Opnieuw beginnen",
    "verzoek.done_title": "Verzoek ontvangen",
    "verzoek.done": "We hebben je verzoek ontvangen (nummer {reference}). We reageren uiterlijk "
                    "op {due}. Je krijgt een bevestiging per e-mail.",
    "verzoek.logged_in": "Je bent ingelogd: in Mijn gegevens regel je dit direct.",
    "request.kind.access": "Inzage: weten welke gegevens jullie van mij hebben",
    "request.kind.correction": "Correctie: gegevens laten aanpassen",
    "request.kind.erasure": "Verwijdering: mijn account en gegevens laten wissen",
    "request.kind.restriction": "Beperking: de verwerking laten stoppen, behalve opslag",
    "request.kind.portability": "Overdracht: mijn gegevens in een bestand ontvangen",
    "request.kind.objection": "Bezwaar: tegen verwerking op basis van gerechtvaardigd belang",
}

EN = {
    "objection.purpose.service_improvement": "Improving our services (3.2.1)",
    "objection.purpose.security": "Security logs (3.2.2)",
    "objection.purpose.marketing": "Information about our other services (3.2.3)",
    "objection.text.service_improvement": "IP address, device ID, operating system and how you "
                                          "use the Service, to improve it.",
    "objection.text.security": "Login data such as IP address, time and place, to prevent "
                               "misuse. Without it we may not be able to provide the Service "
                               "to you securely.",
    "objection.text.marketing": "Email about our other services if you are a customer.",
    "request.status.unverified": "Not confirmed",
    "request.status.open": "Being handled",
    "request.status.extended": "Extended",
    "request.status.done": "Handled",
    "request.status.rejected": "Rejected",
    "verzoek.title": "Request about your data",
    "verzoek.lead": "Cannot log in? Submit your request here. If you can log in, you arrange most "
                    "of it yourself in My data.",
    "verzoek.kind": "What would you like?",
    "verzoek.email": "Email address of your account",
    "verzoek.email_hint": "We send a code to this address to check that the account is yours.",
    "verzoek.details": "Explanation (optional)",
    "verzoek.purpose": "What do you object to?",
    "verzoek.motivation": "Your reasons",
    "verzoek.submit": "Request code",
    "verzoek.code_sent": "If {email} has an account, we sent a 6-digit code to that address. The "
                         "code is valid for 15 minutes; you can try it 3 times.",
    "verzoek.code": "Code from the email",
    "verzoek.verify": "Confirm request",
    "verzoek.restart": "Start again",
    "verzoek.done_title": "Request received",
    "verzoek.done": "We received your request (number {reference}). We will respond by {due}. "
                    "You will get a confirmation by email.",
    "verzoek.logged_in": "You are logged in: arrange this directly in My data.",
    "request.kind.access": "Access: know which data you hold about me",
    "request.kind.correction": "Correction: have data corrected",
    "request.kind.erasure": "Erasure: have my account and data erased",
    "request.kind.restriction": "Restriction: stop all processing except storage",
    "request.kind.portability": "Portability: receive my data in a file",
    "request.kind.objection": "Objection: to processing based on legitimate interest",
}
