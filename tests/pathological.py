"""
Markdown written to make parsers slow: each case at the story form's length limit (10,000
characters) and, for editors' fields, at MAX_MARKDOWN_LENGTH. Used by the tests (output stays
sane and inert) and by scripts/hostile_input_bench.py (each case renders in well under 100 ms).
"""

from pages.markdown import MAX_MARKDOWN_LENGTH
from stories.forms import BODY_MAX_LENGTH


def _fill(unit, length):
    return (unit * (length // len(unit) + 1))[:length]


def corpus(length=BODY_MAX_LENGTH):
    return {
        "open brackets": _fill("[", length),
        "nested brackets": _fill("[", length // 2) + _fill("]", length // 2),
        "unclosed links": _fill("[a](", length),
        "link reference flood": _fill("[a]: /x\n", length // 2) + _fill("[a]", length // 2),
        "emphasis runs": _fill("*a", length),
        "mixed emphasis": _fill("*_**__", length),
        "backtick runs": _fill("`", length),
        "backtick ladder": "".join("`" * n + "a" for n in range(1, 200))[:length],
        "nested quotes": _fill(">", length),
        "nested lists": "".join(" " * (2 * n) + "- a\n" for n in range(length // 100)),
        "quotes and lists": _fill("> - ", length),
        "nested list markers": _fill("- ", length - 1) + "a",
        "nested html": _fill("<div>", length),
        "table columns": "|" + _fill("a|", length // 2) + "\n|" + _fill("-|", length // 2 - 1),
        "table rows": "| a | b |\n|---|---|\n" + _fill("| x | y |\n", length - 20),
        "html-ish": _fill("<a ", length),
        "entities": _fill("&#x", length),
        "autolinks": _fill("<http://", length),
    }


CASES = corpus()
EDITOR_CASES = corpus(MAX_MARKDOWN_LENGTH)
