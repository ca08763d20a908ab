"""Registering, logging in and out, password reset, e-mail verification, and the form texts they share."""

NL = {
    "form.name": "Naam",
    "form.email": "E-mailadres",
    "form.password": "Wachtwoord",
    "form.new_password": "Nieuw wachtwoord",
    "form.password_hint": "Minstens 10 tekens. Een zin van een paar woorden werkt goed.",
    "form.required_hint": "Alleen je naam en e-mailadres zijn verplicht om CloudCV te gebruiken.",
    "form.busy": "Even geduld…",
    "register.title": "Account aanmaken",
    "register.submit": "Account aanmaken",
    "register.have_account": "Heb je al een account? Inloggen",
    "register.done_title": "Controleer je e-mail",
    "register.done": "We hebben een bevestigingslink gestuurd naar {email}. Klik op de link om je "
                     "account te activeren. Geen mail ontvangen? Kijk in je spam-map.",
    "login.title": "Inloggen",
    "login.submit": "Inloggen",
    "login.forgot": "Wachtwoord vergeten?",
    "login.no_account": "Nog geen account? Registreren",
    "forgot.title": "Wachtwoord vergeten",
    "forgot.lead": "Vul je e-mailadres in. Als er een account bij hoort, sturen we je een link "
                   "om een nieuw wachtwoord in te stellen.",
    "forgot.submit": "Herstellink versturen",
    "forgot.done": "Als er een account bij {email} hoort, is er nu een herstellink onderweg. "
                   "De link is 1 uur geldig en werkt één keer.",
    "reset.title": "Nieuw wachtwoord instellen",
    "reset.submit": "Wachtwoord opslaan",
    "reset.done": "Je wachtwoord is gewijzigd. Je bent op alle apparaten uitgelogd; log opnieuw in.",
    "verify.title": "E-mailadres bevestigen",
    "verify.busy": "Bezig met bevestigen…",
    "verify.done": "Je e-mailadres is bevestigd. Je kunt nu inloggen.",
    "logout.done": "Je bent uitgelogd.",
    "logout_all.done": "Je bent op alle apparaten uitgelogd.",
}

EN = {
    "form.name": "Name",
    "form.email": "Email address",
    "form.password": "Password",
    "form.new_password": "New password",
    "form.password_hint": "At least 10 characters. A sentence of a few words works well.",
    "form.required_hint": "Only your name and email address are required to use CloudCV.",
    "form.busy": "Please wait…",
    "register.title": "Create an account",
    "register.submit": "Create account",
    "register.have_account": "Already have an account? Log in",
    "register.done_title": "Check your email",
    "register.done": "We sent a confirmation link to {email}. Click it to activate your account. "
                     "No mail? Check your spam folder.",
    "login.title": "Log in",
    "login.submit": "Log in",
    "login.forgot": "Forgot your password?",
    "login.no_account": "No account yet? Sign up",
    "forgot.title": "Forgot password",
    "forgot.lead": "Enter your email address. If it belongs to an account, we will send you a "
                   "link to set a new password.",
    "forgot.submit": "Send reset link",
    "forgot.done": "If {email} belongs to an account, a reset link is on its way. It is valid "
                   "for 1 hour and works once.",
    "reset.title": "Set a new password",
    "reset.submit": "Save password",
    "reset.done": "Your password has been changed. You have been logged out everywhere; please log in again.",
    "verify.title": "Confirm email address",
    "verify.busy": "Confirming…",
    "verify.done": "Your email address is confirmed. You can log in now.",
    "logout.done": "You have been logged out.",
    "logout_all.done": "You have been logged out on all devices.",
}
