"""A per-document budget of time and memory: a runaway extraction becomes that
document's one-line failure, and the batch goes on.

One watchdog thread per process checks, every POLL seconds, each document being
extracted (one per extracting thread): the CPU time the thread extracting it has spent
on it (so that a busy machine does not fail a document its neighbours slowed down;
wall-clock time where the platform has no per-thread clock) and how much the
process's resident memory has grown since it started. A document over either budget gets
`OverBudget` raised inside the thread extracting it (at its next Python instruction:
a spaCy call of one parse chunk finishes first), so its parse and records are freed
and the caller reports it like any unreadable input. The budgets are settings
(docs/operations.md): $THREATNET_DOCUMENT_SECONDS (default 900) and
$THREATNET_DOCUMENT_MB (default 2,000 MB of growth); 0 switches one off. Memory is
read from /proc/self/statm; where there is none, only time is watched.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from threatnet.errors import InvalidInput, ThreatnetError

SECONDS_SETTING = "THREATNET_DOCUMENT_SECONDS"
MEGABYTES_SETTING = "THREATNET_DOCUMENT_MB"
DEFAULT_SECONDS = 900.0  # CPU seconds: a 10 MB report (the size limit) takes about 8 minutes
DEFAULT_MEGABYTES = 2000.0  # a 5 MB report grows the process by about 150 MB (575 MB peak)
POLL = 0.2  # seconds between two checks


class _Stop(BaseException):
    """Raised asynchronously in the extracting thread; turned into OverBudget there.
    A BaseException, so that no `except Exception` on the way swallows it."""


class OverBudget(ThreatnetError):
    """A document's extraction ran over its time or memory budget."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Budget:
    """How long one document may take, and how much memory it may add (None: no limit)."""

    seconds: float | None = DEFAULT_SECONDS
    megabytes: float | None = DEFAULT_MEGABYTES

    @classmethod
    def from_settings(cls) -> Budget:
        return cls(_setting(SECONDS_SETTING, DEFAULT_SECONDS),
                   _setting(MEGABYTES_SETTING, DEFAULT_MEGABYTES))

    @property
    def unlimited(self) -> bool:
        return self.seconds is None and self.megabytes is None

    @contextmanager
    def watch(self, where: str) -> Iterator[None]:
        """Run the body within this budget; over it, raise OverBudget naming `where`."""
        if self.unlimited:
            yield
            return
        thread = threading.get_ident()
        clock = _thread_clock(thread)
        watch = _Watch(thread, clock, _now(clock), _rss_mb(), self)
        _WATCHDOG.add(watch)
        try:
            yield
        except _Stop:
            watch.fired = watch.fired or "stopped"
        finally:
            try:
                _WATCHDOG.remove(watch)
                if watch.fired:
                    _clear_pending(watch.thread)
            except _Stop:  # raised just as the document ended: it is over budget all the same
                _clear_pending(watch.thread)
        if watch.fired:
            raise OverBudget(where, watch.fired)


def _setting(name: str, default: float) -> float | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.replace("_", ""))
    except ValueError:
        value = -1.0
    if value < 0:
        raise InvalidInput(name, f"{raw!r} is not a number (0 switches the budget off)")
    return value or None


def _thread_clock(thread: int) -> int | None:
    """The CPU-time clock of a thread, or None where there is none."""
    try:
        return time.pthread_getcpuclockid(thread)
    except (AttributeError, OSError):
        return None


def _now(clock: int | None) -> float:
    if clock is not None:
        try:
            return time.clock_gettime(clock)
        except OSError:
            pass
    return time.monotonic()


@dataclass
class _Watch:
    thread: int
    clock: int | None  # the thread's CPU-time clock (None: wall-clock time is counted)
    started: float
    rss: float | None
    budget: Budget
    fired: str | None = None

    def overrun(self, rss: float | None) -> str | None:
        seconds, megabytes = self.budget.seconds, self.budget.megabytes
        if seconds is not None and _now(self.clock) - self.started > seconds:
            cpu = " of CPU time" if self.clock is not None else ""
            return (f"extraction stopped after {seconds:g} s{cpu}, the per-document time "
                    f"budget (${SECONDS_SETTING})")
        if megabytes is not None and rss is not None and self.rss is not None and \
                rss - self.rss > megabytes:
            return (f"extraction stopped at {rss - self.rss:,.0f} MB more memory, over the "
                    f"per-document budget of {megabytes:,.0f} MB (${MEGABYTES_SETTING})")
        return None


class _Watchdog:
    """The thread that checks every watched document."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.watches: dict[int, _Watch] = {}
        self.thread: threading.Thread | None = None

    def add(self, watch: _Watch) -> None:
        with self.lock:
            self.watches[id(watch)] = watch
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="threatnet-budget",
                                               daemon=True)
                self.thread.start()

    def remove(self, watch: _Watch) -> None:
        with self.lock:  # after this, the watchdog never fires for `watch`
            self.watches.pop(id(watch), None)

    def _run(self) -> None:
        while True:
            time.sleep(POLL)
            with self.lock:
                watches = list(self.watches.values())
                if not watches:
                    continue
                rss = _rss_mb()
                for watch in watches:
                    reason = None if watch.fired else watch.overrun(rss)
                    if reason is not None:
                        watch.fired = reason
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(watch.thread), ctypes.py_object(_Stop))


def _clear_pending(thread: int) -> None:
    """Withdraw a stop not delivered yet (the document ended just as it was raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)


_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 0.0


def _rss_mb() -> float | None:
    """The process's resident memory now, in MB (None where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return None


_WATCHDOG = _Watchdog()

__all__ = ["Budget", "OverBudget"]
