"""A small site to search: the hard words, each in one title and maybe some bodies."""

import pytest


@pytest.fixture
def searchable(make_page, make_side_effect):
    home = make_page(
        slug="home",
        title="Lemtrada (alemtuzumab) for relapsing-remitting MS",
        summary="What Lemtrada is and who it is for.",
        body="Lemtrada is a medicine for relapsing-remitting multiple sclerosis.",
    )
    treatment = make_page(
        slug="treatment",
        title="How the treatment is given",
        summary="Two courses, a year apart.",
        body="You have alemtuzumab through a drip into a vein. Each infusion takes about four hours.",
    )
    monitoring = make_page(
        slug="monitoring",
        title="Monitoring after treatment",
        summary="Monthly blood and urine tests for at least four years.",
        body="The blood tests look for thrombocytopenia and for kidney and thyroid problems early.",
    )
    infusion_reactions = make_side_effect(
        slug="infusion-reactions",
        name="Infusion reactions",
        summary="Headache, rash or fever during or soon after a drip.",
        description="Most people have some reaction to their infusions.",
    )
    lymphopenia = make_side_effect(
        slug="lymphopenia",
        name="Low white blood cells (lymphopenia)",
        summary="Fewer white blood cells for a while, so infections are more likely.",
        description="Lymphopenia is expected after every course.",
    )
    itp = make_side_effect(
        slug="itp",
        name="Immune thrombocytopenia (ITP)",
        summary="Too few platelets, so you bruise or bleed easily.",
        description="ITP can start years after treatment.",
        urgent=True,
        urgent_signs="- bruising easily\n- nosebleeds that are hard to stop",
    )
    return {
        "home": home,
        "treatment": treatment,
        "monitoring": monitoring,
        "infusion-reactions": infusion_reactions,
        "lymphopenia": lymphopenia,
        "itp": itp,
    }


def result_urls(response):
    """The links of the search results, in order (information, then patients' stories)."""
    import re

    html = response.content.decode()
    return [
        url
        for results in re.findall(r'<ol class="search-results">(.*?)</ol>', html, re.S)
        for url in re.findall(r'<h3><a href="([^"]+)">', results)
    ]
