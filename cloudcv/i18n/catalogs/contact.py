"""The contact form and its admin page."""

NL = {
    "contact.title": "Contact",
    "contact.lead": "Vragen, problemen of opmerkingen? Stuur ons een bericht of mail naar {email}. "
                    "We antwoorden zo snel mogelijk.",
    "contact.organisation": "Organisatie (optioneel)",
    "contact.message": "Je vraag of opmerking",
    "contact.privacy": "We gebruiken je gegevens alleen om je vraag te beantwoorden en bewaren ze tot "
                       "uiterlijk 2 maanden nadat je vraag is afgehandeld.",
    "contact.submit": "Versturen",
    "contact.done": "Bedankt! We hebben je vraag ontvangen en sturen een bevestiging naar {email}.",
    "nav.contact": "Contact",
    "admin.nav.contact": "Contactvragen",
    "admin.contact.open": "Openstaand",
    "admin.contact.all": "Alle",
    "admin.contact.answer": "Antwoord",
    "admin.contact.send_answer": "Antwoord versturen",
    "admin.contact.mark_handled": "Afgehandeld zonder antwoord",
    "admin.contact.handled": "Afgehandeld",
    "mail.contact_received.subject": "We hebben je vraag ontvangen",
    "mail.contact_received.body": "Hallo {name},\n\nBedankt voor je bericht. We antwoorden zo snel mogelijk. "
                                  "We bewaren je vraag tot uiterlijk 2 maanden nadat die is afgehandeld.",
    "mail.contact_staff.subject": "Nieuwe contactvraag #{question_id}",
    "mail.contact_staff.body": "Nieuwe vraag van {name} <{email}>. Beantwoord via /beheer/contact.",
    "mail.contact_answer.subject": "Antwoord op je vraag aan CloudCV",
    "mail.contact_answer.body": "Hallo {name},\n\n{answer}\n\nJe vraag was:\n{question}",
}

EN = {
    "contact.title": "Contact",
    "contact.lead": "Questions, problems or comments? Send us a message or email {email}. "
                    "We answer as soon as we can.",
    "contact.organisation": "Organisation (optional)",
    "contact.message": "Your question or comment",
    "contact.privacy": "We use your details only to answer your question and keep them until at most "
                       "2 months after your question has been handled.",
    "contact.submit": "Send",
    "contact.done": "Thank you! We received your question and are sending a confirmation to {email}.",
    "nav.contact": "Contact",
    "admin.nav.contact": "Contact questions",
    "admin.contact.open": "Open",
    "admin.contact.all": "All",
    "admin.contact.answer": "Answer",
    "admin.contact.send_answer": "Send answer",
    "admin.contact.mark_handled": "Handled without answer",
    "admin.contact.handled": "Handled",
    "mail.contact_received.subject": "We received your question",
    "mail.contact_received.body": "Hello {name},\n\nThank you for your message. We answer as soon as we can. "
                                  "We keep your question until at most 2 months after it has been handled.",
    "mail.contact_staff.subject": "New contact question #{question_id}",
    "mail.contact_staff.body": "New question from {name} <{email}>. Answer via /beheer/contact.",
    "mail.contact_answer.subject": "Answer to your question to CloudCV",
    "mail.contact_answer.body": "Hello {name},\n\n{answer}\n\nYour question was:\n{question}",
}
