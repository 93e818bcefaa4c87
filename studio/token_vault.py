"""Secrets the studio keeps for a seller (ad-platform tokens), encrypted at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``). The key: ``STUDIO_TOKEN_KEY`` — a
Fernet key (``python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"``), or several separated by commas: the first
encrypts, every one decrypts, so a key is rotated by putting the new one first. Without it
the key is derived from ``STUDIO_SECRET_KEY`` (HKDF-SHA256), so changing that secret makes
every stored token unreadable: the accounts then ask to be reconnected.

A token is only ever decrypted to call its platform; it is never logged, never returned by
the API, and every message a platform sends back passes :func:`redact` first.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic_settings import BaseSettings, SettingsConfigDict

_INFO = b"studio ad-platform tokens v1"


class VaultSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STUDIO_", env_file=".env",
                                      env_file_encoding="utf-8", extra="ignore")

    token_key: str = ""
    secret_key: str = "change-me-in-production"


class TokenUnreadable(ValueError):
    """The stored token cannot be decrypted with today's key (the key changed)."""


def _derived(secret: str) -> bytes:
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


@lru_cache(maxsize=4)
def _vault(token_key: str, secret_key: str) -> MultiFernet:
    keys = [k.strip() for k in token_key.split(",") if k.strip()]
    try:
        fernets = [Fernet(k.encode("ascii")) for k in keys] or [Fernet(_derived(secret_key))]
    except ValueError:
        raise ValueError("STUDIO_TOKEN_KEY must be a Fernet key (32 url-safe base64 bytes), "
                         "or several separated by commas") from None
    return MultiFernet(fernets)


def vault() -> MultiFernet:
    settings = VaultSettings()
    return _vault(settings.token_key, settings.secret_key)


def encrypt(token: str) -> str:
    return vault().encrypt(token.encode("utf-8")).decode("ascii")


def decrypt(ciphertext: str) -> str:
    try:
        return vault().decrypt(ciphertext.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        raise TokenUnreadable("the stored token cannot be read with this studio's key") \
            from None


def hint(token: str) -> str:
    """What a seller may see of a token: its last four characters."""
    return token[-4:] if len(token) >= 12 else ""


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret (and its URL-encoded form) replaced by ``[token]``."""
    from urllib.parse import quote

    for secret in secrets:
        if secret and len(secret) >= 4:
            for form in {secret, quote(secret, safe="")}:
                text = text.replace(form, "[token]")
    return text
