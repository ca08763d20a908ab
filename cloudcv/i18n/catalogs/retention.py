"""Texts of the retention engine, the rendered privacy statement, statement versions, the
keep-account flow and the processing register (Art. 30)."""

NL = {
    # periods and retention phrases (rendered from the registry)
    "period.year": "1 jaar",
    "period.years": "{n} jaar",
    "period.day": "1 dag",
    "period.days": "{n} dagen",
    "period.month": "1 maand",
    "period.months": "{n} maanden",
    "ret.agreement_end": "wij bewaren deze persoonsgegevens maximaal tot {period} na het "
                         "eindigen van de overeenkomst",
    "ret.collection_until": "wij bewaren deze persoonsgegevens tot {period} nadat zij zijn "
                            "verzameld",
    "ret.collection": "wij bewaren deze persoonsgegevens maximaal gedurende {period} nadat zij "
                      "zijn verzameld",
    "ret.technical": "wij bewaren deze gegevens maximaal {period}",
    "ret.handled": "wij bewaren deze persoonsgegevens tot maximaal {period} nadat uw verzoek of "
                   "vraag is afgehandeld",
    "ret.unsubscribe": "wij bewaren deze persoonsgegevens totdat u aangeeft geen "
                       "marketinginformatie meer te willen ontvangen",
    "ret.unsubscribe_after": "wij bewaren deze persoonsgegevens tot {period} nadat u heeft "
                             "aangegeven geen marketinginformatie meer te willen ontvangen",
    "ret.consent_withdrawn": "wij verwerken deze persoonsgegevens alleen zolang uw toestemming "
                             "geldt; trekt u die in, dan verwijderen wij wat aan die toestemming "
                             "gekoppeld is. In geen geval bewaren wij ze langer dan {period} "
                             "nadat zij zijn verzameld",
    "ret.agreement_end_def": "Onder het eindigen van de overeenkomst verstaan wij het moment "
                             "waarop u uw account verwijdert (dan wissen wij uw gegevens direct) "
                             "of, als u de Dienst niet meer gebruikt, het laatste moment waarop u "
                             "inlogde of op 'Account behouden' klikte (of uw registratie, als u "
                             "nooit heeft ingelogd).",
    "ret.row.none": "zolang de blokkade duurt",
    "ret.row.agreement_end": "tot {period} na het eindigen van de overeenkomst; daarna gewist "
                             "met uw account",
    "ret.row.after": "{period} na {moment}",
    "ret.moment.created_at": "het moment van verzamelen",
    "ret.moment.expires_at": "het verlopen",
    "ret.moment.lifted_at": "het opheffen van de blokkade",
    "ret.moment.handled_at": "het afhandelen",
    "ret.moment.unsubscribed_at": "het afmelden",
    "ret.moment.withdrawn_at": "het intrekken van de toestemming",
    "ret.unless.abuse_hold": "(langer zolang wij na geconstateerd misbruik een blokkade met "
                             "reden hebben vastgelegd)",
    "ret.legal": "(wettelijke bewaartermijn: {source})",
    "ret.clause": "art. {clause}",
    "ret.table_intro": "Hieronder staat per gegevensverzameling hoe lang wij haar bewaren. Dit "
                       "zijn dezelfde termijnen die ons systeem automatisch handhaaft; "
                       "technische gegevens (sessies, links en verzonden e-mail) bewaren wij "
                       "korter dan het doel waarvoor ze dienen.",
    "list.and": " en ",
    # hosting locations and processors (§1, §4.1)
    "loc.primary_site": "Serverlocatie",
    "loc.backup_site": "Back-upopslag",
    "loc.classification": "Datacenterclassificatie: {value} redundantie",
    "loc.certifications": "Informatiebeveiligingscertificaten: {value}",
    "proc.software": "ontwikkelaars en leveranciers van software",
    "proc.storage": "opslag van (persoons)gegevens en database beheer en onderhoud",
    "proc.analytics": "onderzoeksbureaus en analytische software om onze dienstverlening en "
                      "website te verbeteren (o.a. privacy-vriendelijk ingesteld Google "
                      "Analytics waardoor geen persoonsgegevens met Google gedeeld worden)",
    "proc.ticketing": "ticketbeheerders voor ondersteuning van klanten",
    "proc.evaluation": "beheerders van evaluatieformulieren",
    "proc.hosting": "hosting provider(s)",
    "proc.crm": "aanbieders van relatiebeheersoftware",
    "proc.not_applicable": "(nvt)",
    # data sets (registry tables)
    "table.user_account": "Account",
    "table.auth_session": "Inlogsessies",
    "table.login_event": "Inlogpogingen (beveiliging)",
    "table.one_time_token": "Eenmalige links (bevestigen, wachtwoord herstellen, account behouden)",
    "table.cv": "Cv's",
    "table.cv_entry": "Opleidingen, werkervaring en overige cv-onderdelen",
    "table.photo": "Foto's",
    "table.cv_recipient": "(Beoogde) ontvangers van uw cv",
    "table.audit_event": "Logboek van acties op uw account en uw verzoeken",
    "table.abuse_hold": "Blokkades na geconstateerd misbruik",
    "table.outbox_mail": "Verzonden e-mail",
    "table.retention_notice": "Vragen of u uw account wilt behouden",
    "table.statement_notice": "Meldingen over wijzigingen van deze privacyverklaring",
    # data categories
    "cat.name": "naam",
    "cat.address": "adres",
    "cat.phone": "telefoonnummer",
    "cat.email": "privé en/of zakelijk e-mailadres",
    "cat.birth_date": "geboortedatum",
    "cat.nationality": "nationaliteit",
    "cat.gender": "geslacht",
    "cat.marital_status": "burgerlijke staat",
    "cat.driving_licence": "rijbewijs",
    "cat.education": "opleidingen",
    "cat.work_experience": "werkervaring",
    "cat.other_info": "overig ingevulde informatie",
    "cat.recipients": "(beoogde) ontvangers van uw CV",
    "cat.password_hash": "indien van toepassing wachtwoord (versleuteld)",
    "cat.session_id": "sessie-ID",
    "cat.photo": "door u geüploade foto's",
    "cat.contact_info": "overige persoonsgegevens die u invult bij het opnemen van contact met ons",
    "cat.ip_address": "IP-adres",
    "cat.device_id": "device-ID",
    "cat.user_id": "user-ID",
    "cat.os": "besturingssysteem",
    "cat.login_time": "tijd en datum van login",
    "cat.place": "plaats van login",
    "cat.usage": "hoe u omgaat met onze website en Dienst",
    "cat.payment_location": "locatie van betaling (nvt)",
    "cat.connection_type": "soort verbinding",
    "cat.organisation": "organisatie",
    "cat.cookie_id": "online/cookie identificatienummer",
    "cat.pixel_id": "pixel-ID",
    "cat.site_usage": "uw gebruik van onze website",
    "cat.referrer": "de webpagina waarvan u afkomstig bent",
    "cat.location": "uw locatie",
    "cat.language": "gekozen taal",
    "cat.browser": "browser",
    "cat.account_token": "eenmalige links (bevestigen, wachtwoord herstellen, account behouden)",
    "cat.mail_content": "inhoud van e-mail die wij u sturen",
    "cat.abuse_reason": "reden van een blokkade na misbruik",
    "cat.account_actions": "acties op uw account en uw verzoeken",
    "cat.retention_notice": "wanneer wij u vroegen of u uw account wilt behouden",
    "cat.statement_notice": "wanneer wij u een wijziging van deze verklaring meldden",
    # statement versions
    "statement.version_line": "*Versie {n}, geldig vanaf {date}*",
    "statement.v1.summary": "Eerste versie van de privacyverklaring.",
    "statement.v2.summary": "Per gegevensverzameling staat nu hoe lang we die bewaren (dit "
                            "wordt automatisch gehandhaafd), we leggen uit wanneer de "
                            "overeenkomst eindigt, we vragen je vóór het wissen van een "
                            "ongebruikt account of je het wilt behouden, en tracking cookies "
                            "hebben een maximale bewaartermijn.",
    "notice.title": "Onze privacyverklaring is gewijzigd",
    "notice.read": "Lees de privacyverklaring",
    "notice.dismiss": "Begrepen",
    # keep-account flow (§3.1)
    "keep.title": "Account behouden",
    "keep.lead": "Je hebt CloudCV een tijd niet gebruikt. Wil je je account en je cv's "
                 "behouden? Klik dan op de knop. Doe je niets, dan wissen we je account en alle "
                 "gegevens op de datum uit onze e-mail.",
    "keep.for": "Account van",
    "keep.submit": "Ja, bewaar mijn account",
    "keep.done": "Je account blijft bewaard. Als je CloudCV niet meer gebruikt, vragen we het je "
                 "opnieuw vóór {date}.",
    "keep.login_hint": "Inloggen werkt ook: elke keer dat je inlogt, begint de termijn opnieuw.",
    # processing register (Art. 30)
    "art30.title": "Register van verwerkingsactiviteiten (AVG art. 30)",
    "art30.open": "Verwerkingsregister en bewaartermijnen",
    "art30.lead": "Gegenereerd uit het register van persoonsgegevens: dezelfde bron als de "
                     "privacyverklaring en de automatische bewaartermijnen.",
    "art30.controller": "Verwerkingsverantwoordelijke",
    "art30.generated": "Gegenereerd",
    "art30.statement_version": "Versie privacyverklaring",
    "art30.basis": "Grondslag",
    "art30.subjects": "Betrokkenen",
    "art30.categories": "Categorieën persoonsgegevens",
    "art30.retention": "Bewaartermijn",
    "art30.recipients": "Ontvangers / verwerkers",
    "art30.transfers": "Doorgifte buiten de EER",
    "art30.table": "Gegevensverzameling",
    "art30.no_tables": "Nog geen gegevens opgeslagen voor dit doel.",
    "art30.sites": "Opslaglocaties",
    "art30.processors": "Verwerkers",
    "art30.agreement": "verwerkersovereenkomst",
    "art30.security": "Beveiligingsmaatregelen",
    "art30.no_transfers": "Geen: opslag en back-ups in Nederland.",
    "art30.country_nl": "Nederland",
    "art30.runs": "Laatste runs van de bewaartermijnen",
    "art30.runs_empty": "Nog geen runs.",
    "art30.run_rule": "Regel",
    "art30.run_started": "Gestart",
    "art30.run_deleted": "Verwijderd",
    "art30.run_prompted": "Gevraagd",
    "art30.run_error": "Fout",
    "art30.run_dry": "proefrun",
    "purpose.service": "Het leveren van de Dienst",
    "purpose.improvement": "Het verbeteren van onze dienstverlening",
    "purpose.security": "Het veilig houden van de Dienst en het voorkomen van misbruik",
    "purpose.customer_marketing": "Klanten informeren over onze andere diensten",
    "purpose.marketing": "Informeren over onze diensten op verzoek",
    "purpose.questions": "Vragen beantwoorden",
    "purpose.tracking": "Tracking cookies",
    "purpose.accountability": "Verantwoording (aantonen dat wij de AVG naleven)",
    "basis.contract": "Uitvoering van de overeenkomst (art. 6 lid 1 sub b)",
    "basis.legitimate_interest": "Gerechtvaardigd belang (art. 6 lid 1 sub f)",
    "basis.consent": "Toestemming (art. 6 lid 1 sub a)",
    "basis.legal_obligation": "Wettelijke verplichting (art. 6 lid 1 sub c)",
    "subject.users": "Gebruikers met een account",
    "subject.visitors": "Bezoekers van de website",
    "sec.access_control": "Autorisatie bij elke actie op de server; beheerdersrol bij elke actie "
                          "opnieuw gecontroleerd",
    "sec.passwords": "Wachtwoorden alleen als argon2-hash opgeslagen",
    "sec.sessions": "Sessies op de server; de browser bewaart alleen een willekeurige sleutel, "
                    "wij alleen de hash daarvan",
    "sec.throttling": "Bescherming tegen het raden van wachtwoorden",
    "sec.tls": "TLS-versleuteling van het verkeer",
    "sec.audit": "Onveranderbaar logboek van acties op accounts",
    "sec.erasure": "Wissen van alle gegevens van een account in één transactie, ook na het "
                   "terugzetten van een back-up",
    "sec.retention": "Automatische handhaving van alle bewaartermijnen",
    "sec.backups": "Back-ups op een tweede Nederlandse locatie",
    "sec.hosting": "Gecertificeerde datacenters in Groningen",
    "sec.secure_delete": "Gewiste gegevens worden in de database overschreven",
    "sec.updates": "Kwetsbaarheden in software worden zo snel als redelijkerwijs mogelijk "
                   "aangepakt",
    # mail
    "mail.keep_account_30d.subject": "Wil je je CloudCV-account behouden?",
    "mail.keep_account_30d.body": "Hallo {name},\n\nJe hebt CloudCV al lange tijd niet gebruikt. "
                                  "Zoals beloofd in onze privacyverklaring wissen we ongebruikte "
                                  "accounts: op {date} verwijderen we je account, je cv's en "
                                  "foto's.\n\nWil je je account behouden? Klik dan op deze "
                                  "link (of log gewoon in):\n{link}\n\nDoe je niets, dan wissen "
                                  "we alles op {date}. Je hoeft daarvoor niets te doen.",
    "mail.keep_account_7d.subject": "Herinnering: je CloudCV-account wordt over 7 dagen gewist",
    "mail.keep_account_7d.body": "Hallo {name},\n\nOp {date} wissen we je CloudCV-account, je cv's "
                                 "en foto's, omdat je het al lange tijd niet hebt gebruikt.\n\n"
                                 "Wil je je account behouden? Klik dan op deze link (of log in):"
                                 "\n{link}\n\nDoe je niets, dan wissen we alles op {date}.",
    "mail.statement_changed.subject": "Onze privacyverklaring is gewijzigd",
    "mail.statement_changed.body": "Hallo {name},\n\nWe hebben onze privacyverklaring gewijzigd. "
                                   "Wat er verandert:\n\n{summary}\n\nLees de hele verklaring "
                                   "op:\n{link}",
    "error.retention_busy": "Er loopt al een opschoonronde. Probeer het later opnieuw.",
}

