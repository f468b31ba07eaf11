"""Secret subscription tokens: one per feed, stored only as a SHA-256 hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from tinydb import Query

from duban.core.dates import now
from duban.core.store import Database

TABLE = "calendar_tokens"
AUDIT_KIND = "calendar_token"
TOKEN_BYTES = 24
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def rotate(db: Database, code: str, who: str) -> str:
    """A new token for feed `code`; the old one stops working with this commit. Returns the token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with db.transaction(who) as tx:
        table = tx.table(TABLE)
        old = table.get(Query().feed == code)
        doc = {"feed": code, "hash": token_hash(token), "created": now().isoformat()}
        if old is None:
            table.insert(doc)
        else:
            table.update(doc, Query().feed == code)
        # The audit names the feed and when; neither the token nor its hash goes into the trail.
        tx.audit(AUDIT_KIND, code, {"created": old["created"]} if old else None, {"created": doc["created"]})
    return token


def site_name(doc: dict) -> str:
    """The file name of a feed on a static site: unguessable without the token, and new when it is rotated."""
    return hashlib.sha256(f"duban-site\x1f{doc['hash']}".encode("ascii")).hexdigest()[:32] + ".ics"


def feed_for(token_docs: list[dict], token: str) -> str | None:
    """The feed `token` opens, or None; every stored hash is compared, each in constant time."""
    if not TOKEN_SHAPE.match(token):
        return None
    wanted = token_hash(token)
    found = None
    for doc in token_docs:
        if hmac.compare_digest(doc["hash"], wanted):
            found = doc["feed"]
    return found


def token_docs(db: Database) -> list[dict]:
    """The stored token hashes, read alone: a request's token is checked before anything else is read."""
    with db.reading() as snap:
        return snap.all(TABLE)
