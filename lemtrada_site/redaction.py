"""
Secrets that travel in addresses, kept out of every log.

An author's private link (/stories/mine/<token>/) lets whoever holds it withdraw the story, the
address of a photo an author chose before sending (/stories/share/photo/<reference>/) shows it to
whoever holds it for a day, a treatment plan's address (/planner/plan/?...) carries a person's
treatment dates, and a search (/search/?q=...) may say what someone fears they have. All appear in
request lines, Referer headers and Django's own messages ("Not Found: ...", "Forbidden (CSRF ...):
..."). The site's log handlers (settings.LOGGING) and gunicorn's access log (gunicorn.conf.py) pass
every line through `redact`; the nginx configuration in deploy/ does the same with a map.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"/stories/mine/[^/\s?\"']+")
UNSENT_PHOTO = re.compile(r"/stories/share/photo/[^/\s?\"']+")
PLANNER_QUERY = re.compile(r"(/planner/[^\s?\"']*)\?[^\s\"']*")
# A search's words: the whole query string of an address under /search, with or without its slash
# (Django redirects /search?q=… to /search/?q=…, and both requests are logged), and of any address
# whose query string has a `q` (a search box's words, whatever address they were sent to).
SEARCH_QUERY = re.compile(r"(/search/?)\?[^\s\"']*")
WORDS_QUERY = re.compile(r"\?(?:[^\s\"'&#]*&)*q=[^\s\"']*")


def redact(text):
    """`text` with private-link tokens, unsent photos' references, planner dates and search words replaced."""
    if "/stories/mine/" in text:
        text = PRIVATE_LINK.sub("/stories/mine/[private]", text)
    if "/stories/share/photo/" in text:
        text = UNSENT_PHOTO.sub("/stories/share/photo/[private]", text)
    if "/planner/" in text:
        text = PLANNER_QUERY.sub(r"\1?[private]", text)
    if "/search" in text:
        text = SEARCH_QUERY.sub(r"\1?[private]", text)
    if "q=" in text:
        text = WORDS_QUERY.sub("?[private]", text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the message (its arguments included) before any handler writes it."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
