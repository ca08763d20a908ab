"""The admin request queue (/beheer/verzoeken) and its mails."""

NL = {
    "admin.nav.requests": "Verzoeken",
    "admin.stat.open_requests": "Open verzoeken",
    "admin.stat.overdue": "Te laat",
    "requests.lead": "Elk verzoek krijgt binnen 4 weken antwoord. Verlengen kan één keer met maximaal 4 weken, "
                     "alleen vóór de eerste termijn verloopt en met een reden; de gebruiker krijgt direct bericht.",
    "requests.open": "Openstaand",
    "requests.all": "Alle",
    "requests.received": "Ontvangen",
    "requests.due": "Uiterlijk",
    "requests.overdue": "Termijn verstreken",
    "requests.extended": "Verlengd",
    "requests.motivation": "Motivering van de gebruiker",
    "requests.details": "Toelichting",
    "requests.extend_reason": "Reden voor verlenging",
    "requests.extend": "Met 4 weken verlengen",
    "requests.decision_reason": "Besluit en motivering",
    "requests.decide": "Besluit vastleggen",
    "requests.decision.done": "Afgehandeld",
    "requests.decision.upheld": "Bezwaar toegewezen",
    "requests.decision.rejected": "Afgewezen",
    "requests.error.already_extended": "Dit verzoek is al eens verlengd; een tweede verlenging is niet toegestaan.",
    "requests.error.deadline_passed": "De eerste termijn is verstreken; verlengen kan alleen daarvoor.",
    "mail.request_extended.subject": "We hebben meer tijd nodig voor je verzoek",
    "mail.request_extended.body": "Hallo,\n\nJe verzoek ({request_kind}) is complex. Zoals onze privacyverklaring toestaat "
                                  "verlengen we de termijn eenmalig met 4 weken, tot uiterlijk {until}.\n\n"
                                  "Reden: {reason}",
    "mail.request_decided.subject": "Besluit over je verzoek",
    "mail.request_decided.body": "Hallo,\n\nWe hebben je verzoek ({request_kind}) behandeld.\n\nBesluit: {decision}\n"
                                 "Motivering: {reason}",
}

EN = {
    "admin.nav.requests": "Requests",
    "admin.stat.open_requests": "Open requests",
    "admin.stat.overdue": "Overdue",
    "requests.lead": "Every request is answered within 4 weeks. It can be extended once by at most 4 weeks, only "
                     "before the first deadline passes and with a reason; the user is told at once.",
    "requests.open": "Open",
    "requests.all": "All",
    "requests.received": "Received",
    "requests.due": "Due",
    "requests.overdue": "Overdue",
    "requests.extended": "Extended",
    "requests.motivation": "The user's motivation",
    "requests.details": "Details",
    "requests.extend_reason": "Reason for the extension",
    "requests.extend": "Extend by 4 weeks",
    "requests.decision_reason": "Decision and reasoning",
    "requests.decide": "Record decision",
    "requests.decision.done": "Handled",
    "requests.decision.upheld": "Objection upheld",
    "requests.decision.rejected": "Rejected",
    "requests.error.already_extended": "This request was extended before; a second extension is not allowed.",
    "requests.error.deadline_passed": "The first deadline has passed; an extension is only possible before it.",
    "mail.request_extended.subject": "We need more time for your request",
    "mail.request_extended.body": "Hello,\n\nYour request ({request_kind}) is complex. As our privacy statement allows, we "
                                  "extend the deadline once by 4 weeks, to {until} at the latest.\n\nReason: {reason}",
    "mail.request_decided.subject": "Decision on your request",
    "mail.request_decided.body": "Hello,\n\nWe have handled your request ({request_kind}).\n\nDecision: {decision}\n"
                                 "Reasoning: {reason}",
}
