"""
Flesch reading ease of the site's text, the NHS's measure of plain English (60 or more reads easily).

    206.835 - 1.015 × (words / sentences) - 84.6 × (syllables / words)

Counted on the text readers see (the stored HTML of an item's Markdown fields). A paragraph's sentences
end in ".", "!" or "?"; every list item and heading counts as a sentence too, as a reader takes each as
one, though it has no full stop. Syllables are counted by the usual vowel-group rule, which is close
enough for a text's average.
"""

import html
import re

# Any block tag, opening or closing, ends one piece of text and starts another.
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|td|th|tr|table|dd|dt|dl|blockquote|pre)\b[^>]*>")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def syllables(word):
    if word[0].isdigit():
        return min(len(re.sub(r"\D", "", word)) or 1, 3)  # "4" is one, "1000" is "one thousand"
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def blocks(rendered):
    """The text of each paragraph, list item and heading (a list item without the list nested in it)."""
    found = []
    for piece in BLOCK_TAG.split(rendered):
        text = html.unescape(re.sub(r"<[^>]+>", " ", piece))
        if WORD.search(text):
            found.append(" ".join(text.split()))
    return found


def counts(rendered):
    """(sentences, words, syllables) of rendered HTML."""
    sentences = words = syllable_count = 0
    for text in blocks(rendered):
        sentences += max(1, len(SENTENCE_END.findall(text)))
        tokens = WORD.findall(text)
        words += len(tokens)
        syllable_count += sum(syllables(token) for token in tokens)
    return sentences, words, syllable_count


def reading_ease(rendered):
    sentences, words, syllable_count = counts(rendered)
    if not words:
        return None
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllable_count / words)


def item_reading_ease(item):
    """The reading ease of a page's or side effect's text, as readers see it."""
    fields = [field for field in item.stored_html_fields() if field != "sources_html"]
    return reading_ease("\n".join(getattr(item, field) for field in fields))
