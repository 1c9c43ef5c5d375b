"""Snippets read from the beginning of a long body are the snippets of the whole body.

The reference below is the plain rule, written out here: the summary and the whole body
as plain text on one line, cut around the first match. Bodies are built from the Markdown
that can reach across a blank line or hide a word (open fences, indented code with blank
lines, emphasis and links around a term, a term inside a link's address, tables, lists),
and the thresholds are lowered so that short generated bodies are cut at all; the test
also counts that the cut path really was taken, and not only the fallbacks.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import make_item

from kiosk import markdown, snippets

TERMS = ("党务", "公开", "警报", "ab", "dwgk")
WORDS = ("我们", "通知", "事项", "关于", "办理", "xy", "Ab", "。", "，", *TERMS)


def reference(summary: str, body: str, terms: list[str], width: int = snippets.SNIPPET_CHARS):
    text = " ".join(" ".join(filter(None, (summary, markdown.plain_text(body)))).split())
    if not text:
        return "", []
    found = snippets.text_spans(text, terms)
    start = max(0, found[0][0] - snippets.SNIPPET_BEFORE) if found else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    cut = text[start:end]
    spans = [(max(a, start) - start, min(b, end) - start) for a, b in found if b > start and a < end]
    if start > 0:
        cut, spans = "…" + cut, [(a + 1, b + 1) for a, b in spans]
    if end < len(text):
        cut += "…"
    return cut, spans


words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map("".join)
term = st.sampled_from(TERMS)
fragment = st.one_of(
    words,
    words.map(lambda w: "# " + w),
    st.tuples(words, term, words).map(lambda p: f"{p[0]}**{p[1]}**{p[2]}"),
    st.tuples(words, term).map(lambda p: f"[{p[0]}](https://example.org/{p[1]})"),
    st.tuples(term, words).map(lambda p: f"{p[0][0]}*{p[0][1:]}*{p[1]}"),  # a term split by emphasis
    words.map(lambda w: f"```\n{w}\n\n{w}"),  # a fence with a blank line inside (closed or not)
    st.just("```"),
    st.tuples(term, words).map(lambda p: f"[{p[0][0]}](https://example.org/){p[0][1:]}{p[1]}"),  # joined by a link
    st.tuples(term, words).map(lambda p: f"{p[0][0]}![图](a.png){p[0][1:]}{p[1]}"),  # joined by an image
    st.tuples(term, words).map(lambda p: f"{p[0][0]}[](https://example.org/(a)){p[0][1:]}"),
    words.map(lambda w: f"    {w}\n\n    {w}"),
    st.tuples(words, words).map(lambda p: f"| {p[0]} | {p[1]} |\n|---|---|\n| {p[1]} | {p[0]} |"),
    words.map(lambda w: f"- {w}\n- {w}"),
)
bodies = st.lists(fragment, min_size=1, max_size=24).map("\n\n".join)
SEEN: Counter[str] = Counter()


LONG = "\n\n".join(["关于办理事项的通知我们" * 3] * 6)


@settings(max_examples=400, deadline=None, derandomize=True)
# Terms that only the parse reveals, far into a long body: an image or a link joining two words.
@example(summary="", body=LONG + "\n\n党![图](a.png)务" + "\n\n" + LONG, terms=["党务"])
@example(summary="", body=LONG + "\n\n[党](https://example.org/)务" + "\n\n" + LONG, terms=["党务"])
@example(summary="", body=LONG + "\n\n党[](https://e.org/(a))务" + "\n\n" + LONG, terms=["党务"])
@given(summary=st.one_of(st.just(""), words), body=bodies, terms=st.lists(term, min_size=1, max_size=2))
def snippet_property(summary, body, terms):
    item = make_item("i", summary=summary, body=body)
    part, matches = snippets._readable_part(body, summary, terms)
    SEEN["cut" if len(part) < len(body) else "whole"] += 1
    got = snippets.snippet(item, terms)
    assert got == reference(summary, body, terms), (summary, body, terms)
    if len(part) < len(body):
        text, found, start, end = snippets._window(summary, part, terms, snippets.SNIPPET_CHARS)
        kept = (found or not matches) and end + max(map(len, terms)) <= len(text)
        SEEN["served from the cut" if kept else "fell back"] += 1


def test_a_snippet_from_the_bodys_beginning_is_the_snippet_of_the_whole(monkeypatch_values):
    # The property and the count of what it reached run in one test: under xdist two tests
    # of one file may run in different workers, where a module-level count is never shared.
    SEEN.clear()
    snippet_property()
    assert SEEN["served from the cut"] >= 50, SEEN
    assert SEEN["fell back"] >= 5 and SEEN["whole"] >= 10, SEEN


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def monkeypatch_values():
    """Thresholds small enough for generated bodies of a few hundred characters to be cut."""
    mp = pytest.MonkeyPatch()
    mp.setattr(snippets, "READ_WHOLE_BELOW", 40)
    mp.setattr(snippets, "READ_PAST_MATCH", 100)
    yield
    mp.undo()
