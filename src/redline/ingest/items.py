"""The article-to-be every format produces: raw text plus the metadata hints its container gave."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    """One article-to-be: raw text and the metadata hints its container gave (cleaning comes later)."""

    source: str
    key: str
    raw: str
    body: str
    format: str
    is_html: bool = False
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
