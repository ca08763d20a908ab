"""The privacy statement enforced: consent, export, erasure, retention, restriction,
objections, data requests, the statement itself and the Art. 30 register. Everything
here reads the one personal-data registry in ``cloudcv.models.registry``."""
