"""Runtime settings, read from the environment once.

Everything a deployment changes lives here, so the embedded default (SQLite file, disk
state, mail outbox) and the scale-out setup (PostgreSQL, Redis, SMTP) run the same code:

- ``REFLEX_DB_URL``      database URL (default: SQLite at ``data/cloudcv.db``)
- ``REFLEX_REDIS_URL``   Reflex state in Redis (read by Reflex itself)
- ``CLOUDCV_SECRET_KEY`` signing key; otherwise generated once into ``data/secret_key`` (0600)
- ``CLOUDCV_SMTP_URL``   ``smtp://user:pass@host:port`` (``smtps://`` for TLS); unset = outbox only
- ``CLOUDCV_BASE_URL``   public URL used in mailed links (default http://localhost:3000)
- ``CLOUDCV_GEOIP_DB``   path to a GeoLite2-City database for login places (optional)
- ``CLOUDCV_DATA_DIR``   where the SQLite file, the key and private files live (default ``data/``)
- ``CLOUDCV_CONTACT_EMAIL`` contact address shown to users (default info@cloudcv.nl)
- ``CLOUDCV_MAIL_FROM``  sender of every mail (default ``CloudCV.nl <no-reply@cloudcv.nl>``)
- ``CLOUDCV_ENCRYPTION_KEYS`` sealing keys ``id:key,…`` (``cloudcv/keys.py``); otherwise ``data/encryption_keys``
- ``CLOUDCV_BACKUP_DIR`` encrypted backups and the erasure journal (default ``data/backups/``)
- ``CLOUDCV_BACKUP_KEEP`` how many backups are kept, newest first (default 14)
- ``CLOUDCV_BACKUP_INTERVAL`` seconds between scheduled backups (default 86400: daily)
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """The deployment's settings (see the module docstring for the variables)."""

    data_dir: Path
    db_url: str
    redis_url: str | None
    smtp_url: str | None
    base_url: str
    geoip_db: str | None
    contact_email: str
    mail_from: str
    backup_dir: Path
    backup_keep: int
    backup_interval: float

    @property
    def https(self) -> bool:
        """Cookies get the Secure flag when the public URL is https."""
        return self.base_url.startswith("https://")

    def secret_key(self) -> str:
        """The signing key: from the environment, else generated once into data/ (mode 0600)."""
        env = os.environ.get("CLOUDCV_SECRET_KEY")
        if env:
            return env
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings, read from the environment on first call and cached for the process."""
    data_dir = Path(os.environ.get("CLOUDCV_DATA_DIR", ROOT / "data")).resolve()
    db_url = os.environ.get("REFLEX_DB_URL") or f"sqlite:///{data_dir / 'cloudcv.db'}"
    return Settings(
        data_dir=data_dir,
        db_url=db_url,
        redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
        smtp_url=os.environ.get("CLOUDCV_SMTP_URL") or None,
        base_url=os.environ.get("CLOUDCV_BASE_URL", "http://localhost:3000").rstrip("/"),
        geoip_db=os.environ.get("CLOUDCV_GEOIP_DB") or None,
        contact_email=os.environ.get("CLOUDCV_CONTACT_EMAIL", "info@cloudcv.nl"),
        mail_from=os.environ.get("CLOUDCV_MAIL_FROM", "CloudCV.nl <no-reply@cloudcv.nl>"),
        backup_dir=Path(os.environ.get("CLOUDCV_BACKUP_DIR") or data_dir / "backups").resolve(),
        backup_keep=max(1, int(os.environ.get("CLOUDCV_BACKUP_KEEP", "14"))),
        backup_interval=max(60.0, float(os.environ.get("CLOUDCV_BACKUP_INTERVAL", "86400"))),
    )
