"""Cost of sealed columns (P28) on the editor: one ``save_field`` of a sealed and of a clear
field (a fresh session and commit each, as the app does) and one PDF render, N times, on a
SQLite file. Run it against a checkout without sealing for the "before" figure:

    .venv/bin/python bench/sealed.py                       # this checkout
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/sealed.py
"""

import os
import statistics
import sys
import tempfile
import time

os.environ["CLOUDCV_DATA_DIR"] = tempfile.mkdtemp(prefix="cloudcv-bench-")
os.environ.setdefault("CLOUDCV_SECRET_KEY", "bench")

from cloudcv.models import User  # noqa: E402
from cloudcv.services.core import db  # noqa: E402
from cloudcv.services.cv import cvs, rendering  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300


def main() -> None:
    db.migrate()

    def seed(s):
        user = User(email="bench@example.nl", name="Bench Mark", password_hash="x")
        s.add(user)
        s.commit()
        cv_id = cvs.create_cv(s, user_id=user.id, title="Bench")
        for name, value in (("nationality", "Nederlandse"), ("gender", "vrouw"),
                            ("marital_status", "gehuwd"), ("city", "Utrecht")):
            cvs.set_field(s, user_id=user.id, cv_id=cv_id, name=name, value=value)
        cvs.set_birth_date(s, user_id=user.id, cv_id=cv_id, value="01-02-1990")
        cvs.set_licences(s, user_id=user.id, cv_id=cv_id, licences=["B"])
        return user.id, cv_id

    user_id, cv_id = db.run(seed)
    timings = {"save_field sealed (nationality)": [], "save_field clear (city)": [],
               "render_pdf": []}
    for i in range(N):
        for label, name in (("save_field sealed (nationality)", "nationality"),
                            ("save_field clear (city)", "city")):
            start = time.perf_counter()
            db.run(cvs.set_field, user_id=user_id, cv_id=cv_id, name=name, value=f"waarde {i}")
            timings[label].append(time.perf_counter() - start)
        start = time.perf_counter()
        db.run(rendering.render_pdf, user_id=user_id, cv_id=cv_id)
        timings["render_pdf"].append(time.perf_counter() - start)
    print(f"{cvs.__file__}  N={N}")
    for label, values in timings.items():
        values.sort()
        print(f"{label:34} median {statistics.median(values) * 1000:6.2f} ms  "
              f"p90 {values[int(len(values) * 0.9)] * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
