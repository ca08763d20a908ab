"""Mijn gegevens (its mails: mydata_mail.py; /verzoek: verzoek.py), the restriction
banner, the export's overzicht.pdf, and the human names of the personal-data registry (``data.table.*``, ``data.category.*``,
``data.purpose.*``, ``data.basis.*``; an unknown new name falls back to the raw name,
see services/privacy/holdings.label). tests/unit/test_mydata_catalog.py checks that every name in
the registry has a translation here."""

NL = {
    # ---- registry names: tables
    # ---- registry names: categories
    # ---- registry names: purposes and legal bases
    # ---- periods and retention
    "mydata.period.day": "{n} dag",
    "mydata.period.days": "{n} dagen",
    "mydata.period.month": "{n} maand",
    "mydata.period.months": "{n} maanden",
    "mydata.period.year": "{n} jaar",
    "mydata.period.years": "{n} jaar",
    "mydata.retention.agreement_end": "Tot {period} na het einde van de overeenkomst (je laatste login).",
    "mydata.retention.collection": "{period} nadat het is vastgelegd.",
    "mydata.retention.technical": "Kort, om technische redenen: {period}.",
    "mydata.retention.handled": "{period} nadat het is afgehandeld.",
    "mydata.retention.unsubscribe": "Tot je je afmeldt.",
    "mydata.retention.consent_withdrawn": "Tot je je toestemming intrekt (uiterlijk {period}).",
    "mydata.retention.other": "{period}.",
    "mydata.retention.open": "Zolang het nodig is; het gaat mee met je account.",
    "mydata.retention.legal": "(wettelijke termijn)",
    "mydata.deletion.first": "De oudste gegevens worden verwijderd op {date}.",
    "mydata.deletion.agreement": "Wordt verwijderd op {date} als je tot dan niet meer inlogt "
                                 "(we vragen het je eerst).",
    "mydata.deletion.waiting": "De termijn begint zodra dit is afgehandeld.",
    "mydata.deletion.held": "Wordt langer bewaard: er loopt een onderzoek naar misbruik.",
    # ---- the page
    "nav.mydata": "Mijn gegevens",
    "footer.request": "Verzoek over je gegevens",
    "mydata.title": "Mijn gegevens",
    "mydata.lead": "Alles wat CloudCV over je bewaart, waarom en hoe lang. Hier bekijk, wijzig, "
                   "download, beperk en wis je het.",
    "mydata.tabs": "Onderdelen van Mijn gegevens",
    "mydata.tab.overview": "Overzicht",
    "mydata.tab.correct": "Wijzigen",
    "mydata.tab.devices": "Apparaten",
    "mydata.tab.download": "Downloaden",
    "mydata.tab.restrict": "Beperken en bezwaar",
    "mydata.tab.delete": "Account verwijderen",
    "mydata.what": "Wat",
    "mydata.why": "Waarom",
    "mydata.basis": "Grondslag",
    "mydata.how_long": "Bewaartermijn",
    "mydata.count": "Aantal",
    "mydata.deleted_on": "Verwijdering",
    "mydata.items": "{n} items",
    "mydata.none": "Niets opgeslagen",
    "mydata.not_exported": "Niet in de download: technische beveiligingsgegevens.",
    "mydata.overview_lead": "Per soort gegevens: wat we bewaren, waarvoor, op welke grondslag en "
                            "tot wanneer. Dit overzicht komt rechtstreeks uit ons register van "
                            "persoonsgegevens.",
    # correct
    "mydata.correct.name_title": "Naam",
    "mydata.correct.save_name": "Naam opslaan",
    "mydata.correct.name_saved": "Je naam is gewijzigd.",
    "mydata.correct.email_title": "E-mailadres",
    "mydata.correct.email_current": "Huidig e-mailadres: {email}",
    "mydata.correct.new_email": "Nieuw e-mailadres",
    "mydata.correct.email_password": "Je wachtwoord",
    "mydata.correct.email_hint": "We sturen een bevestigingslink naar het nieuwe adres. Je adres "
                                 "verandert pas als je op die link klikt.",
    "mydata.correct.send_link": "Bevestigingslink sturen",
    "mydata.correct.email_sent": "Kijk in de inbox van {email} en klik op de link (24 uur geldig).",
    "mydata.correct.cv_title": "Gegevens in je cv's",
    "mydata.correct.cv_text": "Adres, telefoon, geboortedatum, werkervaring en de rest van je "
                              "cv wijzig je in de cv-editor.",
    "mydata.correct.cv_link": "Naar mijn cv's",
    # devices
    "mydata.devices.lead": "Hier ben je ingelogd. Herken je een apparaat niet? Log het uit en "
                           "wijzig je wachtwoord.",
    "mydata.devices.this": "Dit apparaat",
    "mydata.devices.last_seen": "Laatst actief: {when}",
    "mydata.devices.started": "Ingelogd: {when}",
    "mydata.devices.place": "Plaats: {place} · IP {ip}",
    "mydata.devices.revoke": "Uitloggen",
    "mydata.devices.revoke_label": "Log {device} uit",
    "mydata.devices.revoke_others": "Alle andere apparaten uitloggen",
    "mydata.devices.revoked": "Het apparaat is uitgelogd.",
    "mydata.devices.revoked_others": "{n} andere apparaten zijn uitgelogd.",
    "mydata.devices.only_this": "Je bent alleen op dit apparaat ingelogd.",
    # download
    "mydata.download.title": "Download al je gegevens",
    "mydata.download.lead": "Een ZIP-bestand met: data.json (alle gegevens, leesbaar voor "
                            "computers, zodat je ze naar een andere dienst kunt meenemen), elk "
                            "cv als pdf, je foto's en overzicht.pdf (wat we bewaren en waarom).",
    "mydata.download.reauth": "Voor je veiligheid: vul je wachtwoord opnieuw in. Een download "
                              "kan alleen binnen 15 minuten na het inloggen.",
    "mydata.download.password": "Wachtwoord",
    "mydata.download.confirm": "Bevestigen",
    "mydata.download.prepare": "Download voorbereiden",
    "mydata.download.busy": "Bezig met samenstellen… {pct}%",
    "mydata.download.ready": "Je download is klaar ({size}). De link werkt 10 minuten.",
    "mydata.download.link": "ZIP downloaden",
    "mydata.download.others": "Over andere mensen: de ontvangers die je bij je cv's invulde, "
                              "staan erin zoals jij ze invulde. Geef die niet zomaar door.",
    # restrict and object
    "mydata.restrict.title": "Verwerking beperken",
    "mydata.restrict.lead": "Zet je dit aan, dan bewaren we je gegevens alleen nog. Geen "
                            "statistieken, geen marketing, en je cv's kunnen niet verstuurd of "
                            "gedeeld worden, tot je het weer uitzet. Je kunt je gegevens wel "
                            "blijven bekijken, downloaden en wissen.",
    "mydata.restrict.switch": "Verwerking beperken",
    "mydata.restrict.on": "De verwerking van je gegevens is beperkt.",
    "mydata.restrict.off": "De beperking is opgeheven.",
    "mydata.object.title": "Bezwaar maken",
    "mydata.object.lead": "Tegen verwerking op basis van ons gerechtvaardigd belang (artikel 3.2) "
                          "kun je bezwaar maken. Vertel waarom: we maken de afweging opnieuw en "
                          "laten je binnen 4 weken weten wat we besluiten. Bezwaar tegen "
                          "marketing gaat direct in.",
    "mydata.object.motivation": "Je motivering",
    "mydata.object.submit": "Bezwaar indienen",
    "mydata.object.sent": "Je bezwaar is ontvangen. We reageren uiterlijk op {due}.",
    "mydata.object.marketing_done": "Je bezwaar is direct verwerkt: je krijgt geen marketing meer.",
    "mydata.object.state_open": "Je bezwaar wordt beoordeeld.",
    "mydata.object.state_upheld": "Je bezwaar is toegekend: we doen dit niet meer.",
    "mydata.requests.title": "Verzoeken die je deed",
    "mydata.requests.none": "Je hebt nog geen verzoeken gedaan.",
    "mydata.requests.row": "#{id} · {kind} · ontvangen {received}",
    "mydata.requests.due": "Reactie uiterlijk {due}",
    # delete
    "mydata.delete.title": "Account verwijderen",
    "mydata.delete.lead": "Dit kan niet ongedaan worden gemaakt. Download eerst je gegevens als "
                          "je ze wilt bewaren.",
    "mydata.delete.removed_title": "Wat we verwijderen",
    "mydata.delete.removed": "Je account, al je cv's met foto's en ontvangers, je sessies, je "
                             "inloggeschiedenis, je toestemmingen en verzoeken en de e-mails die "
                             "we je stuurden. In één keer.",
    "mydata.delete.kept_title": "Wat we (anoniem) bewaren",
    "mydata.delete.kept": "Het logboek van acties blijft 3 jaar bestaan zonder link naar jou "
                          "(wettelijke verantwoordingsplicht). Loopt er een onderzoek naar "
                          "misbruik, dan blijven de beveiligingslogs, losgekoppeld van je "
                          "account, bewaard tot het is afgerond. Een onherleidbare code zorgt "
                          "dat je gegevens na het terugzetten van een back-up opnieuw gewist "
                          "worden. Je krijgt een bevestiging op {email}.",
    "mydata.delete.password": "Je wachtwoord",
    "mydata.delete.word": "VERWIJDEREN",
    "mydata.delete.type_word": "Typ VERWIJDEREN om te bevestigen",
    "mydata.delete.submit": "Mijn account definitief verwijderen",
    "mydata.delete.done": "Je account en al je gegevens zijn verwijderd. Je krijgt een "
                          "bevestiging per e-mail.",
    # restriction banner (every page)
    "restriction.banner": "Je hebt de verwerking van je gegevens beperkt: we bewaren ze alleen. "
                          "Statistieken, marketing en het versturen van cv's staan uit.",
    "restriction.banner_link": "Opheffen",
    # email confirmation page
    "email_confirm.title": "Nieuw e-mailadres bevestigen",
    "email_confirm.busy": "Bezig met bevestigen…",
    "email_confirm.done": "Je e-mailadres is gewijzigd. Je oude adres heeft een bericht gekregen.",
    # errors
    "error.restricted": "Dit kan niet: je hebt de verwerking van je gegevens beperkt. Hef de "
                        "beperking op in Mijn gegevens.",
    "error.request_kind": "Kies wat je wilt.",
    "error.objection_purpose": "Kies waartegen je bezwaar maakt.",
    "error.objection_exists": "Je hebt hier al bezwaar tegen gemaakt.",
    "error.code_wrong": "Deze code klopt niet. Je kunt het nog {left} keer proberen.",
    "error.code_locked": "Te veel onjuiste pogingen. Begin opnieuw om een nieuwe code te krijgen.",
    "error.code_expired": "Deze code is verlopen. Begin opnieuw om een nieuwe code te krijgen.",
    "error.password_wrong": "Dit wachtwoord klopt niet.",
    "error.email_same": "Dit is al je e-mailadres.",
    "error.email_taken_now": "Dit e-mailadres kan niet (meer) worden gebruikt. Kies een ander.",
    "error.confirmation_word": "Typ precies het woord dat erboven staat.",
    "error.reauth_required": "Vul eerst je wachtwoord opnieuw in.",
    "error.export_failed": "Het samenstellen van je download is mislukt. Probeer het opnieuw.",
    # overzicht.pdf
    "overview_pdf.title": "Overzicht van je gegevens bij CloudCV",
    "overview_pdf.for": "Voor {name} ({email}) · gemaakt op {date}",
    "overview_pdf.intro": "Dit overzicht hoort bij je download. Per soort gegevens staat hier wat "
                          "we bewaren, waarom, op welke wettelijke grondslag en hoe lang. De "
                          "gegevens zelf staan in data.json (leesbaar voor computers, om mee te "
                          "nemen naar een andere dienst), je cv's als pdf in de map cv en je "
                          "foto's in de map foto.",
    "overview_pdf.rights_title": "Je rechten",
    "overview_pdf.rights": "Je kunt je gegevens altijd bekijken, wijzigen, downloaden, de "
                           "verwerking beperken, bezwaar maken en je account verwijderen via Mijn "
                           "gegevens op cloudcv.nl. Lukt dat niet, gebruik dan cloudcv.nl/verzoek "
                           "of mail {contact}. We reageren binnen 4 weken.",
    "overview_pdf.page": "Pagina {page}",
}

