"""HTML pages: main text via trafilatura, metadata from the page's own tags, and what was dropped.

The page's other visible text (menus, footers, cookie banners, sidebars) is recorded as removed lines
with rule ``html_boilerplate`` so the audit trail covers HTML as well as scraped text.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

from redline.ingest.clean import key, normalise
from redline.records import Removed

LOGGER = logging.getLogger(__name__)

MAX_DEPTH = 128  # libxml2 drops whatever nests deeper than 255 elements; real pages stay far below this
WORD = re.compile(r"\w+")
TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)

DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)


def extract(html: str, *, url: str | None = None) -> Page:
    """Main text and metadata of a page; ``text`` is empty when the page has no article text."""
    import trafilatura
    from lxml import html as lxml_html

    html = flatten_deep(html)
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if document is None:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    data = document.as_dict() if document is not None and hasattr(document, "as_dict") else (document or {})
    text = normalise(data.get("text") or "")
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    page = Page(
        text=text,
        title=data.get("title"),
        published=_meta_date(tree) or data.get("date"),
        url=_canonical(tree) or data.get("url") or url,
        sitename=_meta(tree, "og:site_name") or data.get("sitename"),
        language=_lang(tree) or data.get("language"),
    )
    page.removed = _boilerplate(tree, text, page.title)
    return page


def _meta(tree: object, name: str) -> str | None:
    if tree is None:
        return None
    for attr in ("property", "name", "itemprop"):
        values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')  # type: ignore[attr-defined]
        if values and values[0].strip():
            return values[0].strip()
    return None


def _meta_date(tree: object) -> str | None:
    """Publication time from meta tags, JSON-LD or <time datetime>: exact, with the time when given."""
    if tree is None:
        return None
    for name in DATE_META:
        value = _meta(tree, name)
        if value:
            return value
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):  # type: ignore[attr-defined]
        value = _ld_date(script)
        if value:
            return value
    times = tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime | //time/@datetime")  # type: ignore[attr-defined]
    return times[0].strip() if times else None


def _ld_date(script: str) -> str | None:
    try:
        data = json.loads(script)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                return item["datePublished"]
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None


def _canonical(tree: object) -> str | None:
    if tree is None:
        return None
    links = tree.xpath('//link[@rel="canonical"]/@href')  # type: ignore[attr-defined]
    if links and links[0].startswith("http"):
        return links[0].strip()
    return _meta(tree, "og:url")


def _lang(tree: object) -> str | None:
    if tree is None:
        return None
    values = tree.xpath("/html/@lang")  # type: ignore[attr-defined]
    return values[0].split("-")[0].lower() if values else None


def _boilerplate(tree: object, text: str, title: str | None) -> list[Removed]:
    """Visible lines of the page that are not in the extracted text (nor the title).

    A line the extractor merged into a longer paragraph is in the text too: it is found by its word 4-grams
    (all of them occur in the text), which costs one pass over the text, where searching each line in the
    whole text would cost the text's length per line.
    """
    if tree is None:
        return []
    body = tree.find("body") if tree.find("body") is not None else tree  # type: ignore[attr-defined]
    kept = {key(line) for line in text.split("\n")}
    if title:
        kept.add(key(title))
    grams = set().union(*(_grams(line) for line in text.split("\n")))
    removed, seen = [], set()
    for line in block_text(body).split("\n"):
        line_key = key(line)
        if not line_key or line_key in kept or line_key in seen:
            continue
        if len(line_key) > 20 and _grams(line) <= grams:
            continue
        seen.add(line_key)
        removed.append(Removed(text=line, rule="html_boilerplate"))
    return removed


def _grams(line: str, n: int = 4) -> set[int]:
    """Hashes of the line's word n-grams (the whole line when it is shorter)."""
    tokens = WORD.findall(line.casefold())
    return {hash(" ".join(tokens[i : i + n])) for i in range(max(1, len(tokens) - n + 1))}


def block_text(element: object) -> str:
    """Visible text of an element, one line per block (paragraph, heading, list item, cell)."""
    import copy

    tree = copy.deepcopy(element)
    for bad in tree.xpath(".//script|.//style|.//noscript|.//template|.//svg"):  # type: ignore[attr-defined]
        bad.drop_tree()
    for br in tree.xpath(".//br"):  # type: ignore[attr-defined]
        br.tail = "\n" + (br.tail or "")
    blocks = (
        ".//p|.//h1|.//h2|.//h3|.//h4|.//h5|.//li|.//blockquote|.//figcaption|.//div|.//td|.//header|.//footer|.//nav"
    )
    for block in tree.xpath(blocks):  # type: ignore[attr-defined]
        block.tail = "\n" + (block.tail or "")
        block.text = "\n" + (block.text or "")
    return "\n".join(line for line in normalise(tree.text_content()).split("\n") if line)  # type: ignore[attr-defined]


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry or a JSON body), one paragraph per block."""
    from lxml import html as lxml_html

    fragment = flatten_deep(fragment)
    try:
        tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml_html.etree.ParserError):
        return normalise(re.sub(r"<[^>]+>", " ", fragment))
    return block_text(tree)


def flatten_deep(html: str, *, limit: int = MAX_DEPTH) -> str:
    """Drop the tags (never the text) of elements nested deeper than ``limit``.

    The HTML parser silently discards content nested past its own limit, so a page of 20,000 nested ``<div>``
    would lose its article. One linear scan of the tags; pages within the limit are returned unchanged.
    """
    depth = deepest = 0
    for match in TAG.finditer(html):
        depth = _step(depth, match)
        deepest = max(deepest, depth)
    if deepest <= limit:
        return html
    parts, last, depth = [], 0, 0
    for match in TAG.finditer(html):
        before = depth
        depth = _step(depth, match)
        if max(before, depth) > limit:
            parts.append(html[last : match.start()])
            last = match.end()
    parts.append(html[last:])
    return "".join(parts)


def _step(depth: int, match: re.Match[str]) -> int:
    """Nesting depth after one tag: +1 for an opening tag, -1 for a closing one, void and self-closed tags 0."""
    closing, name, self_closed = match.group(1), match.group(2).lower(), match.group(3)
    if name in VOID or self_closed:
        return depth
    return max(0, depth - 1) if closing else depth + 1
