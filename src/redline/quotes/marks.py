"""Find direct quotations by their marks, on the raw characters, before any parse is consulted.

Why characters and not tokens: a quotation can run over several sentences and paragraphs, and the sentence
splitter often cuts right through its marks; pairing the marks on the text gives one span per quotation no
matter how the parse splits it. The rules, in the order a typesetter would apply them:

- Curly pairs “…”, ‘…’, guillemets «…» and ‹…›, low-high „…“ (and „…”). Quotes nest (a ‘…’ inside a “…”),
  and only top-level quotations are returned; the nested ones stay part of their outer quotation's text.
- Straight ``"`` marks open when left-flanking (space or start before, a non-space after) and close when
  right-flanking; an ambiguous one closes the open straight quote or else opens a new one.
- Straight and curly single marks double as apostrophes (``Moscow’s``, ``don't``): a single mark between two
  letters never opens or closes, and a straight single quote is only used when its closing mate sits on the same
  line.
- A paragraph is never left open silently. When a quotation reaches the end of a paragraph without its closing
  mark and the next paragraph opens with the same kind of mark, the quotation continues there (the English
  convention for quotations over several paragraphs) and the re-opening mark is recorded as a ``gap``. Otherwise
  the quotation ends with its paragraph and is flagged ``closed=False``. In hard-wrapped text a line break after
  a word (not after a sentence end) does not end a paragraph. A re-opened paragraph that starts with a speaker
  label (a transcript: ``"WALLACE: …`` then ``"PENCE: …``) is a new quotation, not a continuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redline.nlp import is_hard_wrapped

# Opening mark -> the marks that close it.
PAIRS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "‹": "›",
    "‘": "’",
    '"': '"',
    "'": "'",
    "”": "”",
}
DOUBLE_OPENERS = '“„«"'
SENTENCE_END = ".?!…"
# A transcript's speaker label at the start of a paragraph or quotation: "WALLACE:", "Gov. Pence:".
SPEAKER_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]+(?=\S)")
# Stripped from a quotation's edges: the comma of `“…,” he said` belongs to the attribution, not the quote.
EDGE_PUNCT = ",;:—–- \t\r\n"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One top-level quotation: content offsets (marks excluded) and where its marks are.

    ``gaps`` are the re-opening marks of later paragraphs inside the span (left out of the quote's text);
    ``closed`` is False when the quotation had no closing mark and was ended at its paragraph.
    """

    start: int
    end: int
    open: int
    close: int
    mark: str
    gaps: tuple[tuple[int, int], ...] = ()
    closed: bool = True

    def text(self, source: str) -> str:
        """The quotation's words: the content with the continuation marks of later paragraphs left out."""
        return strip_gaps(source, self.start, self.end, self.gaps)

    def contains(self, offset: int) -> bool:
        return self.open <= offset < self.close


def strip_gaps(source: str, start: int, end: int, gaps: tuple[tuple[int, int], ...]) -> str:
    """``source[start:end]`` without the character ranges in ``gaps``."""
    parts: list[str] = []
    cursor = start
    for gap_start, gap_end in gaps:
        if start <= gap_start < end:
            parts.append(source[cursor:gap_start])
            cursor = max(cursor, gap_end)
    parts.append(source[cursor:end])
    return "".join(parts)


def _is_letter(char: str) -> bool:
    return char.isalnum()