EN = {
    "mydata.period.day": "{n} day",
    "mydata.period.days": "{n} days",
    "mydata.period.month": "{n} month",
    "mydata.period.months": "{n} months",
    "mydata.period.year": "{n} year",
    "mydata.period.years": "{n} years",
    "mydata.retention.agreement_end": "Until {period} after the agreement ends (your last login).",
    "mydata.retention.collection": "{period} after it was recorded.",
    "mydata.retention.technical": "Briefly, for technical reasons: {period}.",
    "mydata.retention.handled": "{period} after it was handled.",
    "mydata.retention.unsubscribe": "Until you unsubscribe.",
    "mydata.retention.consent_withdrawn": "Until you withdraw your consent (at most {period}).",
    "mydata.retention.other": "{period}.",
    "mydata.retention.open": "As long as needed; it goes with your account.",
    "mydata.retention.legal": "(statutory period)",
    "mydata.deletion.first": "The oldest data will be deleted on {date}.",
    "mydata.deletion.agreement": "Will be deleted on {date} if you do not log in again before "
                                 "then (we ask you first).",
    "mydata.deletion.waiting": "The period starts once this has been handled.",
    "mydata.deletion.held": "Kept longer: an abuse investigation is ongoing.",
    "nav.mydata": "My data",
    "footer.request": "Request about your data",
    "mydata.title": "My data",
    "mydata.lead": "Everything CloudCV keeps about you, why and for how long. Here you view, "
                   "change, download, restrict and erase it.",
    "mydata.tabs": "Sections of My data",
    "mydata.tab.overview": "Overview",
    "mydata.tab.correct": "Change",
    "mydata.tab.devices": "Devices",
    "mydata.tab.download": "Download",
    "mydata.tab.restrict": "Restrict and object",
    "mydata.tab.delete": "Delete account",
    "mydata.what": "What",
    "mydata.why": "Why",
    "mydata.basis": "Legal basis",
    "mydata.how_long": "Kept for",
    "mydata.count": "Items",
    "mydata.deleted_on": "Deletion",
    "mydata.items": "{n} items",
    "mydata.none": "Nothing stored",
    "mydata.not_exported": "Not in the download: technical security data.",
    "mydata.overview_lead": "Per kind of data: what we keep, what for, on which legal basis and "
                            "until when. This overview comes straight from our register of "
                            "personal data.",
    "mydata.correct.name_title": "Name",
    "mydata.correct.save_name": "Save name",
    "mydata.correct.name_saved": "Your name has been changed.",
    "mydata.correct.email_title": "Email address",
    "mydata.correct.email_current": "Current email address: {email}",
    "mydata.correct.new_email": "New email address",
    "mydata.correct.email_password": "Your password",
    "mydata.correct.email_hint": "We send a confirmation link to the new address. Your address "
                                 "only changes once you click that link.",
    "mydata.correct.send_link": "Send confirmation link",
    "mydata.correct.email_sent": "Check the inbox of {email} and click the link (valid for 24 hours).",
    "mydata.correct.cv_title": "Details in your CVs",
    "mydata.correct.cv_text": "Address, phone, date of birth, work experience and the rest of "
                              "your CV are changed in the CV editor.",
    "mydata.correct.cv_link": "Go to my CVs",
    "mydata.devices.lead": "You are logged in here. Do not recognise a device? Log it out and "
                           "change your password.",
    "mydata.devices.this": "This device",
    "mydata.devices.last_seen": "Last active: {when}",
    "mydata.devices.started": "Logged in: {when}",
    "mydata.devices.place": "Place: {place} · IP {ip}",
    "mydata.devices.revoke": "Log out",
    "mydata.devices.revoke_label": "Log out {device}",
    "mydata.devices.revoke_others": "Log out all other devices",
    "mydata.devices.revoked": "The device has been logged out.",
    "mydata.devices.revoked_others": "{n} other devices have been logged out.",
    "mydata.devices.only_this": "You are only logged in on this device.",
    "mydata.download.title": "Download all your data",
    "mydata.download.lead": "A ZIP file with: data.json (all data, machine-readable, so you can "
                            "take it to another service), every CV as PDF, your photos and "
                            "overzicht.pdf (what we keep and why).",
    "mydata.download.reauth": "For your security: enter your password again. A download is only "
                              "possible within 15 minutes of logging in.",
    "mydata.download.password": "Password",
    "mydata.download.confirm": "Confirm",
    "mydata.download.prepare": "Prepare download",
    "mydata.download.busy": "Putting it together… {pct}%",
    "mydata.download.ready": "Your download is ready ({size}). The link works for 10 minutes.",
    "mydata.download.link": "Download ZIP",
    "mydata.download.others": "About other people: the recipients you entered for your CVs are "
                              "included as you entered them. Do not pass them on lightly.",
    "mydata.restrict.title": "Restrict processing",
    "mydata.restrict.lead": "Switch this on and we only store your data. No statistics, no "
                            "marketing, and your CVs cannot be sent or shared, until you switch "
                            "it off. You can still view, download and erase your data.",
    "mydata.restrict.switch": "Restrict processing",
    "mydata.restrict.on": "Processing of your data is restricted.",
    "mydata.restrict.off": "The restriction has been lifted.",
    "mydata.object.title": "Object",
    "mydata.object.lead": "You can object to processing based on our legitimate interest "
                          "(section 3.2). Tell us why: we weigh the interests again and let you "
                          "know our decision within 4 weeks. An objection to marketing takes "
                          "effect at once.",
    "mydata.object.motivation": "Your reasons",
    "mydata.object.submit": "Submit objection",
    "mydata.object.sent": "Your objection has been received. We will respond by {due}.",
    "mydata.object.marketing_done": "Your objection took effect at once: you will get no more marketing.",
    "mydata.object.state_open": "Your objection is being assessed.",
    "mydata.object.state_upheld": "Your objection was upheld: we no longer do this.",
    "mydata.requests.title": "Requests you made",
    "mydata.requests.none": "You have not made any requests yet.",
    "mydata.requests.row": "#{id} · {kind} · received {received}",
    "mydata.requests.due": "Response by {due}",
    "mydata.delete.title": "Delete account",
    "mydata.delete.lead": "This cannot be undone. Download your data first if you want to keep it.",
    "mydata.delete.removed_title": "What we delete",
    "mydata.delete.removed": "Your account, all your CVs with photos and recipients, your "
                             "sessions, your login history, your consents and requests and the "
                             "emails we sent you. All at once.",
    "mydata.delete.kept_title": "What we keep (anonymously)",
    "mydata.delete.kept": "The log of actions stays for 3 years without any link to you (legal "
                          "accountability). If an abuse investigation is ongoing, the security "
                          "logs are kept, detached from your account, until it ends. An "
                          "untraceable code makes sure your data is erased again after a backup "
                          "is restored. You will get a confirmation at {email}.",
    "mydata.delete.password": "Your password",
    "mydata.delete.word": "DELETE",
    "mydata.delete.type_word": "Type DELETE to confirm",
    "mydata.delete.submit": "Delete my account permanently",
    "mydata.delete.done": "Your account and all your data have been deleted. You will get a "
                          "confirmation by email.",
    "restriction.banner": "You have restricted the processing of your data: we only store it. "
                          "Statistics, marketing and sending CVs are off.",
    "restriction.banner_link": "Lift",
    "email_confirm.title": "Confirm new email address",
    "email_confirm.busy": "Confirming…",
    "email_confirm.done": "Your email address has been changed. Your old address got a message.",
    "error.restricted": "Not possible: you have restricted the processing of your data. Lift the "
                        "restriction in My data.",
    "error.request_kind": "Choose what you would like.",
    "error.objection_purpose": "Choose what you object to.",
    "error.objection_exists": "You have already objected to this.",
    "error.code_wrong": "This code is not correct. You can try {left} more time(s).",
    "error.code_locked": "Too many wrong attempts. Start again to get a new code.",
    "error.code_expired": "This code has expired. Start again to get a new code.",
    "error.password_wrong": "This password is not correct.",
    "error.email_same": "This already is your email address.",
    "error.email_taken_now": "This email address cannot be used (any more). Choose another.",
    "error.confirmation_word": "Type exactly the word shown above.",
    "error.reauth_required": "Enter your password again first.",
    "error.export_failed": "Putting your download together failed. Please try again.",
    "overview_pdf.title": "Overview of your data at CloudCV",
    "overview_pdf.for": "For {name} ({email}) · made on {date}",
    "overview_pdf.intro": "This overview comes with your download. Per kind of data it says what "
                          "we keep, why, on which legal basis and for how long. The data itself "
                          "is in data.json (machine-readable, to take to another service), your "
                          "CVs as PDF in the folder cv and your photos in the folder foto.",
    "overview_pdf.rights_title": "Your rights",
    "overview_pdf.rights": "You can always view, change and download your data, restrict its "
                           "processing, object and delete your account in My data on "
                           "cloudcv.nl. If that does not work, use cloudcv.nl/verzoek or email "
                           "{contact}. We respond within 4 weeks.",
    "overview_pdf.page": "Page {page}",
}
