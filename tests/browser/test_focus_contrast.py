"""
Everything a keyboard user tabs to stays readable while focused (text at least 4.5:1 against what is
behind it) and shows where the focus is (an indicator at least 3:1 against the background around it),
on every page type, in a browser whose history has visited every link on the site.

Chromium hides visited-link colours from page scripts, so the focused element's own colours are read
through the DevTools protocol, which reports them as painted. The indicator is what focusing adds or
changes (outline, shadows, background, border), measured against the background around the element.
"""

import pytest
from contrast import contrast, flatten, hex_colour, is_opaque, is_transparent, parse_colour, split_shadows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT_MINIMUM = 4.5
INDICATOR_MINIMUM = 3.0

# Chromium shows a link as visited only when it was visited from the same site and frame ("partitioned"
# visited links), and only in a profile kept on disk; one person browsing one site sees the same colours.
UNPARTITIONED_HISTORY = "--disable-features=PartitionVisitedLinkDatabase,PartitionVisitedLinkDatabaseWithSelfLinks"

# In the page: mark the focused element (0) and the elements inside it (1, 2, ...) for the DevTools protocol;
# say which of them carry text, and list the backgrounds of the elements around it, nearest first.
MARK_FOCUSED = """() => {
  document.querySelectorAll("[data-focus-probe]").forEach((el) => el.removeAttribute("data-focus-probe"));
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused === document.documentElement) return null;
  const inside = [focused, ...focused.querySelectorAll("*")];
  inside.forEach((el, index) => el.setAttribute("data-focus-probe", index));
  const textInputs = ["text", "email", "search", "tel", "url", "number", "password", "file"];
  const hasText = (el) =>
    (el.tagName === "INPUT" && textInputs.includes(el.type)) || el.tagName === "SELECT" || el.tagName === "TEXTAREA" ||
    ([...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()) &&
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
      el.getBoundingClientRect().width > 1);
  const parents = inside.map((el) => inside.indexOf(el.parentElement));
  const around = [];
  for (let el = focused.parentElement; el; el = el.parentElement) around.push(getComputedStyle(el).backgroundColor);
  return {
    html: focused.outerHTML.replace(/ data-focus-probe="\\d+"/g, "").slice(0, 140),
    count: inside.length,
    withText: inside.map((el, index) => (hasText(el) ? index : -1)).filter((index) => index >= 0),
    parents,
    around,
  };
}"""


class PaintedStyles:
    """Computed styles as Chromium paints them, visited links included (the DevTools protocol's view)."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("DOM.enable")
        self.cdp.send("CSS.enable")

    def of_marked(self, count):
        root = self.cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node_ids = self.cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-focus-probe]"})["nodeIds"]
        assert len(node_ids) == count
        styles = []
        for node_id in node_ids:
            computed = self.cdp.send("CSS.getComputedStyleForNode", {"nodeId": node_id})["computedStyle"]
            styles.append({item["name"]: item["value"] for item in computed})
        return styles


def indicator_colours(focused, resting):
    """The colours focusing adds or changes, as long as they are at least 2 px thick."""
    colours = []
    if focused["outline-style"] != "none" and float(focused["outline-width"].removesuffix("px")) >= 2:
        colours.append(("outline", parse_colour(focused["outline-color"])))
    resting_shadows = split_shadows(resting["box-shadow"])
    for shadow in split_shadows(focused["box-shadow"]):
        colour, x, y, _blur, spread = shadow
        if shadow not in resting_shadows and max(abs(x), abs(y), spread) >= 2:
            colours.append(("shadow", colour))
    if focused["background-color"] != resting["background-color"]:
        colours.append(("background", parse_colour(focused["background-color"])))
    for side in ["top", "right", "bottom", "left"]:
        colour, width = f"border-{side}-color", float(focused[f"border-{side}-width"].removesuffix("px"))
        if focused[colour] != resting[colour] and width >= 2:
            colours.append((f"{side} border", parse_colour(focused[colour])))
    return [(what, colour) for what, colour in colours if not is_transparent(colour)]


def measure(styles, marked, resting):
    """Text contrast of each piece of text in the focused element, and its indicator's best contrast."""
    around = [parse_colour(colour) for colour in marked["around"]]
    surrounding = flatten(around)
    texts = []
    for index in marked["withText"]:
        layers, at = [], index
        while at >= 0:
            layers.append(parse_colour(styles[at]["background-color"]))
            at = marked["parents"][at]
        behind = flatten(layers + around)
        texts.append((contrast(parse_colour(styles[index]["color"]), behind), styles[index]["color"], behind))
    indicators = [
        (contrast(colour if is_opaque(colour) else flatten([colour, surrounding]), surrounding), what, colour)
        for what, colour in indicator_colours(styles[0], resting)
    ]
    return texts, max(indicators, default=(1.0, "nothing", None)), surrounding


