"""What someone searches for can say what they fear they have: the words stay out of every log line."""

from lemtrada_site.redaction import redact


def test_search_words_are_redacted_in_request_lines_and_referers():
    line = '127.0.0.1 "GET /search/?q=am+I+getting+ITP&page=2 HTTP/1.1" 200 "https://lemtrada.test/search/?q=bruise"'

    assert redact(line) == '127.0.0.1 "GET /search/?[private] HTTP/1.1" 200 "https://lemtrada.test/search/?[private]"'