EN = {
    "period.year": "1 year",
    "period.years": "{n} years",
    "period.day": "1 day",
    "period.days": "{n} days",
    "period.month": "1 month",
    "period.months": "{n} months",
    "ret.agreement_end": "we keep these personal data for no longer than {period} after the "
                         "agreement ends",
    "ret.collection_until": "we keep these personal data for up to {period} after they were "
                            "collected",
    "ret.collection": "we keep these personal data for no longer than {period} after they were "
                      "collected",
    "ret.technical": "we keep these data for no longer than {period}",
    "ret.handled": "we keep these personal data for no longer than {period} after your request "
                   "or question has been handled",
    "ret.unsubscribe": "we keep these personal data until you tell us you no longer want to "
                       "receive marketing information",
    "ret.unsubscribe_after": "we keep these personal data until {period} after you tell us you "
                             "no longer want to receive marketing information",
    "ret.consent_withdrawn": "we process these personal data only while your consent lasts; if "
                             "you withdraw it, we delete what is linked to that consent. In no "
                             "case do we keep them longer than {period} after they were "
                             "collected",
    "ret.agreement_end_def": "By the end of the agreement we mean the moment you delete your "
                             "account (we then erase your data at once) or, if you stop using "
                             "the Service, the last time you logged in or clicked 'Keep my "
                             "account' (or your registration, if you never logged in).",
    "ret.row.none": "as long as the hold lasts",
    "ret.row.agreement_end": "until {period} after the agreement ends; then erased with your "
                             "account",
    "ret.row.after": "{period} after {moment}",
    "ret.moment.created_at": "collection",
    "ret.moment.expires_at": "expiry",
    "ret.moment.lifted_at": "the hold is lifted",
    "ret.moment.handled_at": "handling",
    "ret.moment.unsubscribed_at": "unsubscribing",
    "ret.moment.withdrawn_at": "withdrawal of consent",
    "ret.unless.abuse_hold": "(longer while, after misuse was detected, we have recorded a hold "
                             "with a reason)",
    "ret.legal": "(statutory retention period: {source})",
    "ret.clause": "art. {clause}",
    "ret.table_intro": "Below is how long we keep each data set. These are the same periods "
                       "our system enforces automatically; technical data (sessions, links and "
                       "sent email) are kept shorter than the purpose they serve.",
    "list.and": " and ",
    "loc.primary_site": "Server location",
    "loc.backup_site": "Backup storage",
    "loc.classification": "Data centre classification: {value} redundancy",
    "loc.certifications": "Information security certificates: {value}",
    "proc.software": "software developers and suppliers",
    "proc.storage": "storage of (personal) data and database management and maintenance",
    "proc.analytics": "research agencies and analytics software to improve our services and "
                      "website (including Google Analytics set up privacy-friendly, so that no "
                      "personal data are shared with Google)",
    "proc.ticketing": "ticket managers for customer support",
    "proc.evaluation": "managers of evaluation forms",
    "proc.hosting": "hosting provider(s)",
    "proc.crm": "providers of customer relationship management software",
    "proc.not_applicable": "(not applicable)",
    "table.user_account": "Account",
    "table.auth_session": "Login sessions",
    "table.login_event": "Login attempts (security)",
    "table.one_time_token": "Single-use links (confirm, reset password, keep account)",
    "table.cv": "CVs",
    "table.cv_entry": "Education, work experience and other CV sections",
    "table.photo": "Photos",
    "table.cv_recipient": "(Intended) recipients of your CV",
    "table.audit_event": "Log of actions on your account and your requests",
    "table.abuse_hold": "Holds after detected misuse",
    "table.outbox_mail": "Sent email",
    "table.retention_notice": "Questions whether you want to keep your account",
    "table.statement_notice": "Notices about changes to this privacy statement",
    "cat.name": "name",
    "cat.address": "address",
    "cat.phone": "telephone number",
    "cat.email": "private and/or business email address",
    "cat.birth_date": "date of birth",
    "cat.nationality": "nationality",
    "cat.gender": "gender",
    "cat.marital_status": "marital status",
    "cat.driving_licence": "driving licence",
    "cat.education": "education",
    "cat.work_experience": "work experience",
    "cat.other_info": "other information you filled in",
    "cat.recipients": "(intended) recipients of your CV",
    "cat.password_hash": "where applicable, password (encrypted)",
    "cat.session_id": "session ID",
    "cat.photo": "photos you uploaded",
    "cat.contact_info": "other personal data you provide when contacting us",
    "cat.ip_address": "IP address",
    "cat.device_id": "device ID",
    "cat.user_id": "user ID",
    "cat.os": "operating system",
    "cat.login_time": "time and date of login",
    "cat.place": "place of login",
    "cat.usage": "how you interact with our website and Service",
    "cat.payment_location": "location of payment (not applicable)",
    "cat.connection_type": "type of connection",
    "cat.organisation": "organisation",
    "cat.cookie_id": "online/cookie identification number",
    "cat.pixel_id": "pixel ID",
    "cat.site_usage": "your use of our website",
    "cat.referrer": "the web page you came from",
    "cat.location": "your location",
    "cat.language": "chosen language",
    "cat.browser": "browser",
    "cat.account_token": "single-use links (confirm, reset password, keep account)",
    "cat.mail_content": "content of email we send you",
    "cat.abuse_reason": "reason for a hold after misuse",
    "cat.account_actions": "actions on your account and your requests",
    "cat.retention_notice": "when we asked whether you want to keep your account",
    "cat.statement_notice": "when we told you about a change to this statement",
    "statement.version_line": "*Version {n}, in force from {date}*",
    "statement.v1.summary": "First version of the privacy statement.",
    "statement.v2.summary": "For every data set the statement now says how long we keep it "
                            "(enforced automatically), we explain when the agreement ends, we "
                            "ask you before erasing an unused account whether you want to keep "
                            "it, and tracking cookies have a maximum retention period.",
    "notice.title": "Our privacy statement has changed",
    "notice.read": "Read the privacy statement",
    "notice.dismiss": "Got it",
    "keep.title": "Keep your account",
    "keep.lead": "You have not used CloudCV for a while. Do you want to keep your account and "
                 "your CVs? Then click the button. If you do nothing, we erase your account and "
                 "all its data on the date in our email.",
    "keep.for": "Account of",
    "keep.submit": "Yes, keep my account",
    "keep.done": "Your account is kept. If you stop using CloudCV, we will ask you again "
                 "before {date}.",
    "keep.login_hint": "Logging in works too: every login starts the period again.",
    "art30.title": "Record of processing activities (GDPR art. 30)",
    "art30.open": "Processing register and retention",
    "art30.lead": "Generated from the personal-data registry: the same source as the "
                     "privacy statement and the automatic retention periods.",
    "art30.controller": "Controller",
    "art30.generated": "Generated",
    "art30.statement_version": "Privacy statement version",
    "art30.basis": "Legal basis",
    "art30.subjects": "Data subjects",
    "art30.categories": "Categories of personal data",
    "art30.retention": "Retention",
    "art30.recipients": "Recipients / processors",
    "art30.transfers": "Transfers outside the EEA",
    "art30.table": "Data set",
    "art30.no_tables": "No data stored for this purpose yet.",
    "art30.sites": "Storage locations",
    "art30.processors": "Processors",
    "art30.agreement": "processing agreement",
    "art30.security": "Security measures",
    "art30.no_transfers": "None: storage and backups in the Netherlands.",
    "art30.country_nl": "the Netherlands",
    "art30.runs": "Latest retention runs",
    "art30.runs_empty": "No runs yet.",
    "art30.run_rule": "Rule",
    "art30.run_started": "Started",
    "art30.run_deleted": "Deleted",
    "art30.run_prompted": "Asked",
    "art30.run_error": "Error",
    "art30.run_dry": "dry run",
    "purpose.service": "Providing the Service",
    "purpose.improvement": "Improving our services",
    "purpose.security": "Keeping the Service secure and preventing misuse",
    "purpose.customer_marketing": "Informing customers about our other services",
    "purpose.marketing": "Informing about our services on request",
    "purpose.questions": "Answering questions",
    "purpose.tracking": "Tracking cookies",
    "purpose.accountability": "Accountability (demonstrating GDPR compliance)",
    "basis.contract": "Performance of the contract (art. 6(1)(b))",
    "basis.legitimate_interest": "Legitimate interest (art. 6(1)(f))",
    "basis.consent": "Consent (art. 6(1)(a))",
    "basis.legal_obligation": "Legal obligation (art. 6(1)(c))",
    "subject.users": "Users with an account",
    "subject.visitors": "Website visitors",
    "sec.access_control": "Authorisation on the server for every action; the admin role "
                          "re-checked on every action",
    "sec.passwords": "Passwords stored only as an argon2 hash",
    "sec.sessions": "Server-side sessions; the browser holds only a random key, we only its "
                    "hash",
    "sec.throttling": "Protection against password guessing",
    "sec.tls": "TLS encryption of traffic",
    "sec.audit": "Append-only log of actions on accounts",
    "sec.erasure": "Erasure of all data of an account in one transaction, also after a backup "
                   "is restored",
    "sec.retention": "Automatic enforcement of every retention period",
    "sec.backups": "Backups at a second Dutch location",
    "sec.hosting": "Certified data centres in Groningen",
    "sec.secure_delete": "Erased data is overwritten in the database",
    "sec.updates": "Software vulnerabilities are addressed as quickly as reasonably possible",
    "mail.keep_account_30d.subject": "Do you want to keep your CloudCV account?",
    "mail.keep_account_30d.body": "Hello {name},\n\nYou have not used CloudCV for a long time. As "
                                  "promised in our privacy statement we erase unused accounts: on "
                                  "{date} we will delete your account, your CVs and photos.\n\n"
                                  "Do you want to keep your account? Then click this link (or "
                                  "simply log in):\n{link}\n\nIf you do nothing, we erase "
                                  "everything on {date}. You do not need to do anything for that.",
    "mail.keep_account_7d.subject": "Reminder: your CloudCV account will be erased in 7 days",
    "mail.keep_account_7d.body": "Hello {name},\n\nOn {date} we will erase your CloudCV account, "
                                 "your CVs and photos, because you have not used it for a long "
                                 "time.\n\nDo you want to keep your account? Then click this link "
                                 "(or log in):\n{link}\n\nIf you do nothing, we erase everything "
                                 "on {date}.",
    "mail.statement_changed.subject": "Our privacy statement has changed",
    "mail.statement_changed.body": "Hello {name},\n\nWe have changed our privacy statement. What "
                                   "changes:\n\n{summary}\n\nRead the whole statement at:\n{link}",
    "error.retention_busy": "A clean-up run is already in progress. Try again later.",
}

