"""Backups (P27): the rotation on /privacy and in the register, and the restore's refusals."""

NL = {
    "backup.rotation": "Back-ups worden versleuteld bewaard en na {period} vervangen; wat u "
                       "laat wissen, blijft dus hooguit {period} in een back-up bestaan en "
                       "wordt bij het terugzetten van een back-up opnieuw gewist.",
    "sec.backups_rotation": "Versleutelde back-ups op een tweede Nederlandse locatie, na {period} "
                            "vervangen; gewiste gegevens en afmeldingen worden na het "
                            "terugzetten opnieuw toegepast",
    "backup.error.not_backup": "Dit is geen back-upbestand van CloudCV.",
    "backup.error.not_found": "Het back-upbestand {path} is niet te lezen.",
    "backup.error.tampered": "Het back-upbestand is beschadigd of gewijzigd en wordt niet "
                             "teruggezet. De database is niet veranderd.",
    "backup.error.truncated": "Het back-upbestand is onvolledig (afgebroken) en wordt niet "
                              "teruggezet. De database is niet veranderd.",
    "backup.error.key": "Het back-upbestand is versleuteld met sleutel {key_id}, die niet is "
                        "ingesteld. De database is niet veranderd.",
    "backup.error.kind": "Deze back-up is van een {found}-database, niet van {expected}.",
    "backup.error.journal": "Het wisjournaal is beschadigd ({detail}); zonder journaal wordt "
                            "niets teruggezet.",
    "backup.error.journal_behind": "Het wisjournaal is ouder dan de back-up (regel {n} "
                                   "ontbreekt of verschilt); er wordt niets teruggezet.",
    "backup.error.dump": "Het maken van de back-up is mislukt: {detail}",
    "backup.error.load": "Het terugzetten is mislukt en teruggedraaid; de database is niet "
                         "veranderd: {detail}",
    "backup.error.no_file": "Een database in het geheugen heeft geen bestand om te "
                            "back-uppen.",
    "backup.error.busy": "Er wordt al een back-up gemaakt. Probeer het later opnieuw.",
    "error.journal_unavailable": "Dit kon nu niet veilig worden vastgelegd, dus er is niets "
                                 "gewijzigd. Probeer het later opnieuw.",
}

EN = {
    "backup.rotation": "Backups are kept encrypted and replaced after {period}; what you have "
                       "erased therefore survives in a backup for at most {period} and is "
                       "erased again whenever a backup is restored.",
    "sec.backups_rotation": "Encrypted backups at a second Dutch location, replaced after "
                            "{period}; erasures and unsubscribes are re-applied after a restore",
    "backup.error.not_backup": "This is not a CloudCV backup file.",
    "backup.error.not_found": "The backup file {path} cannot be read.",
    "backup.error.tampered": "The backup file is damaged or altered and is not restored. The "
                             "database has not changed.",
    "backup.error.truncated": "The backup file is incomplete (cut short) and is not restored. "
                              "The database has not changed.",
    "backup.error.key": "The backup file is encrypted with key {key_id}, which is not configured. "
                        "The database has not changed.",
    "backup.error.kind": "This backup is of a {found} database, not {expected}.",
    "backup.error.journal": "The erasure journal is damaged ({detail}); nothing is restored "
                            "without it.",
    "backup.error.journal_behind": "The erasure journal is older than the backup (line {n} is "
                                   "missing or differs); nothing is restored.",
    "backup.error.dump": "Taking the backup failed: {detail}",
    "backup.error.load": "The restore failed and was rolled back; the database has not "
                         "changed: {detail}",
    "backup.error.no_file": "An in-memory database has no file to back up.",
    "backup.error.busy": "A backup is already being taken. Try again later.",
    "error.journal_unavailable": "This could not be recorded safely right now, so nothing has "
                                 "changed. Please try again later.",
}
