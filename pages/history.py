"""What an editor sees in a page's history: each changed field, compared word by word."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.text import capfirst

# Words, punctuation marks and the spaces (line breaks too) between them: a change shows as whole
# words, and a full stop after a changed word is not counted as changed.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class FieldChange:
    label: str
    # (kind, text) pairs, kind "same", "removed" or "added"; templates escape the text.
    parts: list


def word_diff(old, new):
    """
    The words of `old` and `new` as (kind, text) pairs: unchanged, only in old, only in new. A space
    between two changes joins them, so a rewritten phrase reads as one phrase, not word by word.
    """
    old_words, new_words = TOKENS.findall(old), TOKENS.findall(new)
    opcodes = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes()
    parts, removed, added = [], [], []

    def flush():
        parts.extend((kind, "".join(words)) for kind, words in [("removed", removed), ("added", added)] if words)
        removed.clear()
        added.clear()

    for index, (op, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        if op != "equal":
            removed.extend(old_words[old_start:old_end])
            added.extend(new_words[new_start:new_end])
            continue
        same = "".join(old_words[old_start:old_end])
        if (removed or added) and same.isspace() and index < len(opcodes) - 1:
            removed.append(same)
            added.append(same)
            continue
        flush()
        parts.append(("same", same))
    flush()
    return parts


def shown(obj, field):
    """A field's value as the admin shows it: the label of a choice, yes/no, a date as text."""
    if field.choices:
        return str(dict(field.flatchoices).get(getattr(obj, field.attname), getattr(obj, field.attname)))
    value = getattr(obj, field.attname)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return "" if value is None else str(value)


def changes(old, new, fields):
    """Each of `fields` whose value differs between the two objects, as a word-level comparison."""
    return [
        FieldChange(capfirst(field.verbose_name), word_diff(shown(old, field), shown(new, field)))
        for field in fields
        if shown(old, field) != shown(new, field)
    ]


def when(version):
    """When a version was saved, in the site's time zone, as an editor would write it: "4 December 2026, 16:47"."""
    return formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
