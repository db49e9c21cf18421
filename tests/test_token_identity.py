"""spaCy builds a new Token object on every access, so ``is`` between tokens is always false.

One such comparison (``head.head is not head``) turned a climb to the sentence root into an endless loop
on an unseen article. This test reads every source file and fails on any ``is``/``is not`` between two
expressions that are not constants, unless the line says why identity is meant (``# same object (...)``),
for plain Python objects such as records or a cached Doc.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from redline import tree

SRC = Path(__file__).resolve().parents[1] / "src" / "redline"
MARK = "# same object"


def identity_comparisons(source: str) -> list[tuple[int, str]]:
    """(line, expression) of every ``is``/``is not`` whose two sides are both non-constant expressions."""
    found: list[tuple[int, str]] = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            constant = isinstance(left, ast.Constant) or isinstance(right, ast.Constant)
            if isinstance(op, ast.Is | ast.IsNot) and not constant and MARK not in lines[node.lineno - 1]:
                found.append((node.lineno, ast.unparse(node)))
            left = right
    return found


def test_scanner_flags_token_identity() -> None:
    code = "def f(head):\n    while head.head is not head:\n        head = head.head\n"
    assert identity_comparisons(code) == [(2, "head.head is not head")]
    assert identity_comparisons("x = a is None or b is not True\n") == []
    assert identity_comparisons("x = a is b  # same object (a record)\n") == []


def test_no_identity_comparison_between_tokens_in_src() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {expr}"
        for path in sorted(SRC.rglob("*.py"))
        for line, expr in identity_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "compare tokens by .i (see redline.tree):\n" + "\n".join(offenders)


@pytest.mark.slow
def test_tree_walks_end_on_real_parses(nlp) -> None:
    doc = nlp("According to the ministry, no further talks. The envoy, who met him on Monday, said little.")
    for token in doc:
        top = tree.climb(token, lambda t: True)
        assert tree.is_root(top)
        assert tree.same(top, token.sent.root)
        assert list(tree.ancestors(token))[-1:] in ([], [token.sent.root]) or tree.is_root(token)
        assert tree.depth(token) == len(list(token.ancestors))
    assert tree.same(doc[0], doc[0]) and not tree.same(doc[0], doc[1])
    assert doc[0] is not doc[0]  # same object (the fact this module guards against: a new Token each time)
