"""The journeys people make through the site, in a real browser, with no console errors or CSP violations."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from pages.models import Page, SideEffect
from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def photo_has_loaded(image):
    image.page.wait_for_load_state("load")  # images included: a busy machine may still be fetching it
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def tab_to(page, selector, *, limit=80):
    """Press Tab until the focus is on `selector`, as a keyboard user would; fail if it never gets there."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        passed.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    pytest.fail(f"Tab never reached {selector}; it passed:\n" + "\n".join(passed[-15:]))


def test_a_visitor_reads_from_home_to_the_stories_about_one_side_effect(page, published_story, visit, watch):
    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lemtrada (alemtuzumab) for relapsing-remitting MS")

    main_nav(page).get_by_role("link", name="Treatment", exact=True).click()
    expect(page).to_have_url(re.compile(r"/treatment/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How Lemtrada is given")

    main_nav(page).get_by_role("link", name="Side effects").click()
    expect(page).to_have_url(re.compile(r"/side-effects/$"))
    expect(main_nav(page).get_by_role("link", name="Side effects")).to_have_attribute("aria-current", "page")

    page.get_by_role("main").get_by_role("link", name="Infusion reactions").first.click()
    expect(page).to_have_url(re.compile(r"/side-effects/infusion-reactions/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Infusion reactions")
    expect(page.get_by_role("heading", name="Stories that mention infusion reactions")).to_be_visible()

    page.get_by_role("link", name="All stories about infusion reactions").click()
    expect(page).to_have_url(re.compile(r"/stories/\?side_effect=infusion-reactions$"))
    page.get_by_role("link", name="Five days in spring").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Five days in spring")
    expect(page.get_by_text("By summer I was walking further than in years.")).to_be_visible()
    photo = page.get_by_role("img", name="A hospital window with blossom outside")
    assert photo_has_loaded(photo)
    watch.assert_clean()


def test_an_author_shares_a_story_with_a_photo_using_only_the_keyboard(page, seeded, visit, jpeg, mailoutbox, watch):
    infusion_reactions = SideEffect.objects.get(slug="infusion-reactions")
    visit(page, "/stories/share/")

    # The skip link comes first and takes the author straight to the page's content.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, "[name=display_name]")
    page.keyboard.type("Jo")
    page.keyboard.press("Tab")
    page.keyboard.type("jo@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Five days in spring")
    page.keyboard.press("Tab")
    page.keyboard.type("The infusions were long but the nurses were lovely.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("By summer I was walking **further** than in years.")

    # The file chooser is the browser's own window, not the site's: reach the field by keyboard, then
    # hand it the file (Chromium's chooser, opened by Space, is not reliably interceptable headless).
    tab_to(page, "[name=photo]")
    page.locator(":focus").set_input_files({"name": "spring.jpg", "mimeType": "image/jpeg", "buffer": jpeg})
    page.keyboard.press("Tab")
    page.keyboard.type("A hospital window with blossom outside")
    page.keyboard.press("Tab")
    page.keyboard.type("2021")
    tab_to(page, f"[name=side_effects][value='{infusion_reactions.pk}']")
    page.keyboard.press("Space")

    # First a preview: the story as it will be published, the chosen photo in it.
    tab_to(page, "button[value=preview]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    preview = page.locator(".preview-frame")
    expect(page.get_by_role("heading", name="Preview: your story as it will be published")).to_be_visible()
    expect(preview.get_by_role("heading", level=3)).to_have_text("Five days in spring")
    expect(preview.locator("strong")).to_have_text("further")
    expect(preview).to_contain_text("started Lemtrada in 2021")
    expect(preview.get_by_role("link", name="Infusion reactions")).to_be_visible()
    assert photo_has_loaded(preview.get_by_role("img", name="A hospital window with blossom outside"))
    expect(page.locator("[name=title]")).to_have_value("Five days in spring")

    # Consent was not ticked: a form error, and the photo is still kept.
    tab_to(page, "button[value=send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please tick the box to agree")
    expect(page.get_by_text("We have kept the photo you chose")).to_be_visible()
    assert photo_has_loaded(page.locator(".kept-photo-thumbnail"))
    tab_to(page, "[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "form#story-form button[value=send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/stories/share/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for sharing your story")
    story = Story.objects.get()
    assert (story.status, story.title, story.display_name) == ("pending", "Five days in spring", "Jo")
    assert story.photo and story.photo_alt == "A hospital window with blossom outside"
    assert list(story.side_effects.all()) == [infusion_reactions]
    receipt = next(mail for mail in mailoutbox if mail.to == ["jo@example.org"])
    private_link = re.search(r"https?://\S+?(/stories/mine/[\w-]+/)", receipt.body).group(1)  # on the live server

    visit(page, private_link)
    expect(page.locator(".status-panel")).to_contain_text("Waiting for review")
    assert photo_has_loaded(page.get_by_role("img", name="A hospital window with blossom outside"))
    watch.assert_clean()


def test_a_moderator_previews_a_story_and_approves_it(
    page, seeded, make_story, moderator, login, jpeg, mailoutbox, screenshot, watch
):
    story = make_story(
        title="Five days in spring",
        body="The infusions were long but the nurses were lovely.",
        photo_alt="A hospital window with blossom outside",
        side_effects=[SideEffect.objects.get(slug="infusion-reactions")],
    )
    story.photo.save("spring.jpg", ContentFile(jpeg), save=True)
    login(page, "moderator")

    page.get_by_role("link", name="Stories", exact=True).first.click()
    page.get_by_role("link", name="Five days in spring").click()

    preview = page.locator(".story-admin-preview")
    expect(page.get_by_role("heading", name="As it will be published")).to_be_visible()
    expect(preview.get_by_role("heading", name="Five days in spring")).to_be_visible()
    expect(preview).to_contain_text("The infusions were long but the nurses were lovely.")
    assert photo_has_loaded(preview.get_by_role("img", name="A hospital window with blossom outside"))
    screenshot(page, "admin-story-moderation")

    page.get_by_role("button", name="Approve and publish").click()

    expect(page.locator(".messagelist")).to_contain_text("“Five days in spring” has been published.")
    page.goto("/stories/")
    page.get_by_role("link", name="Five days in spring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Five days in spring")
    story.refresh_from_db()
    assert story.status == "approved" and story.moderated_by == moderator
    assert any(mail.to == ["sam@example.org"] for mail in mailoutbox), "the author is told"
    watch.assert_clean()


def test_the_author_withdraws_their_story_by_the_private_link(page, published_story, visit, watch):
    token = published_story.issue_private_token()
    published_story.save()
    private_link = f"/stories/mine/{token}/"
    visit(page, private_link)
    expect(page.locator(".status-panel")).to_contain_text("Published")

    page.get_by_role("link", name="Withdraw and erase my story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw “Five days in spring”?")
    published_story.refresh_from_db()
    assert published_story.status == "approved"  # nothing happens before the confirmation
    page.get_by_role("button", name="Yes, withdraw and erase my story").click()

    expect(page).to_have_url(re.compile(r"/stories/withdrawn/$"))
    visit(page, "/stories/")
    expect(page.get_by_role("link", name="Five days in spring")).to_have_count(0)
    for gone in (private_link, published_story.get_absolute_url()):
        watch.allow_not_found(gone)
        visit(page, gone, status=404)
    visit(page, private_link, status=404)
    expect(page.get_by_text("The story has been withdrawn, or the link is no longer valid.")).to_be_visible()
    published_story.refresh_from_db()
    assert published_story.status == "withdrawn" and not published_story.photo
    watch.assert_clean()


def test_an_editor_changes_a_page_with_the_live_preview_and_sees_it_and_its_history(
    page, seeded, editor, login, visit, screenshot, watch
):
    treatment = Page.objects.get(slug="treatment")
    login(page, "nurse")

    page.get_by_role("link", name="Pages", exact=True).first.click()
    page.get_by_role("link", name="How Lemtrada is given").click()
    body = page.locator("#id_body")
    preview = page.locator(".markdownx:has(#id_body) .markdownx-preview")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nNurses say: **bring a book** to your infusion.")

    # The preview is rendered by the server (/markdownx/markdownify/) and shown as HTML.
    expect(preview.locator("strong", has_text="bring a book")).to_be_visible()
    expect(preview.locator("p").first).to_be_visible()
    screenshot(page, "admin-page-live-preview")
    page.locator("input[name=_save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    visit(page, "/treatment/")
    expect(page.get_by_role("main").locator("strong", has_text="bring a book")).to_be_visible()
    expect(page.get_by_text("Nurses say:")).to_be_visible()

    visit(page, f"/admin/pages/page/{treatment.pk}/history/")
    history = page.locator("#content")
    expect(history).to_contain_text("nurse")
    assert treatment.history.count() >= 2 and treatment.history.first().history_user == editor
    watch.assert_clean()
