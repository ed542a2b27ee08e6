"""Scrapy's downloader with the per-domain concurrency limit kept under the asyncio reactor.

Scrapy 2.19 starts each download as an asyncio task and marks the request as transferring only when
that task first runs; the loop that hands out free transfer slots therefore sees the same free slots
again and releases the whole queue at once (measured: 8 requests in flight to one site with a limit
of 2). Reserving the slot before the task is scheduled restores the limit. Wired by the DOWNLOADER
setting; tests/crawlers/test_politeness.py measures the concurrency at the server.

This overrides `Downloader._process_queue` and uses `scrapy.utils.defer._schedule_coro`, private parts of
Scrapy that older releases do not have and newer ones may change: pyproject.toml pins Scrapy to the 2.19
series this was written and tested against (no upstream issue was found for the behaviour as of 2.19.0;
re-check the test when moving to a newer Scrapy, and drop this class once the limit holds without it).
"""

from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro


class PoliteDownloader(Downloader):
    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return  # a delayed call will process the queue
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # reserved now; the download task may start later
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break
