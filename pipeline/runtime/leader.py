"""One scheduler leader per database: a renewed lease decides which `duluan run` process runs jobs."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from pipeline.jobs import now_utc
from storage import leases
from storage.db import session_scope

log = logging.getLogger("duluan.leader")
LEASE_NAME = "scheduler"


class Leadership:
    """Acquire the scheduler lease, keep renewing it, call `on_lost` if another process takes it."""

    def __init__(self, url: str, holder: str, ttl: timedelta) -> None:
        self.url = url
        self.holder = holder
        self.ttl = ttl
        self._stop = threading.Event()
        self._stopping = False  # set from signal handlers: a plain flag, no lock to deadlock on
        self._thread: threading.Thread | None = None

    def try_acquire(self) -> bool:
        with session_scope(self.url) as session:
            return leases.try_acquire(session, LEASE_NAME, self.holder, self.ttl, now_utc())

    def wait(self, poll: float | None = None) -> bool:
        """Block until this process leads (True) or a stop is requested (False)."""
        interval = poll if poll is not None else max(self.ttl.total_seconds() / 3, 0.5)
        while not self._stopping:
            if self.try_acquire():
                log.info("%s is the scheduler leader", self.holder)
                return True
            deadline = time.monotonic() + interval
            while not self._stopping and time.monotonic() < deadline:
                time.sleep(0.1)
        return False

    def request_stop(self) -> None:
        """Safe inside a signal handler: only sets a flag that `wait` polls."""
        self._stopping = True

    def keep(self, on_lost: Callable[[], None]) -> None:
        """Renew the lease in a daemon thread every ttl/3; on failure, call `on_lost` once."""

        def renew() -> None:
            interval = max(self.ttl.total_seconds() / 3, 0.5)
            while not self._stop.wait(interval):
                try:
                    held = self.try_acquire()
                except Exception as exc:  # noqa: BLE001 - a failed renewal must not kill the thread silently
                    log.error("lease renewal failed: %r", exc)
                    held = False
                if not held:
                    log.error("%s lost the scheduler lease", self.holder)
                    on_lost()
                    return

        self._thread = threading.Thread(target=renew, name="leader-lease", daemon=True)
        self._thread.start()

    def stop(self, release: bool = True) -> None:
        """Stop renewing (and release the lease); call it from normal code, not a signal handler."""
        self._stopping = True
        self._stop.set()
        if release:
            with session_scope(self.url) as session:
                leases.release(session, LEASE_NAME, self.holder)
