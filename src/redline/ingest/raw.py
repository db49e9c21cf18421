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
MAX_ARTICLE_CHARS = 1_000_000
"""The cap on one article's cleaned text. A news report, a speech transcript or a long analysis is far shorter;
a megabyte of text in one article is a dump (a log, a list, a page without structure) that would hold the
parser for minutes and yield nothing an analyst reads. It is quarantined as ``too_long``; raise the cap with
``--max-article-chars`` for real long documents."""


@dataclass
class RawInput:
    """Bytes of one input and where they came from (``source`` is shown to users, ``key`` identifies it)."""

    source: str
    key: str
    data: bytes = b""
    url: str | None = None
    content_type: str | None = None
    error: IngestError | None = None

    @property
    def suffix(self) -> str:
        path = urlsplit(self.source).path if self.url else self.source
        return Path(path).suffix.lower()


def failed_input(source: str, reason: str, message: str, *, key: str | None = None) -> RawInput:
    """A raw input that could not be read: it carries its quarantine reason and a message naming it."""
    LOGGER.warning("%s: %s", source, message)
    return RawInput(source=source, key=key or source, error=IngestError(reason, message, input_id=source))
