"""Statement versions, the statement-change notice, the keep-account page and their mails."""

NL = {
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
    "keep.title": "Account behouden",
    "keep.lead": "Je hebt CloudCV een tijd niet gebruikt. Wil je je account en je cv's "
                 "behouden? Klik dan op de knop. Doe je niets, dan wissen we je account en alle "
                 "gegevens op de datum uit onze e-mail.",
    "keep.for": "Account van",
    "keep.submit": "Ja, bewaar mijn account",
    "keep.done": "Je account blijft bewaard. Als je CloudCV niet meer gebruikt, vragen we het je "
                 "opnieuw vóór {date}.",
    "keep.login_hint": "Inloggen werkt ook: elke keer dat je inlogt, begint de termijn opnieuw.",
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
}

EN = {
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
}
