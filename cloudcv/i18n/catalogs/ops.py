"""Admin pages for retention runs and processors."""

NL = {
    "admin.nav.retention": "Bewaartermijnen",
    "admin.nav.processors": "Verwerkers",
    "ops.lead": "Per regel: wat de volgende opruimronde zou verwijderen (proefdraai), wat wordt vastgehouden "
                "door een misbruik-hold, wanneer het volgende item vervalt, en de laatste echte ronde.",
    "ops.run_now": "Nu opruimen",
    "ops.rule": "Gegevens",
    "ops.would_delete": "Zou nu verwijderen",
    "ops.held": "Vastgehouden",
    "ops.next_due": "Volgende vervaldatum",
    "ops.last_run": "Laatste ronde",
    "ops.last_deleted": "Toen verwijderd",
    "ops.busy": "Een andere werker ruimt op dit moment op; probeer het zo opnieuw.",
    "ops.ran": "Opruimronde klaar: {rows} rijen verwijderd of geanonimiseerd.",
    "ops.processors_lead": "Verwerkers (§4.1) en hostinglocaties (§1). Leg per verwerker de datum van de "
                           "verwerkersovereenkomst vast en welke gegevens hij ontvangt.",
    "ops.processor_name": "Naam van de verwerker",
    "ops.agreement_date": "Verwerkersovereenkomst (dd-mm-jjjj)",
    "ops.data_received": "Ontvangen gegevens",
    "ops.not_applicable": "nvt",
}

EN = {
    "admin.nav.retention": "Retention",
    "admin.nav.processors": "Processors",
    "ops.lead": "Per rule: what the next sweep would delete (dry run), what an abuse hold keeps, when the next "
                "item falls due, and the last real run.",
    "ops.run_now": "Sweep now",
    "ops.rule": "Data",
    "ops.would_delete": "Would delete now",
    "ops.held": "Held",
    "ops.next_due": "Next due",
    "ops.last_run": "Last run",
    "ops.last_deleted": "Deleted then",
    "ops.busy": "Another worker is sweeping right now; try again shortly.",
    "ops.ran": "Sweep finished: {rows} rows deleted or anonymised.",
    "ops.processors_lead": "Processors (§4.1) and hosting locations (§1). Record for each processor the date of "
                           "the processing agreement and which data it receives.",
    "ops.processor_name": "Processor name",
    "ops.agreement_date": "Processing agreement (dd-mm-yyyy)",
    "ops.data_received": "Data received",
    "ops.not_applicable": "n/a",
}
