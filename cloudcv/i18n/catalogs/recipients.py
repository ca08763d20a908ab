"""The recipients card in the editor, the mail with a personal link, the shared page
(/gedeeld/...) and the labels of the sharing tables (models/sharing.py)."""

NL = {
    "table.share_link": "Persoonlijke links naar uw cv",
    "table.share_snapshot": "Kopie van uw cv zoals verstuurd",
    "table.share_access": "Wanneer uw gedeelde cv is bekeken",
    "table.share_hit": "Aanvragen van gedeelde cv's per IP-adres (versleuteld)",
    "cat.share_link": "verstuurde links (ontvanger, verstuurd, geldig tot, ingetrokken)",
    "cat.share_views": "wanneer een link is bekeken of de pdf is gedownload, en het soort apparaat",
    "error.too_many_recipients": "Een cv kan maximaal {max} ontvangers hebben.",
    "error.too_many_sends": "Je kunt maximaal {max} links per dag versturen.",
    "mail.cv_shared.subject": "{sender} deelt een cv met u",
    "mail.cv_shared.body": "Beste {recipient},\n\n{sender} deelt via CloudCV.nl een cv met u. "
                           "U kunt het bekijken en als pdf downloaden via deze persoonlijke "
                           "link (geldig tot {until}):\n{link}\n\nU heeft geen account nodig. "
                           "De link is alleen voor u bedoeld; {sender} kan hem op elk moment "
                           "intrekken. Wij gebruiken uw e-mailadres alleen voor deze e-mail.",
    "shared.title": "Cv van {sender}",
    "shared.lead": "{sender} heeft dit cv met u gedeeld via CloudCV.nl. De link is geldig tot "
                   "{until}.",
    "shared.download": "Download als pdf",
    "shared.preview_alt": "Het gedeelde cv",
    "shared.privacy": "Deze pagina wordt niet door zoekmachines opgenomen. Wij plaatsen geen "
                      "cookies en slaan uw IP-adres niet op.",
    "shared.gone.title": "Deze link werkt niet (meer)",
    "shared.gone.invalid": "Deze link is niet geldig, of het cv is niet meer beschikbaar.",
    "shared.gone.revoked": "De afzender heeft deze link ingetrokken.",
    "shared.gone.expired": "Deze link is verlopen.",
    "shared.gone.unavailable": "Dit cv is op dit moment niet beschikbaar.",
    "shared.throttled": "Te veel aanvragen vanaf dit adres. Probeer het over een paar minuten "
                        "opnieuw.",
    "recipients.title": "Ontvangers",
    "recipients.lead": "Verstuur dit cv als persoonlijke link. Ontvangers hebben geen account "
                       "nodig; je ziet wanneer ze het bekijken en kunt elke link intrekken.",
    "recipients.name": "Naam ontvanger",
    "recipients.organisation": "Organisatie",
    "recipients.email": "E-mailadres ontvanger",
    "recipients.note": "Notitie (alleen voor jou)",
    "recipients.add": "Ontvanger toevoegen",
    "recipients.save": "Opslaan",
    "recipients.cancel": "Annuleren",
    "recipients.edit": "Wijzigen",
    "recipients.remove": "Verwijderen",
    "recipients.send": "Versturen",
    "recipients.follow": "Link toont latere wijzigingen",
    "recipients.follow_hint": "Uit: de ontvanger ziet het cv zoals het was bij versturen.",
    "recipients.empty": "Nog geen ontvangers.",
    "recipients.sent": "Link verstuurd naar {name}.",
    "recipients.links": "Verstuurde links",
    "recipients.revoke": "Intrekken",
    "recipients.revoke_all": "Alle links intrekken",
    "recipients.revoked_all": "{count} link(s) ingetrokken.",
    "recipients.link_line": "Aan {name}, verstuurd {sent}, geldig tot {until}",
    "recipients.status.live": "actief",
    "recipients.status.expired": "verlopen",
    "recipients.status.revoked": "ingetrokken",
    "recipients.access.view": "bekeken op {when}",
    "recipients.access.pdf": "pdf gedownload op {when}",
    "recipients.device.desktop": "computer",
    "recipients.device.mobile": "telefoon",
    "recipients.device.tablet": "tablet",
    "recipients.never_opened": "Nog niet geopend.",
    "admin.forget_recipient.title": "Ontvanger wissen op eigen verzoek",
    "admin.forget_recipient.lead": "Vraagt iemand die geen gebruiker is om zijn adres te "
                                   "wissen? Dit wist het adres bij alle cv's van alle "
                                   "gebruikers, met elke link die ernaar is verstuurd.",
    "admin.forget_recipient.email": "E-mailadres van de ontvanger",
    "admin.forget_recipient.submit": "Overal wissen",
    "admin.recipient_forgotten": "{count} ontvanger(s) gewist.",
}

