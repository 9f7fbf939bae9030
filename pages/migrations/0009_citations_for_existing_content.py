"""
Existing sites get the content's citations.

Each paragraph and list item of this release's content files that still stands, word for word, in an
installed page or side effect gets the citation the files give it (0009_citations.json, made from
pages/content/ at this release: for each item and field, the paragraph as written and its citation
comment). An editor's own paragraphs stay uncited: `manage.py content_audit` lists them. Source lines
the earlier releases wrote are replaced by the same documents' lines with their short names, so the
citations find them.

A row nobody had edited (its text matches the fingerprint `load_seed_content` stored) gets a fingerprint
of its new text, so `load_seed_content --update-unedited` still knows it as unedited.
"""

import json
import re
from pathlib import Path

from django.db import migrations

from pages.markdown import render_markdown
from pages.seed import PAGE_FIELDS, SIDE_EFFECT_FIELDS, fingerprint

SNAPSHOT = Path(__file__).with_name("0009_citations.json")

EPAR = (
    "[Lemtrada: EPAR, product information (Summary of Product Characteristics and Package Leaflet)]"
    "(https://www.ema.europa.eu/en/medicines/human/EPAR/lemtrada), European Medicines Agency, as updated by the "
    "European Commission decision of 16 January 2020"
)
# The source lines earlier releases loaded, and the documents (by short name) that now stand for them.
OLD_SOURCES = {
    EPAR: ["PL", "SmPC"],
    "[Lemtrada: Article 20 referral (safety review)](https://www.ema.europa.eu/en/medicines/human/referrals/lemtrada), "
    "European Medicines Agency, recommendation of 14 November 2019 and European Commission decision of 16 January "
    "2020": ["Referral"],
    "Lemtrada (alemtuzumab): updated restrictions and strengthened monitoring requirements following review of "
    "serious cardiovascular and immune-mediated reactions, MHRA Drug Safety Update, February 2020": ["DSU"],
    "Lemtrada 12 mg concentrate for solution for infusion: UK Summary of Product Characteristics, electronic "
    "medicines compendium (emc), last updated 15 November 2022 (sections 4.1 and 4.2)": ["SmPC"],
}
# Stored with each source as the documents stood at this release: a later edit of lemtrada_site/sources.py
# must not change what this migration writes.
SOURCE_LINES = {
    "PL": "PL: [Lemtrada Package Leaflet (Annex III B of the product information)](https://www.ema.europa.eu/en/"
    "documents/product-information/lemtrada-epar-product-information_en.pdf), European Medicines Agency, the text as "
    "published by March 2024",
    "SmPC": "SmPC: [Lemtrada Summary of Product Characteristics (Annex I of the product information)](https://www."
    "ema.europa.eu/en/documents/product-information/lemtrada-epar-product-information_en.pdf), European Medicines "
    "Agency, the text as published by March 2024",
    "DSU": "DSU: [Lemtrada (alemtuzumab): updated restrictions and strengthened monitoring requirements following "
    "review of serious cardiovascular and immune-mediated reactions](https://www.gov.uk/drug-safety-update/lemtrada-"
    "alemtuzumab-updated-restrictions-and-strengthened-monitoring-requirements-following-review-of-serious-"
    "cardiovascular-and-immune-mediated-reactions), MHRA Drug Safety Update, 12 February 2020",
    "Referral": "Referral: [Lemtrada: Article 20 referral (the EU safety review)](https://www.ema.europa.eu/en/"
    "medicines/human/referrals/lemtrada), European Medicines Agency, recommendation of 14 November 2019, European "
    "Commission decision of 16 January 2020",
}


def cite(text, pairs):
    """The text with each paragraph the snapshot knows, where it stands whole and uncited, given its citation."""
    for block, comment in pairs:
        pattern = re.compile(rf"^{re.escape(block)}$", re.M)
        found = list(pattern.finditer(text))
        if len(found) == 1:
            end = found[0].end()
            text = f"{text[:end]} {comment}{text[end:]}"
    return text


def new_sources(sources):
    lines, shorts = [], []
    for line in sources.splitlines():
        entry = line.removeprefix("- ").strip()
        if entry in OLD_SOURCES:
            shorts += [short for short in OLD_SOURCES[entry] if short not in shorts]
        elif line.strip():
            lines.append(line)
    return "\n".join([*(f"- {SOURCE_LINES[short]}" for short in shorts), *lines])


def add_citations(apps, schema_editor):
    snapshot = json.loads(SNAPSHOT.read_text())
    for kind, model_name, fields, text_fields in [
        ("page", "Page", PAGE_FIELDS, ["body"]),
        ("side_effect", "SideEffect", SIDE_EFFECT_FIELDS, ["urgent_signs", "description", "what_to_do"]),
    ]:
        for row in apps.get_model("pages", model_name).objects.all():
            values = {field: getattr(row, field) for field in fields}
            unedited = bool(row.seed_fingerprint) and fingerprint(values, fields) == row.seed_fingerprint
            changed = []
            for field in text_fields:
                cited = cite(getattr(row, field), snapshot.get(f"{kind}/{row.slug}/{field}", []))
                if cited != getattr(row, field):
                    setattr(row, field, cited)
                    changed.append(field)
            if changed:
                row.sources = new_sources(row.sources)
                row.sources_html = str(render_markdown(row.sources))  # historical models do not render on save
                changed += ["sources", "sources_html"]
                if unedited:
                    row.seed_fingerprint = fingerprint({field: getattr(row, field) for field in fields}, fields)
                    changed.append("seed_fingerprint")
                row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0008_side_effect_bands_from_the_leaflet"),
    ]

    operations = [
        migrations.RunPython(add_citations, migrations.RunPython.noop),
    ]
