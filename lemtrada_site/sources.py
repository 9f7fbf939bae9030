"""
The official documents the site's clinical facts rest on, each defined once.

Content files name them by their short name (`sources: [PL, SmPC, DSU]` in pages/content/), and each
paragraph's citation names the short name too (`<!-- PL 4: "within 24 hours" -->`, see
pages/citations.py). The side-effect list, the footer's leaflet link and the planner's rules use the
same entries, so a new revision of a document is recorded here, once.

What was checked in each document, and what could not be, is listed for editors and clinical reviewers
in pages/content/README.md.
"""

from dataclasses import dataclass

EMA_PRODUCT_INFORMATION_URL = (
    "https://www.ema.europa.eu/en/documents/product-information/lemtrada-epar-product-information_en.pdf"
)


@dataclass(frozen=True)
class Document:
    short: str  # how citations name it: PL, SmPC, DSU
    title: str
    url: str
    publisher: str
    version: str  # its date or version, as a reader should see it

    def as_markdown(self):
        """One line of an item's sources, with its short name first: how citations find it."""
        return f"{self.short}: [{self.title}]({self.url}), {self.publisher}, {self.version}"


# What each version says is what was read, no more. The leaflet was read in full, but in a copy of its
# English text (a third party's, made in March 2024, without the leaflet's revision line), not the EMA's own
# PDF: its revision date is not confirmed. The SmPC was read only in part. The Drug Safety Update was read only
# through quotations of it. pages/content/README.md lists what a clinical reviewer should check in the
# documents themselves. The footer says "This site follows {PL.version}."
PL = Document(
    short="PL",
    title="Lemtrada Package Leaflet (Annex III B of the product information)",
    url=EMA_PRODUCT_INFORMATION_URL,
    publisher="European Medicines Agency",
    version="a copy of the leaflet's English text made in March 2024 (the leaflet's revision date is not yet "
    "confirmed)",
)
SMPC = Document(
    short="SmPC",
    title="Lemtrada Summary of Product Characteristics (Annex I of the product information)",
    url=EMA_PRODUCT_INFORMATION_URL,
    publisher="European Medicines Agency",
    version="sections 4.1 and 4.2 read in copies of its English text (the UK edition last updated in November "
    "2022); its other sections not yet checked",
)
DSU = Document(
    short="DSU",
    title="Lemtrada (alemtuzumab): updated restrictions and strengthened monitoring requirements following "
    "review of serious cardiovascular and immune-mediated reactions",
    url="https://www.gov.uk/drug-safety-update/lemtrada-alemtuzumab-updated-restrictions-and-strengthened-"
    "monitoring-requirements-following-review-of-serious-cardiovascular-and-immune-mediated-reactions",
    publisher="MHRA Drug Safety Update",
    version="12 February 2020 (read here only through quotations of it)",
)
REFERRAL = Document(
    short="Referral",
    title="Lemtrada: Article 20 referral (the EU safety review)",
    url="https://www.ema.europa.eu/en/medicines/human/referrals/lemtrada",
    publisher="European Medicines Agency",
    version="recommendation of 14 November 2019, European Commission decision of 16 January 2020",
)

DOCUMENTS = {document.short: document for document in (PL, SMPC, DSU, REFERRAL)}

# The leaflet every page's footer links to.
LEAFLET = PL


def sources_markdown(*entries):
    """
    An item's sources as the Markdown list stored with it: a short name from DOCUMENTS becomes that
    document's line; any other entry (a document that is not one of the registered ones) stays as written.
    """
    return "\n".join(f"- {DOCUMENTS[entry].as_markdown() if entry in DOCUMENTS else entry}" for entry in entries)
