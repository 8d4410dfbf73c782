"""Settings of the web app, from arguments or the environment (THREATNET_*).

Team mode (docs/web-security.md): the host names the server answers to
(THREATNET_ALLOWED_HOSTS), a read token (THREATNET_READ_TOKEN), the reverse
proxies whose forwarded headers are believed (THREATNET_TRUSTED_PROXIES) and the
reviewers' accounts (THREATNET_REVIEWERS: a YAML file of `name: token`).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from threatnet.errors import ThreatnetError

DEFAULT_MAX_UPLOAD = 2 * 1024 * 1024  # a long report is ~1 MB of text
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
MIN_TOKEN = 16  # characters of an account's token
# a report longer than this is extracted in a worker process (seconds of work at least)
LONG_REPORT = 20_000


@dataclass(frozen=True)
class Settings:
    """What one running app needs: its store, its tokens, limits and trusted names."""

    db: str | None = None  # store URL; None is the default SQLite file
    token: str | None = None  # THREATNET_TOKEN: required for writes from other hosts
    max_upload: int = DEFAULT_MAX_UPLOAD  # bytes of one report, pasted or uploaded
    pack: str | None = None  # extra actor-pack folder for ingest
    allowed_hosts: tuple[str, ...] = ()  # Host names answered besides the loopback ones
    read_token: str | None = None  # THREATNET_READ_TOKEN: required for reads from other hosts
    trusted_proxies: tuple[str, ...] = ()  # addresses whose X-Forwarded-* are believed
    accounts: tuple[tuple[str, str], ...] = ()  # (reviewer name, token)
    local_reviewer: str | None = None  # who decides from this machine without an account
    long_report: int = LONG_REPORT  # characters over which a report is extracted apart

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        raw = os.environ.get("THREATNET_MAX_UPLOAD")
        try:
            limit = int(raw) if raw else DEFAULT_MAX_UPLOAD
        except ValueError:
            raise ThreatnetError(f"THREATNET_MAX_UPLOAD={raw!r}: give a number of bytes") \
                from None
        reviewers = os.environ.get("THREATNET_REVIEWERS")
        return cls(db=db or os.environ.get("THREATNET_DB") or None,
                   token=os.environ.get("THREATNET_TOKEN") or None, max_upload=limit,
                   pack=os.environ.get("THREATNET_PACK") or None,
                   allowed_hosts=names(os.environ.get("THREATNET_ALLOWED_HOSTS", "")),
                   read_token=os.environ.get("THREATNET_READ_TOKEN") or None,
                   trusted_proxies=names(os.environ.get("THREATNET_TRUSTED_PROXIES", "")),
                   accounts=load_accounts(reviewers) if reviewers else ())

    def hosts(self) -> frozenset[str]:
        """The Host names this app answers to: loopback names and the configured ones."""
        return frozenset(LOOPBACK_NAMES) | {normal_host(h) for h in self.allowed_hosts}

    def reviewer(self) -> str:
        """The name decisions from this machine are signed with when there are no accounts."""
        if self.local_reviewer:
            return self.local_reviewer
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "local"


def names(value: str) -> tuple[str, ...]:
    """A comma- or space-separated list, without empty items."""
    return tuple(v for v in value.replace(",", " ").split() if v)


def normal_host(name: str) -> str:
    """A host name as compared: lower case, no trailing dot, IPv6 without brackets."""
    return name.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def load_accounts(path: str) -> tuple[tuple[str, str], ...]:
    """Reviewer accounts from a YAML mapping `name: token` (tokens of 16+ characters,
    each used once)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThreatnetError(f"{path}: cannot read the reviewers file ({exc.strerror})") \
            from None
    except yaml.YAMLError:
        raise ThreatnetError(f"{path}: not YAML (write one `name: token` per line)") from None
    if not isinstance(data, dict) or not data:
        raise ThreatnetError(f"{path}: write one `name: token` per line")
    accounts = []
    for name, token in data.items():
        if not isinstance(token, str) or len(token) < MIN_TOKEN:
            raise ThreatnetError(f"{path}: the token of {name!r} must be text of at least "
                                 f"{MIN_TOKEN} characters")
        accounts.append((str(name).strip(), token))
    tokens = [t for _, t in accounts]
    if len(set(tokens)) != len(tokens):
        raise ThreatnetError(f"{path}: two reviewers share a token")
    return tuple(accounts)
