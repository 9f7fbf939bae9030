"""What someone searches for can say what they fear they have: the words stay out of every log line."""

import pytest

from lemtrada_site.redaction import redact


def test_search_words_are_redacted_in_request_lines_and_referers():
    line = '127.0.0.1 "GET /search/?q=am+I+getting+ITP&page=2 HTTP/1.1" 200 "https://lemtrada.test/search/?q=bruise"'

    assert redact(line) == '127.0.0.1 "GET /search/?[private] HTTP/1.1" 200 "https://lemtrada.test/search/?[private]"'


@pytest.mark.parametrize(
    "address, logged",
    [
        ("/search?q=am+I+getting+ITP", "/search?[private]"),  # Django adds the slash with a redirect
        ("/search/?page=2&q=bruise", "/search/?[private]"),
        ("/SEARCH?q=bruise", "/SEARCH?[private]"),  # any address a search's words were sent to
        ("/%73earch/?q=bruise", "/%73earch/?[private]"),
        ("/treatment/?utm=x&q=bruise", "/treatment/?[private]"),
        ("/stories/?page=2", "/stories/?page=2"),
        ("/stories/?side_effect=itp&page=2", "/stories/?side_effect=itp&page=2"),
    ],
)
def test_search_words_are_redacted_wherever_they_were_sent(address, logged):
    assert redact(f'"GET {address} HTTP/1.1" 301 "https://lemtrada.test{address}"') == (
        f'"GET {logged} HTTP/1.1" 301 "https://lemtrada.test{logged}"'
    )
