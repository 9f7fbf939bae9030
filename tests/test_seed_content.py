"""`load_seed_content` reads the Markdown files in pages/content/ and never overwrites an editor's change."""

import frontmatter
import pytest
from django.core.management import CommandError, call_command

from lemtrada_site.sources import PL, sources_markdown
from pages import seed
from pages.models import SITE_PAGE_SLUGS, Page, SideEffect

pytestmark = pytest.mark.django_db

CONTENT_FILES = sorted(p for p in seed.CONTENT_DIR.rglob("*.md") if p.name != "README.md")
# The clinical content: everything but the site's pages about itself (about, privacy, accessibility).
CLINICAL_FILES = [path for path in CONTENT_FILES if path.stem not in SITE_PAGE_SLUGS]


def quiet():
    return open("/dev/null", "w")


def test_every_content_file_becomes_a_published_row(seeded):
    pages = sorted(path.stem for path in (seed.CONTENT_DIR / "pages").glob("*.md"))
    side_effects = sorted(path.stem for path in (seed.CONTENT_DIR / "side-effects").glob("*.md"))
    assert sorted(Page.objects.published().values_list("slug", flat=True)) == pages
    assert sorted(SideEffect.objects.published().values_list("slug", flat=True)) == side_effects


def test_a_content_file_is_what_the_site_shows(client, seeded):
    text = (seed.CONTENT_DIR / "side-effects" / "ttp.md").read_text()
    assert "extreme tiredness that you cannot explain" in text
    assert "extreme tiredness that you cannot explain" in client.get("/side-effects/ttp/").content.decode()


@pytest.mark.parametrize("path", CLINICAL_FILES, ids=lambda path: path.name)
def test_every_source_line_names_its_publisher_and_a_date_or_version(path):
    post = frontmatter.load(path)
    publishers = ["European Medicines Agency", "MHRA", "MS Trust", "MS Society", "electronic medicines compendium"]
    for line in sources_markdown(*post["sources"]).splitlines():
        assert any(publisher in line for publisher in publishers), line
        assert any(year in line for year in ["2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"]), line
        assert "search" not in line.lower(), f"a source is a document, not a search page: {line}"


def test_a_registered_document_is_named_by_its_short_name_and_loaded_as_its_full_line(seeded):
    itp = SideEffect.objects.get(slug="itp")
    assert itp.sources == f"- {PL.as_markdown()}"
    assert "PL: <a" in itp.sources_html and PL.url in itp.sources_html


def test_running_the_command_twice_leaves_the_same_rows(seeded):
    def snapshot():
        return (
            list(Page.objects.order_by("slug").values_list("slug", "title", "body", "sources")),
            list(SideEffect.objects.order_by("slug").values_list("slug", "name", "band", "description")),
        )

    before = snapshot()
    out = quiet()
    call_command("load_seed_content", stdout=out)
    assert snapshot() == before


def test_the_second_run_says_nothing_changed(seeded, capsys):
    call_command("load_seed_content")
    assert "nothing changed" in capsys.readouterr().out


def test_an_editors_change_survives_a_rerun_and_missing_content_comes_back(seeded):
    treatment = Page.objects.get(slug="treatment")
    treatment.body = "Rewritten by the MS nurse."
    treatment.save()
    SideEffect.objects.get(slug="infections").delete()

    call_command("load_seed_content", stdout=quiet())

    assert Page.objects.get(slug="treatment").body == "Rewritten by the MS nurse."
    assert SideEffect.objects.filter(slug="infections").exists()


def test_a_broken_content_file_stops_the_load_with_its_name_and_loads_nothing(db, tmp_path, monkeypatch):
    for folder in ["pages", "side-effects"]:
        (tmp_path / folder).mkdir()
    (tmp_path / "pages" / "good.md").write_text(
        "---\ntitle: Good\nslug: good\nposition: 1\nsummary: Fine.\nsources:\n  - MHRA, 2020\n---\nText.\n"
    )
    (tmp_path / "side-effects" / "broken.md").write_text(
        "---\nname: Broken\nslug: broken\nband: sometimes\nposition: 1\nurgency: none\nsummary: S.\n"
        "sources:\n  - MHRA, 2020\n---\n## About this side effect\n\nA.\n\n## What to do\n\nB.\n"
    )
    monkeypatch.setattr(seed, "CONTENT_DIR", tmp_path)

    with pytest.raises(CommandError, match=r"broken\.md: band must be one of very_common"):
        call_command("load_seed_content", stdout=quiet())
    assert not Page.objects.exists()


def test_an_urgent_side_effect_without_its_signs_is_refused(db, tmp_path, monkeypatch):
    (tmp_path / "pages").mkdir()
    (tmp_path / "side-effects").mkdir()
    (tmp_path / "side-effects" / "no-signs.md").write_text(
        "---\nname: No signs\nslug: no-signs\nband: rare\nposition: 1\nurgency: call_999\nsummary: S.\n"
        "sources:\n  - MHRA, 2020\n---\n## About this side effect\n\nA.\n\n## What to do\n\nB.\n"
    )
    monkeypatch.setattr(seed, "CONTENT_DIR", tmp_path)

    with pytest.raises(CommandError, match="no-signs.md: an urgent side effect needs"):
        call_command("load_seed_content", stdout=quiet())