EN = {
    "table.share_link": "Personal links to your CV",
    "table.share_snapshot": "Copy of your CV as sent",
    "table.share_access": "When your shared CV was viewed",
    "table.share_hit": "Requests for shared CVs per IP address (hashed)",
    "cat.share_link": "links sent (recipient, sent, valid until, revoked)",
    "cat.share_views": "when a link was viewed or the PDF downloaded, and the kind of device",
    "error.too_many_recipients": "A CV can have at most {max} recipients.",
    "error.too_many_sends": "You can send at most {max} links a day.",
    "mail.cv_shared.subject": "{sender} shares a CV with you",
    "mail.cv_shared.body": "Dear {recipient},\n\n{sender} shares a CV with you through "
                           "CloudCV.nl. You can view it and download it as a PDF through this "
                           "personal link (valid until {until}):\n{link}\n\nYou do not need an "
                           "account. The link is meant for you only; {sender} can revoke it at "
                           "any time. We use your e-mail address for this e-mail only.",
    "shared.title": "CV of {sender}",
    "shared.lead": "{sender} shared this CV with you through CloudCV.nl. The link is valid "
                   "until {until}.",
    "shared.download": "Download as PDF",
    "shared.preview_alt": "The shared CV",
    "shared.privacy": "Search engines do not index this page. We set no cookies and do not "
                      "store your IP address.",
    "shared.gone.title": "This link does not work (any more)",
    "shared.gone.invalid": "This link is not valid, or the CV is no longer available.",
    "shared.gone.revoked": "The sender has revoked this link.",
    "shared.gone.expired": "This link has expired.",
    "shared.gone.unavailable": "This CV is not available at the moment.",
    "shared.throttled": "Too many requests from this address. Try again in a few minutes.",
    "recipients.title": "Recipients",
    "recipients.lead": "Send this CV as a personal link. Recipients need no account; you see "
                       "when they view it and can revoke every link.",
    "recipients.name": "Recipient's name",
    "recipients.organisation": "Organisation",
    "recipients.email": "Recipient's e-mail address",
    "recipients.note": "Note (only for you)",
    "recipients.add": "Add recipient",
    "recipients.save": "Save",
    "recipients.cancel": "Cancel",
    "recipients.edit": "Edit",
    "recipients.remove": "Remove",
    "recipients.send": "Send",
    "recipients.follow": "Link shows later edits",
    "recipients.follow_hint": "Off: the recipient sees the CV as it was when sent.",
    "recipients.empty": "No recipients yet.",
    "recipients.sent": "Link sent to {name}.",
    "recipients.links": "Links sent",
    "recipients.revoke": "Revoke",
    "recipients.revoke_all": "Revoke all links",
    "recipients.revoked_all": "{count} link(s) revoked.",
    "recipients.link_line": "To {name}, sent {sent}, valid until {until}",
    "recipients.status.live": "active",
    "recipients.status.expired": "expired",
    "recipients.status.revoked": "revoked",
    "recipients.access.view": "viewed on {when}",
    "recipients.access.pdf": "PDF downloaded on {when}",
    "recipients.device.desktop": "computer",
    "recipients.device.mobile": "phone",
    "recipients.device.tablet": "tablet",
    "recipients.never_opened": "Not opened yet.",
    "admin.forget_recipient.title": "Erase a recipient on their own request",
    "admin.forget_recipient.lead": "Someone who is not a user asks us to erase their address? "
                                   "This erases it from every CV of every user, with every "
                                   "link sent to it.",
    "admin.forget_recipient.email": "Recipient's e-mail address",
    "admin.forget_recipient.submit": "Erase everywhere",
    "admin.recipient_forgotten": "{count} recipient(s) erased.",
}
