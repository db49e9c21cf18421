"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 by BOM, else the best-guess legacy charset.

Every way bytes can fail to be text ends as an IngestError with a reason (``empty``, ``binary``,
``undecodable``), never as a UnicodeDecodeError escaping into the batch.
"""

from __future__ import annotations

import codecs
import re

from redline.errors import IngestError
from redline.ingest.raw import RawInput

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")
BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.05  # text with more control characters than this is a binary file after all
MAX_CHAOS = 0.2  # charset_normalizer's mess ratio above which a guess is not trusted


def decode(raw: RawInput) -> str:
    """The text of ``raw``; raises IngestError (empty, binary, undecodable) when it has none."""
    data = raw.data
    if not data.strip():
        raise IngestError("empty", f"{raw.source} is empty", input_id=raw.source)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _checked(_decode_with_bom(raw, codec), raw)
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise IngestError("binary", f"{raw.source} is a binary file, not text", input_id=raw.source)
    try:
        return _checked(data.decode("utf-8-sig"), raw)
    except UnicodeDecodeError:
        pass
    return _checked(_guess(raw), raw)


def _decode_with_bom(raw: RawInput, codec: str) -> str:
    try:
        return raw.data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(
            "undecodable",
            f"{raw.source} starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()}: "
            f"{exc.reason} at byte {exc.start}",
            input_id=raw.source,
        ) from exc


def _guess(raw: RawInput) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw.data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise IngestError(
            "undecodable", f"{raw.source}: the bytes are not text in any known encoding", input_id=raw.source
        )
    return str(best)


def _checked(text: str, raw: RawInput) -> str:
    """Refuse text that is mostly control characters (a binary file that happened to decode)."""
    if not text.strip():
        raise IngestError("empty", f"{raw.source} holds only blank characters", input_id=raw.source)
    controls = len(CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError("binary", f"{raw.source} is mostly control characters, not text", input_id=raw.source)
    return text
