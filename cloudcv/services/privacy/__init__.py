"""The privacy statement enforced. Everything here reads the one personal-data registry
(``cloudcv.models.registry``; each table's entry sits above its model class in
``cloudcv/models/<domain>.py``), so no module lists tables by hand.

- ``export`` (Art. 20), ``erasure`` (Art. 17), ``holdings`` + ``overview_pdf`` ("Mijn gegevens")
- ``retention``: the registry-driven sweep and its lease; ``account_retention``: the
  ``agreement_end`` rule with the keep-account mails; ``retention_runs``: the sweep's log and
  the admins' view of it; ``rounds``: one round (sweep + statement mails) for every caller
- ``statement`` (/privacy, versions, change mails), ``register`` (Art. 30), ``processors``
- ``consent`` (cookies), ``restriction`` (Art. 18), ``objections`` (Art. 21),
  ``data_requests`` (the §7 queue)
- ``marketing``: news opt-ins, who may get marketing mail, one-click unsubscribe (the
  suppression list itself is ``core/suppression.py``; campaigns ``admin/campaigns.py``)
"""
