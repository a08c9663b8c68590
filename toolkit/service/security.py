"""Signing (sessions, CSRF), the coordinator's password hash, and a per-token rate limit."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque

from toolkit.config import Config
from toolkit.errors import ToolkitError

SESSION_SECONDS = 8 * 3600
_SCRYPT = (2**14, 8, 1)


def load_secret(cfg: Config) -> bytes:
    """The signing secret: [server] secret_file, else TOOLKIT_SECRET; refuses one shorter than 32 characters."""
    if cfg.server_secret_file is not None:
        text = cfg.server_secret_file.read_text(encoding="utf-8").strip()
    else:
        text = os.environ.get("TOOLKIT_SECRET", "").strip()
    if len(text) < 32:
        raise ToolkitError("service.tokens.no_secret")
    return text.encode("utf-8")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` for [server] coordinator_password_hash."""
    n, r, p = _SCRYPT
    salt = salt or secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, key = stored.split("$")
        got = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(key) // 2
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), key)


class Signer:
    """HMAC-SHA256 over text with the service's secret."""

    def __init__(self, secret: bytes):
        self._secret = secret

    def mac(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def session(self, user: str, now: float) -> str:
        body = f"{user}|{int(now)}"
        return f"{body}|{self.mac('session|' + body)}"

    def session_user(self, cookie: str | None, now: float) -> str | None:
        """The user a session cookie names, when it is ours and younger than SESSION_SECONDS."""
        if not cookie or cookie.count("|") != 2:
            return None
        user, stamp, mac = cookie.split("|")
        if not hmac.compare_digest(mac, self.mac(f"session|{user}|{stamp}")) or not stamp.isdigit():
            return None
        return user if 0 <= now - int(stamp) < SESSION_SECONDS else None

    def csrf(self, seed: str, purpose: str) -> str:
        """The form value belonging to the browser's CSRF cookie ``seed`` (double submit, signed)."""
        return self.mac(f"csrf|{purpose}|{seed}")

    def csrf_ok(self, seed: str | None, purpose: str, value: str | None) -> bool:
        if not seed or not value:
            return False
        return hmac.compare_digest(self.csrf(seed, purpose), value)


class RateLimit:
    """At most ``per_minute`` requests per key in any 60 seconds (in this process: one instance's count)."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            q = self._seen.setdefault(key, deque())
            while q and now - q[0] >= 60:
                q.popleft()
            if len(q) >= self.per_minute:
                return False
            q.append(now)
            return True