# Labels for tables and categories added by the consent, contact and admin features.
NL.update({
    "table.analytics_event": "Paginabezoeken (statistieken, alleen met toestemming)",
    "table.authority_request": "Verzoeken van overheidsinstanties",
    "table.consent_record": "Bewijs van cookietoestemming",
    "table.contact_question": "Contactvragen",
    "cat.authority_request": "verzoek van een overheidsinstantie (instantie, grondslag, omvang)",
    "cat.consent_choice": "cookiekeuze (geaccepteerde en geweigerde categorieën)",
    "cat.consent_id": "toestemmings-ID",
    "cat.consent_time": "tijdstip van de keuze",
    "cat.contact_message": "inhoud van je vraag",
    "cat.device_type": "soort apparaat (computer, telefoon, tablet)",
})
EN.update({
    "table.analytics_event": "Page views (statistics, only with consent)",
    "table.authority_request": "Requests from government bodies",
    "table.consent_record": "Proof of cookie consent",
    "table.contact_question": "Contact questions",
    "cat.authority_request": "request from a government body (body, legal basis, scope)",
    "cat.consent_choice": "cookie choice (accepted and refused categories)",
    "cat.consent_id": "consent ID",
    "cat.consent_time": "time of the choice",
    "cat.contact_message": "content of your question",
    "cat.device_type": "device type (computer, phone, tablet)",
})

# Shared labels for the request queue, consent proof, contact and authority requests.
NL.update({
    "table.data_request": "Verzoeken die je deed",
    "cat.request_details": "je verzoek",
    "cat.objection_motivation": "motivering van je bezwaar",
    "purpose.rights_requests": "Je verzoeken over je gegevens afhandelen",
    "purpose.analytics": "Websitestatistieken (met je toestemming)",
    "purpose.consent_proof": "Bewijs van je toestemming",
    "purpose.contact": "Je vragen beantwoorden",
    "purpose.legal_obligation": "Wettelijke verplichtingen (verzoeken van overheidsinstanties)",
})
EN.update({
    "table.data_request": "Requests you made",
    "cat.request_details": "your request",
    "cat.objection_motivation": "the reasons for your objection",
    "purpose.rights_requests": "Handling your requests about your data",
    "purpose.analytics": "Website statistics (with your consent)",
    "purpose.consent_proof": "Proof of your consent",
    "purpose.contact": "Answering your questions",
    "purpose.legal_obligation": "Legal obligations (requests from government bodies)",
})

NL["ret.moment.decided_at"] = "het besluit over het verzoek"
EN["ret.moment.decided_at"] = "the decision on the request"
