"""Benchmark: ingest time per character stays flat from 1 KB to 5 MB (cleaning is linear), for every input shape.

Run ``python tests/bench_ingest.py``; it prints microseconds per character for each shape and size (parsing an
input: decode, sniff, clean, metadata; no database). Not a test: timings belong in benchmarks, not assertions.
"""

from __future__ import annotations

import random
import time

from redline.ingest import parse_input
from redline.ingest.raw import RawInput

SIZES = (1_000, 10_000, 100_000, 1_000_000, 5_000_000)
WORD_SOURCE = (
    "the minister said talks would continue next week in Geneva Russia NATO Ukraine security guarantees troops "
    "border Kremlin officials warned allies response"
)
WORDS = WORD_SOURCE.split()


def prose(size: int, rng: random.Random) -> str:
    """Paragraphs of sentences, as articles are."""
    out, length = ["Talks stall in Geneva"], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
        out.append(sentence)
        length += len(sentence) + 2
    return "\n\n".join(out)[:size]


def short_lines(size: int, rng: random.Random) -> str:
    """Many short headline-like lines (the related-link rules look at neighbours)."""
    lines, length = [], 0
    while length < size:
        line = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)[:size]


def one_line(size: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size // 5))[:size]


def quote_soup(size: int, rng: random.Random) -> str:
    """Unbalanced quote marks and brackets everywhere (what trips backtracking patterns)."""
    marks = ['"', "«", "»", "„", "“", "'", "(", "[", "(photo"]
    return " ".join(rng.choice(WORDS + marks) for _ in range(size // 4))[:size]


def html_page(size: int, rng: random.Random) -> str:
    """A page: a long menu of links, then the article in paragraphs (boilerplate is audited line by line)."""
    nav = "".join(f"<li><a href='/{n}'>{short_lines(30, rng)}</a></li>" for n in range(size // 400))
    body = "".join(f"<p>{sentence}.</p>" for sentence in prose(size // 2, rng).split(".") if sentence.strip())
    return (
        f"<html><head><title>Talks</title></head><body><nav><ul>{nav}</ul></nav><article>{body}</article></body></html>"
    )


SHAPES = {"prose": prose, "short lines": short_lines, "one line": one_line, "quote soup": quote_soup, "html": html_page}


def main() -> None:
    rng = random.Random(1)
    list(parse_input(RawInput(source="warm.txt", key="warm", data=prose(5000, rng).encode())))  # load models
    print(f"{'shape':<12} " + " ".join(f"{size:>10,}" for size in SIZES) + "   (µs per character)")
    for name, make in SHAPES.items():
        cells = []
        for size in SIZES:
            data = make(size, rng).encode()
            started = time.perf_counter()
            suffix = "html" if name == "html" else "txt"
            list(parse_input(RawInput(source=f"{name}.{suffix}", key=name, data=data)))
            cells.append((time.perf_counter() - started) / len(data) * 1e6)
        print(f"{name:<12} " + " ".join(f"{cell:>10.2f}" for cell in cells))


if __name__ == "__main__":
    main()