def _left_flanking(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/" or before in PAIRS) and not after.isspace()


def _right_flanking(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not _is_letter(after))


def _apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return _is_letter(before) and _is_letter(after)


def paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every whitespace run that separates paragraphs (blank lines; single breaks unless wrapped)."""
    wrapped = is_hard_wrapped(text)
    breaks: list[tuple[int, int]] = []
    index = 0
    length = len(text)
    while index < length:
        if text[index] != "\n":
            index += 1
            continue
        start = index
        while start > 0 and text[start - 1] in " \t\r":
            start -= 1
        end = index
        while end < length and text[end].isspace():
            end += 1
        run = text[start:end]
        blank = run.count("\n") >= 2
        sentence_end = start > 0 and text[start - 1] in SENTENCE_END + '"”»’:'
        if blank or not wrapped or sentence_end:
            breaks.append((start, end))
        index = end
    return breaks


def _straight_single_pairs(text: str) -> dict[int, int]:
    """Opening -> closing offset of straight single quotes that pair up on one line."""
    pairs: dict[int, int] = {}
    line_start = 0
    for line in text.split("\n"):
        opened: int | None = None
        for offset, char in enumerate(line):
            if char != "'":
                continue
            index = line_start + offset
            if _apostrophe(text, index):
                continue
            if opened is None:
                if _left_flanking(text, index) and _is_letter(text[index + 1 : index + 2] or " "):
                    opened = index
            elif _right_flanking(text, index):
                pairs[opened] = index
                opened = None
        line_start += len(line) + 1
    return pairs


@dataclass(slots=True)
class _Open:
    mark: str
    index: int
    gaps: list[tuple[int, int]]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every top-level quotation in ``text``, in order; spans never overlap."""
    spans: list[QuoteSpan] = []
    singles = _straight_single_pairs(text)
    breaks = {start: end for start, end in paragraph_breaks(text)}
    stack: list[_Open] = []
    index = 0
    length = len(text)

    def finish(top: _Open, close_mark_at: int | None, paragraph_end: int) -> None:
        if close_mark_at is not None:
            content_end, close, closed = close_mark_at, close_mark_at + 1, True
        else:
            content_end, close, closed = paragraph_end, paragraph_end, False
        start, end = _trim(text, top.index + 1, content_end)
        if end > start:
            spans.append(QuoteSpan(start, end, top.index, close, top.mark, tuple(top.gaps), closed))

    while index < length:
        char = text[index]
        if index in breaks:
            end = breaks[index]
            if stack:
                outer = stack[0]
                next_char = text[end] if end < length else ""
                if next_char and next_char == outer.mark and SPEAKER_LABEL.match(text, end + 1):
                    # A transcript: the next paragraph is another speaker's turn ("WALLACE: ..."), its own quote.
                    stack.clear()
                    finish(outer, None, index)
                    index = end
                    continue
                if next_char and next_char == outer.mark:
                    # The quotation goes on in the next paragraph: skip its re-opening mark.
                    del stack[1:]
                    outer.gaps.append((end, end + 1))
                    index = end + 1
                    continue
                stack.clear()
                finish(outer, None, index)
            index = end
            continue
        if stack and _closes(text, index, stack):
            while stack and not _matches(stack[-1].mark, char):
                stack.pop()
            top = stack.pop()
            if not stack:
                finish(top, index, index)
            index += 1
            continue
        if _opens(text, index, singles):
            stack.append(_Open(char, index, []))
        index += 1
    if stack:
        finish(stack[0], None, _rstrip_end(text, length))
    return spans


def _matches(opener: str, char: str) -> bool:
    return char in PAIRS[opener]


def _closes(text: str, index: int, stack: list[_Open]) -> bool:
    """Whether the mark at ``index`` closes one of the open quotations."""
    char = text[index]
    if not any(_matches(item.mark, char) for item in stack):
        return False
    if char in "’'":
        if _apostrophe(text, index):
            return False
        return _right_flanking(text, index) or (char == "’" and _ends_word(text, index))
    if char == '"':
        # An open straight quote closes unless this mark is clearly an opener of a nested quotation.
        return stack[-1].mark == '"' or not _left_flanking(text, index) or _right_flanking(text, index)
    return char != "“" or any(item.mark == "„" for item in stack)  # “ closes only a German „


def _ends_word(text: str, index: int) -> bool:
    after = text[index + 1] if index + 1 < len(text) else " "
    return not _is_letter(after)


def _opens(text: str, index: int, singles: dict[int, int]) -> bool:
    char = text[index]
    if char in "“„«‹":
        return True
    if char == "”":
        return _reversed_opener(text, index)
    if char == '"':
        return _left_flanking(text, index) or not _right_flanking(text, index)
    if char == "‘":
        return not _apostrophe(text, index)
    if char == "'":
        return index in singles
    return False


def _reversed_opener(text: str, index: int) -> bool:
    """A closing ” typed where an opening one belongs: at the start of a line, right before a word.

    Why: web copy often opens a quotation with the wrong curly mark (”Mr. Trump embodies …”); a closing mark
    there closes nothing, and reading it as an opener keeps every later quotation of the page paired right.
    """
    before = text[index - 1] if index > 0 else "\n"
    return before == "\n" and _is_letter(text[index + 1 : index + 2] or " ")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