@pytest.fixture
def history(browser_type, browser_type_launch_args, live_server, tmp_path, tour, watch):
    """A browser profile that has visited every page type and every link on them, as a regular reader's would."""
    args = browser_type_launch_args
    context = browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=args["executable_path"],
        args=[*args["args"], UNPARTITIONED_HISTORY],
        base_url=live_server.url,
        locale="en-GB",
    )
    watch.attach(context)
    page = context.new_page()
    links = set()
    for name in tour.names:
        tour.open(page, name)
        links.update(page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)"))
    for link in sorted(links):
        if link.startswith(live_server.url) and "#" not in link:
            page.goto(link)
    page.close()
    yield context
    context.close()


def test_every_focused_element_stays_readable_and_shows_its_focus(history, tour, watch):
    page = history.new_page()
    styles = PaintedStyles(history, page)
    failures, checked = [], 0

    for name in tour.names:
        tour.open(page, name)
        if page.evaluate("document.activeElement !== document.body"):
            page.mouse.click(1, 1)  # a block took the focus as the page opened: start from the top instead
        first = None
        for _ in range(150):
            page.keyboard.press("Tab")
            marked = page.evaluate(MARK_FOCUSED)
            if marked is None or marked["html"] == first:
                break  # past the end of the page, or round to the start again
            first = first or marked["html"]
            focused = styles.of_marked(marked["count"])
            page.evaluate("document.activeElement.blur()")  # the next Tab carries on from here
            resting = styles.of_marked(marked["count"])[0]
            page.evaluate("document.querySelector('[data-focus-probe=\"0\"]').focus()")
            checked += 1

            texts, (indicator, what, colour), surrounding = measure(focused, marked, resting)
            for ratio, text_colour, behind in texts:
                if ratio < TEXT_MINIMUM:
                    failures.append(
                        f"{name}: text {ratio:.2f}:1 ({text_colour} on {hex_colour(behind)}) in {marked['html']}"
                    )
            if indicator < INDICATOR_MINIMUM:
                failures.append(
                    f"{name}: focus indicator {indicator:.2f}:1 ({what} {colour and hex_colour(colour)} "
                    f"on {hex_colour(surrounding)}) for {marked['html']}"
                )

    assert checked > 100, f"only {checked} focus stops were checked"
    assert not failures, "Focused elements that are hard to read or to find:\n" + "\n".join(failures)
    watch.assert_clean()


# The styles the indicator is read from, and the backgrounds around the element, nearest first.
STYLES_AND_SURROUNDINGS = """(el) => {
  const names = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color"];
  for (const side of ["top", "right", "bottom", "left"]) names.push(`border-${side}-color`, `border-${side}-width`);
  const style = getComputedStyle(el);
  const around = [];
  for (let up = el.parentElement; up; up = up.parentElement) around.push(getComputedStyle(up).backgroundColor);
  return { style: Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)])), around };
}"""


def open_error_summary(page, tour):
    tour.open(page, "share-form-errors")
    return page.locator(".error-summary")


def open_preview(page, tour):
    tour.open(page, "share-form")
    page.locator("[name=body]").fill("A first draft.")
    with page.expect_navigation():
        page.get_by_role("button", name="Preview my story").click()
    return page.locator(".preview-title")


@pytest.mark.parametrize("opened", [open_error_summary, open_preview], ids=["error summary", "preview heading"])
def test_a_block_that_takes_the_focus_as_the_page_opens_shows_it(page, tour, opened, watch):
    block = opened(page, tour)
    assert block.evaluate("el => el === document.activeElement"), "the block has the focus"

    focused = block.evaluate(STYLES_AND_SURROUNDINGS)
    block.evaluate("el => el.blur()")
    resting = block.evaluate(STYLES_AND_SURROUNDINGS)["style"]

    surrounding = flatten([parse_colour(colour) for colour in focused["around"]])
    ratios = [(contrast(colour, surrounding), where) for where, colour in indicator_colours(focused["style"], resting)]
    best, where = max(ratios, default=(1.0, "nothing"))
    assert best >= INDICATOR_MINIMUM, f"its focus shows as {where} at {best:.2f}:1 on {hex_colour(surrounding)}"
    watch.assert_clean()
