"""Texts of the retention engine and the rendered privacy statement. Statement versions and
the keep-account flow are in keep.py, the processing register (Art. 30) in register.py."""

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
    "ret.moment.trashed_at": "het verwijderen",
    "ret.trash": "Een cv dat u verwijdert, staat eerst {period} in de prullenbak (u kunt het terugzetten of de prullenbak meteen legen) en wordt {period} na {moment} definitief gewist.",
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
    "table.cv_section": "Eigen secties van uw cv (titels)",
    "table.cv_history": "Stappen om wijzigingen in uw cv ongedaan te maken (ten hoogste 50)",
    "table.cover_letter": "Uw sollicitatiebrieven, bij het cv waarvan ze de stijl hebben",
    "table.two_factor": "De geheime sleutel van uw authenticator-app (versleuteld), als u tweestapsverificatie gebruikt",
    "table.recovery_code": "Uw herstelcodes voor tweestapsverificatie (alleen als onherleidbare controlewaarde)",
    "table.passkey": "Uw passkeys: hun naam en publieke sleutel (de geheime sleutel blijft op uw apparaat)",
    "table.cv_snapshot": "Versies van uw cv: bij elke download en verzending, of door u opgeslagen (ten hoogste 100 per cv)",
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
    "cat.cover_letter": "sollicitatiebrieven",
    "cat.second_factor": "indien van toepassing de tweede stap bij het inloggen (sleutel van de authenticator-app, herstelcodes; versleuteld)",
    "cat.passkey": "indien van toepassing passkeys (naam, publieke sleutel)",
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
    # mail
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
    "ret.moment.trashed_at": "deletion",
    "ret.trash": "A CV you delete first waits {period} in the trash (you can restore it, or empty the trash at once) and is erased for good {period} after {moment}.",
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
    "table.cv_section": "Sections of your own in your CV (titles)",
    "table.cv_history": "Steps to undo changes to your CV (at most 50)",
    "table.cover_letter": "Your cover letters, with the CV whose style they take",
    "table.two_factor": "The secret key of your authenticator app (encrypted), if you use two-step verification",
    "table.recovery_code": "Your two-step verification recovery codes (only as a one-way check value)",
    "table.passkey": "Your passkeys: their name and public key (the private key stays on your device)",
    "table.cv_snapshot": "Versions of your CV: at every download and send, or saved by you (at most 100 per CV)",
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
    "cat.cover_letter": "cover letters",
    "cat.second_factor": "where applicable, the second login step (authenticator app key, recovery codes; encrypted)",
    "cat.passkey": "where applicable, passkeys (name, public key)",
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
