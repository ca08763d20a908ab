"""Marketing mail: the news checkbox and form, unsubscribing, the campaign mails and the admin
campaign page (/beheer/campagnes)."""

NL = {
    "table.marketing_opt_in": "Aanmeldingen voor nieuws per mail",
    "marketing.optin.checkbox": "Ja, stuur mij af en toe nieuws over CloudCV per e-mail. "
                                "Afmelden kan altijd, met één klik onder elke mail.",
    "marketing.visitor.consent": "Ik wil nieuws over CloudCV per e-mail ontvangen op dit adres. "
                                 "Ik krijg eerst een mail om dat te bevestigen; afmelden kan altijd.",
    "mail.marketing_consent.subject": "{subject}",
    "mail.marketing_consent.body": "{body}\n\n---\nJe krijgt deze mail omdat je je hebt aangemeld "
                                   "voor nieuws van CloudCV.\nAfmelden met één klik: "
                                   "{unsubscribe_url}",
    "mail.marketing_customer.subject": "{subject}",
    "mail.marketing_customer.body": "{body}\n\n---\nJe krijgt deze mail omdat je klant bent van "
                                    "CloudCV. Wil je dit soort mail niet meer?\nAfmelden met één "
                                    "klik: {unsubscribe_url}",
    "mail.news_confirm.subject": "Bevestig je aanmelding voor nieuws van CloudCV",
    "mail.news_confirm.body": "Hallo {name},\n\nJe (of iemand anders) meldde dit adres aan voor "
                              "nieuws van CloudCV. Bevestig dat via deze link (48 uur geldig):\n"
                              "{link}\n\nNiet aangemeld? Negeer deze mail, dan krijg je niets.",
    "unsubscribe.title": "Afmelden voor nieuws en aanbiedingen",
    "unsubscribe.intro": "Meld je af, dan krijg je op dit adres nooit meer marketingmail van ons. "
                         "Berichten over je account en de Dienst blijf je gewoon ontvangen.",
    "unsubscribe.button": "Afmelden",
    "unsubscribe.done": "Je bent afgemeld. Je krijgt van ons geen marketingmail meer op dit adres.",
    "unsubscribe.invalid": "Deze afmeldlink is ongeldig of verlopen. Mail ons via {contact}, "
                           "dan melden we je af.",
    "news.title": "Nieuws van CloudCV",
    "news.intro": "Vul je gegevens in. Je krijgt eerst een mail met een link om je aanmelding te "
                  "bevestigen.",
    "news.name": "Naam",
    "news.organisation": "Organisatie (niet verplicht)",
    "news.email": "E-mailadres",
    "news.submit": "Aanmelden",
    "news.sent": "Bijna klaar: bevestig je aanmelding via de link in de mail die we je stuurden.",
    "news.confirm_title": "Aanmelding bevestigen",
    "news.confirmed": "Bedankt, je aanmelding is bevestigd.",
    "campaigns.title": "Campagnes",
    "campaigns.subject": "Onderwerp",
    "campaigns.body": "Tekst",
    "campaigns.lang": "Taal",
    "campaigns.create": "Opslaan als concept",
    "campaigns.count": "Deze campagne gaat naar {count} adressen.",
    "campaigns.check": "Aantal ontvangers bekijken",
    "campaigns.send": "Nu versturen",
    "campaigns.sent": "{count} mails in de wachtrij gezet.",
    "campaigns.col.subject": "Onderwerp",
    "campaigns.col.lang": "Taal",
    "campaigns.col.created": "Aangemaakt",
    "campaigns.col.sent": "Verstuurd",
    "campaigns.col.count": "Aantal",
    "campaigns.none": "Nog geen campagnes.",
    "campaigns.selected": "Geselecteerd:",
    "campaigns.select": "Kiezen",
    "campaigns.lang.nl": "Nederlands",
    "campaigns.lang.en": "Engels",
    "admin.nav.campaigns": "Campagnes",
    "mydata.news.title": "Nieuws per e-mail",
    "title.unsubscribe": "Afmelden — CloudCV",
    "title.news": "Nieuws — CloudCV",
    "title.news_confirm": "Aanmelding bevestigen — CloudCV",
    "title.admin_campaigns": "Campagnes — Beheer",
}

EN = {
    "table.marketing_opt_in": "Sign-ups for news by email",
    "marketing.optin.checkbox": "Yes, send me news about CloudCV by email now and then. You can "
                                "unsubscribe at any time, with one click below every mail.",
    "marketing.visitor.consent": "I want to receive news about CloudCV by email at this address. "
                                 "I first get a mail to confirm it; I can unsubscribe at any time.",
    "mail.marketing_consent.subject": "{subject}",
    "mail.marketing_consent.body": "{body}\n\n---\nYou get this mail because you signed up for "
                                   "news from CloudCV.\nUnsubscribe with one click: "
                                   "{unsubscribe_url}",
    "mail.marketing_customer.subject": "{subject}",
    "mail.marketing_customer.body": "{body}\n\n---\nYou get this mail because you are a CloudCV "
                                    "customer. Don't want this kind of mail any more?\n"
                                    "Unsubscribe with one click: {unsubscribe_url}",
    "mail.news_confirm.subject": "Confirm your sign-up for news from CloudCV",
    "mail.news_confirm.body": "Hello {name},\n\nYou (or someone else) signed this address up for "
                              "news from CloudCV. Confirm it with this link (valid for 48 hours):"
                              "\n{link}\n\nDidn't sign up? Ignore this mail and you get nothing.",
    "unsubscribe.title": "Unsubscribe from news and offers",
    "unsubscribe.intro": "Unsubscribe and this address never gets marketing mail from us again. "
                         "Messages about your account and the Service continue as usual.",
    "unsubscribe.button": "Unsubscribe",
    "unsubscribe.done": "You are unsubscribed. This address gets no more marketing mail from us.",
    "unsubscribe.invalid": "This unsubscribe link is invalid or expired. Email us at {contact} "
                           "and we will unsubscribe you.",
    "news.title": "News from CloudCV",
    "news.intro": "Fill in your details. You first get a mail with a link to confirm your sign-up.",
    "news.name": "Name",
    "news.organisation": "Organisation (optional)",
    "news.email": "Email address",
    "news.submit": "Sign up",
    "news.sent": "Almost done: confirm your sign-up with the link in the mail we sent you.",
    "news.confirm_title": "Confirm sign-up",
    "news.confirmed": "Thank you, your sign-up is confirmed.",
    "campaigns.title": "Campaigns",
    "campaigns.subject": "Subject",
    "campaigns.body": "Text",
    "campaigns.lang": "Language",
    "campaigns.create": "Save as draft",
    "campaigns.count": "This campaign goes to {count} addresses.",
    "campaigns.check": "See the number of recipients",
    "campaigns.send": "Send now",
    "campaigns.sent": "{count} mails queued.",
    "campaigns.col.subject": "Subject",
    "campaigns.col.lang": "Language",
    "campaigns.col.created": "Created",
    "campaigns.col.sent": "Sent",
    "campaigns.col.count": "Count",
    "campaigns.none": "No campaigns yet.",
    "campaigns.selected": "Selected:",
    "campaigns.select": "Select",
    "campaigns.lang.nl": "Dutch",
    "campaigns.lang.en": "English",
    "admin.nav.campaigns": "Campaigns",
    "mydata.news.title": "News by email",
    "title.unsubscribe": "Unsubscribe — CloudCV",
    "title.news": "News — CloudCV",
    "title.news_confirm": "Confirm sign-up — CloudCV",
    "title.admin_campaigns": "Campaigns — Admin",
}
