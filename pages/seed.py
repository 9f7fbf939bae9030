"""
The site's starting content, read from the Markdown files in pages/content/ (see its README.md).

Editors own the content once it is loaded. Each loaded row keeps a fingerprint of what was loaded, so
`load_seed_content --update-unedited` can tell a row nobody has changed from one an editor has.
"""

import hashlib
import json
import re
from pathlib import Path

import frontmatter

from lemtrada_site.sources import sources_markdown

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# The fields a fingerprint covers: everything an editor writes, nothing the site or a reviewer sets.
PAGE_FIELDS = ["title", "summary", "body", "navigation_label", "position", "sources"]
SIDE_EFFECT_FIELDS = [
    "name",
    "band",
    "position",
    "summary",
    "description",
    "what_to_do",
    "urgent",
    "emergency",
    "urgent_signs",
    "sources",
]

# A side effect file's sections, by the heading that opens each one.
SECTIONS = {
    "Signs that need help straight away": "urgent_signs",
    "About this side effect": "description",
    "What to do": "what_to_do",
}
# A side effect's `urgency`: (urgent, call 999). See SideEffect.urgent and pages/content/README.md.
URGENCY = {"call_999": (True, True), "ms_team_immediately": (True, False), "none": (False, False)}


class ContentError(Exception):
    """A content file a clinician edited cannot be read; the message says which and why."""


def fingerprint(values, fields):
    """A stable hash of the content fields' values, as stored (LF line ends, no trailing white space)."""
    text = json.dumps({field: _stored(values[field]) for field in fields}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _stored(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def _read(path):
    try:
        post = frontmatter.load(path)
    except Exception as error:  # YAML errors come in several classes; all mean the same to the reader
        raise ContentError(f"{path.name}: the header between the --- lines cannot be read ({error}).") from error
    sources = post.get("sources") or []
    if not isinstance(sources, list) or not sources:
        raise ContentError(f"{path.name}: list at least one source under “sources:”.")
    # A registered document's short name (PL, SmPC, DSU: lemtrada_site/sources.py) becomes its full line.
    return post, sources_markdown(*sources)


def _required(post, path, *keys):
    missing = [key for key in keys if post.get(key) in (None, "")]
    if missing:
        raise ContentError(f"{path.name}: the header needs {', '.join(missing)}.")


def load_pages():
    entries = []
    for path in sorted((CONTENT_DIR / "pages").glob("*.md")):
        post, sources = _read(path)
        _required(post, path, "title", "slug", "summary", "position")
        entries.append(
            {
                "slug": post["slug"],
                "title": post["title"],
                "navigation_label": post.get("navigation_label", ""),
                "position": post["position"],
                "summary": post["summary"],
                "body": post.content.strip(),
                "sources": sources,
            }
        )
    return entries


def _sections(path, text):
    """Split a side effect's text at its known section headings."""
    pattern = re.compile(r"^## (" + "|".join(map(re.escape, SECTIONS)) + r")[ \t]*$", re.MULTILINE)
    parts = pattern.split(text)
    if parts[0].strip():
        raise ContentError(f"{path.name}: the text must start with one of the headings {', '.join(SECTIONS)}.")
    found = {SECTIONS[heading]: body.strip() for heading, body in zip(parts[1::2], parts[2::2], strict=True)}
    for field in ["description", "what_to_do"]:
        if field not in found:
            raise ContentError(f"{path.name}: the “## {_heading(field)}” section is missing.")
    return found


def _heading(field):
    return next(heading for heading, name in SECTIONS.items() if name == field)


def load_side_effects():
    from .models import SideEffect

    entries = []
    for path in sorted((CONTENT_DIR / "side-effects").glob("*.md")):
        post, sources = _read(path)
        _required(post, path, "name", "slug", "band", "summary", "position", "urgency")
        if post["band"] not in SideEffect.Band.values:
            raise ContentError(f"{path.name}: band must be one of {', '.join(SideEffect.Band.values)}.")
        if post["urgency"] not in URGENCY:
            raise ContentError(f"{path.name}: urgency must be one of {', '.join(URGENCY)}.")
        urgent, emergency = URGENCY[post["urgency"]]
        sections = _sections(path, post.content)
        if urgent and "urgent_signs" not in sections:
            heading = _heading("urgent_signs")
            raise ContentError(f"{path.name}: an urgent side effect needs the “## {heading}” section.")
        entries.append(
            {
                "slug": post["slug"],
                "name": post["name"],
                "band": post["band"],
                "position": post["position"],
                "summary": post["summary"],
                "description": sections["description"],
                "what_to_do": sections["what_to_do"],
                "urgent": urgent,
                "emergency": emergency,
                "urgent_signs": sections.get("urgent_signs", "") if urgent else "",
                "sources": sources,
            }
        )
    return entries


def review_defaults(entry):
    """
    Every seeded entry starts published and unreviewed: only a clinical reviewer's sign-off, in the
    admin, makes a review, so readers are told no health professional has checked it yet.
    """
    return {**entry, "status": "published"}
