"""
Browser tests: the site served by pytest-django's live_server, driven by Debian's Chromium.

One browser is shared by the whole run (pytest-playwright's session-scoped `browser`); each test
gets fresh contexts. Every context is watched: console errors, uncaught script errors and
Content-Security-Policy violations are collected, and each test ends with `watch.assert_clean()`.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Installed before any page script runs, in every page of a watched context.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
}, true);
"""


# --- The browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """
    Playwright's sync API runs an event loop in this thread; the ORM calls the tests make (creating
    stories, reading them back) are ordinary synchronous code, so Django may allow them here, and
    only here: the setting is undone after the browser tests.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright's own browser download does not work on these machines."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Playwright's default viewport is 1280 x 720; contexts that need another size ask for it.
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture(autouse=True)
def _browser_settings(settings, live_server):
    # Links in mail lead to the site under test.
    settings.SITE_URL = live_server.url
    # A person in a browser test types fast; the spam timer is tested without a browser.
    settings.STORY_FORM_MIN_SECONDS = 0
    # Photos are served by the app itself, as on a one-machine install.
    settings.SERVE_MEDIA = True
    # Plain static storage: the live server serves the files straight from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# --- Watching pages for errors --------------------------------------------------------------------


class Watch:
    """What went wrong in the browser: console errors, script errors, CSP violations."""

    def __init__(self):
        self.problems = []
        self._allowed = []

    def attach(self, context):
        context.expose_binding("__reportCspViolation", self._on_csp_violation)
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.problems.append(f"script error: {error.error}"))
        return context

    def allow_not_found(self, path):
        """Chromium logs the 404 status of a page we meant to open as not found; that is no fault."""
        self._allowed.append((re.compile(r"status of 404 \(Not Found\)"), path))

    def _on_console(self, message):
        text = message.text
        if message.type == "error" or "Content Security Policy" in text or "Content-Security-Policy" in text:
            where = message.location.get("url") or (message.page.url if message.page else "?")
            if any(pattern.search(text) and where.endswith(path) for pattern, path in self._allowed):
                return
            self.problems.append(f"console {message.type} on {where}: {text}")

    def _on_csp_violation(self, source, violation):
        self.problems.append(f"CSP violation on {source['page'].url}: {violation}")

    def assert_clean(self):
        problems, self.problems = self.problems, []
        assert not problems, "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def context(new_context, watch):
    """pytest-playwright's context, watched."""
    return watch.attach(new_context())


@pytest.fixture
def open_context(new_context, watch):
    """Another watched context (a second person, a phone, JavaScript off)."""

    def open_(**kwargs):
        return watch.attach(new_context(**kwargs))

    return open_


@pytest.fixture
def visit():
    def visit_(page, path, *, status=200):
        response = page.goto(path)
        assert response is not None and response.status == status, f"{path}: {response and response.status}"
        return response

    return visit_


# --- Checks ---------------------------------------------------------------------------------------


@pytest.fixture
def axe_violations():
    """The WCAG 2.2 A/AA violations axe-core finds on the page, as readable lines."""
    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": []})
        lines = []
        for violation in results.response["violations"]:
            for node in violation["nodes"]:
                lines.append(
                    f"{page.url} [{violation['id']}, {violation['impact']}] {violation['help']}\n"
                    f"    target: {', '.join(str(t) for t in node['target'])}\n"
                    f"    html:   {node['html'][:300]}\n"
                    f"    why:    {node.get('failureSummary', '').replace(chr(10), ' ')}"
                )
        return lines

    return check


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name):
        width = page.viewport_size["width"]
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)

    return save


# --- Content --------------------------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", stdout=open(os.devnull, "w"))


@pytest.fixture
def jpeg():
    """A small real photo, as a phone would send it."""
    from imagefiles import jpeg_bytes

    return jpeg_bytes((800, 600))


@pytest.fixture
def published_story(seeded, make_story, moderator, jpeg):
    """An approved story with a photo that mentions infusion reactions."""
    from pages.models import SideEffect

    story = make_story(
        title="Five days in spring",
        body="The infusions were long but the nurses were lovely.\n\nBy summer I was walking further than in years.",
        photo_alt="A hospital window with blossom outside",
        treatment_year=2021,
        side_effects=[SideEffect.objects.get(slug="infusion-reactions")],
    )
    story.photo.save("spring.jpg", ContentFile(jpeg), save=True)
    story.approve(moderator)
    return story


@pytest.fixture
def private_story(seeded, make_story):
    """A pending story and its author's private link."""
    story = make_story(title="Waiting to hear", body="I sent this last week.\n\nStill hopeful.")
    token = story.issue_private_token()
    story.save()
    return story, f"/stories/mine/{token}/"


@pytest.fixture
def login(visit):
    def login_(page, username):
        visit(page, "/admin/login/?next=/admin/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("not-a-real-password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")

    return login_


# --- Every page type, for the checks that go round them all --------------------------------------

READING_PAGES = [
    *["home", "info-page", "before-treatment", "after-treatment"],
    *["side-effects", "side-effect", "urgent-side-effect", "emergency-side-effect", "warning-signs"],
    *["stories", "story"],
    *["about", "privacy", "accessibility"],
]
PAGE_TYPES = [
    *READING_PAGES,
    "share-form",
    "share-form-errors",
    "thanks",
    "private-story",
    "withdrawn",
    "contact-form",
    "contact-form-errors",
    "contact-thanks",
    "404",
]


class Tour:
    names = PAGE_TYPES
    reading_pages = READING_PAGES

    def __init__(self, paths, watch):
        self.paths = paths
        self.watch = watch

    def open(self, page, name):
        """Show the page of this type; returns the main response's status."""
        if name == "share-form-errors":
            page.goto("/stories/share/")
            with page.expect_navigation():
                page.get_by_role("button", name="Send my story").click()
            assert page.locator(".error-summary").is_visible()
            return
        if name == "contact-form-errors":
            page.goto("/contact/?page=/treatment/")
            with page.expect_navigation():
                page.get_by_role("button", name="Send my message").click()
            assert page.locator(".error-summary").is_visible()
            return
        if name == "404":
            self.watch.allow_not_found(self.paths[name])
        response = page.goto(self.paths[name])
        expected = 404 if name == "404" else 200
        assert response.status == expected, f"{name} ({self.paths[name]}): {response.status}"


@pytest.fixture
def tour(published_story, private_story, watch):
    return Tour(
        {
            "home": "/",
            "info-page": "/treatment/",
            "before-treatment": "/before-treatment/",
            "after-treatment": "/after-treatment/",
            "side-effects": "/side-effects/",
            "side-effect": "/side-effects/infusion-reactions/",
            "urgent-side-effect": "/side-effects/itp/",
            "emergency-side-effect": "/side-effects/stroke-and-torn-neck-arteries/",
            "warning-signs": "/warning-signs/",
            "stories": "/stories/",
            "story": published_story.get_absolute_url(),
            "share-form": "/stories/share/",
            "thanks": "/stories/share/thanks/",
            "private-story": private_story[1],
            "withdrawn": "/stories/withdrawn/",
            "about": "/about/",
            "privacy": "/privacy/",
            "accessibility": "/accessibility/",
            "contact-form": "/contact/?page=/treatment/",
            "contact-thanks": "/contact/thanks/",
            "404": "/no-such-page/",
        },
        watch,
    )


def pytest_generate_tests(metafunc):
    if "page_type" in metafunc.fixturenames:
        metafunc.parametrize("page_type", PAGE_TYPES)
