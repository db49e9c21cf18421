"""The raw input record every reader produces: bytes, where they came from, or the reason there are none.

Reading never raises for one bad input: a problem becomes an :class:`IngestError` carried by the ``RawInput``,
so the batch goes on and the input is quarantined with its reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from redline.errors import IngestError

LOGGER = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # the cap on one input, counted on the bytes actually read
MAX_ARTICLE_CHARS = MAX_BYTES
"""The cap on one article's cleaned text, in characters. By default as large as the byte cap, so any input that
is read is parsed (in time linear in its length: a 5 MB article takes minutes, not hours). A collection that
mixes reports with dumps (logs, lists, pages without structure) can lower it with ``--max-article-chars``: news
reports, speeches and long analyses stay far below 1,000,000 characters, and a longer text is quarantined as
``too_long`` instead of holding the parser for minutes."""


@dataclass
class RawInput:
    """Bytes of one input and where they came from (``source`` is shown to users, ``key`` identifies it)."""

    source: str
    key: str
    data: bytes = b""
    url: str | None = None
    content_type: str | None = None
    error: IngestError | None = None
    first_line: int = 1  # a piece of a large JSON Lines file: the file's line number of its first line

    @property
    def suffix(self) -> str:
        path = urlsplit(self.source).path if self.url else self.source
        return Path(path).suffix.lower()


def failed_input(source: str, reason: str, message: str, *, key: str | None = None) -> RawInput:
    """A raw input that could not be read: it carries its quarantine reason and a message naming it."""
    LOGGER.warning("%s: %s", source, message)
    return RawInput(source=source, key=key or source, error=IngestError(reason, message, input_id=source))
