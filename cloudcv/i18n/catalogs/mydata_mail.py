"""The mails of Mijn gegevens and /verzoek: e-mail change, export, restriction, objections, requests."""

NL = {
    "mail.request_code.subject": "Je code voor je verzoek bij CloudCV",
    "mail.request_code.body": "Hallo {name},\n\nIemand (hopelijk jij) diende via cloudcv.nl/verzoek "
                              "een verzoek in voor dit account: {right}.\n\nJe code: {code}\n\n"
                              "De code is {minutes} minuten geldig. Heb jij dit niet gedaan? Dan "
                              "hoef je niets te doen: zonder code gebeurt er niets.",
    "mail.request_received.subject": "We hebben je verzoek ontvangen (nummer {reference})",
    "mail.request_received.body": "Hallo {name},\n\nWe hebben je verzoek ontvangen: {right}.\n"
                                  "Nummer: {reference}\n\nWe reageren uiterlijk op {due}. Is je "
                                  "verzoek ingewikkeld, dan kunnen we de termijn eenmaal met 4 "
                                  "weken verlengen; dat laten we je dan vóór die datum weten.",
    "mail.objection_received.subject": "We hebben je bezwaar ontvangen (nummer {reference})",
    "mail.objection_received.body": "Hallo {name},\n\nJe maakte bezwaar tegen: {what}.\n\nWe maken "
                                    "de belangenafweging opnieuw met jouw motivering en laten je "
                                    "uiterlijk op {due} weten wat we besluiten.",
    "mail.objection_upheld.subject": "Je bezwaar tegen marketing is verwerkt",
    "mail.objection_upheld.body": "Hallo {name},\n\nJe maakte bezwaar tegen: {what}.\nDat is direct "
                                  "verwerkt (nummer {reference}): je krijgt van ons geen "
                                  "marketing meer. Berichten over je account en de Dienst blijf "
                                  "je ontvangen.",
    "mail.email_change.subject": "Bevestig je nieuwe e-mailadres bij CloudCV",
    "mail.email_change.body": "Hallo {name},\n\nJe wilt dit adres gebruiken voor je CloudCV-account. "
                              "Bevestig het via deze link (24 uur geldig, één keer te "
                              "gebruiken):\n{link}\n\nNiet door jou gevraagd? Dan kun je deze "
                              "mail negeren; er verandert niets.",
    "mail.email_change_taken.subject": "Iemand wilde dit e-mailadres aan een CloudCV-account koppelen",
    "mail.email_change_taken.body": "Hallo,\n\nIemand probeerde dit adres aan een ander "
                                    "CloudCV-account te koppelen. Er bestaat al een account met "
                                    "dit adres, dus er is niets veranderd. Was jij dit niet? Dan "
                                    "hoef je niets te doen.",
    "mail.email_changed.subject": "Het e-mailadres van je CloudCV-account is gewijzigd",
    "mail.email_changed.body": "Hallo {name},\n\nHet e-mailadres van je CloudCV-account is "
                               "gewijzigd naar {new_email}. Mails over je account gaan voortaan "
                               "daarheen.\n\nHeb jij dit niet gedaan? Neem dan direct contact met "
                               "ons op.",
}

EN = {
    "mail.request_code.subject": "Your code for your request at CloudCV",
    "mail.request_code.body": "Hello {name},\n\nSomeone (hopefully you) submitted a request for this "
                              "account at cloudcv.nl/verzoek: {right}.\n\nYour code: {code}\n\n"
                              "The code is valid for {minutes} minutes. Not you? Then you do not "
                              "need to do anything: without the code nothing happens.",
    "mail.request_received.subject": "We received your request (number {reference})",
    "mail.request_received.body": "Hello {name},\n\nWe received your request: {right}.\nNumber: "
                                  "{reference}\n\nWe will respond by {due}. If your request is "
                                  "complex we may extend this once by 4 weeks; we will tell you "
                                  "before that date.",
    "mail.objection_received.subject": "We received your objection (number {reference})",
    "mail.objection_received.body": "Hello {name},\n\nYou objected to: {what}.\n\nWe will weigh the "
                                    "interests again with your reasons and tell you our decision "
                                    "by {due}.",
    "mail.objection_upheld.subject": "Your objection to marketing has been processed",
    "mail.objection_upheld.body": "Hello {name},\n\nYou objected to: {what}.\nIt took effect at once "
                                  "(number {reference}): you will get no more marketing from us. "
                                  "Messages about your account and the Service continue.",
    "mail.email_change.subject": "Confirm your new email address for CloudCV",
    "mail.email_change.body": "Hello {name},\n\nYou want to use this address for your CloudCV "
                              "account. Confirm it with this link (valid for 24 hours, works "
                              "once):\n{link}\n\nNot you? Then ignore this mail; nothing changes.",
    "mail.email_change_taken.subject": "Someone tried to link this email address to a CloudCV account",
    "mail.email_change_taken.body": "Hello,\n\nSomeone tried to link this address to another "
                                    "CloudCV account. An account with this address already "
                                    "exists, so nothing changed. Not you? Then you do not need to "
                                    "do anything.",
    "mail.email_changed.subject": "The email address of your CloudCV account was changed",
    "mail.email_changed.body": "Hello {name},\n\nThe email address of your CloudCV account was "
                               "changed to {new_email}. Mail about your account goes there from "
                               "now on.\n\nNot you? Contact us immediately.",
}
