"""The plan's rules and the published pages they link to state the same numbers."""

import re
from html import unescape

import pytest

from planner import rules


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} is not published"
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split()).lower()


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda rule: f"{rule.page_slug}: {rule.phrase}")
def test_the_page_a_rule_links_to_states_the_rule_in_the_same_words(client, seeded, rule):
    assert rule.phrase.lower() in page_text(client, rule.page_url)


def test_every_page_the_plan_links_to_is_published(client, seeded):
    from plan_dates import plan_url

    html = client.get(plan_url((31, 1, 2027), (31, 1, 2028), (31, 1, 2030))).content.decode()
    linked = set(re.findall(r'<p class="plan-links">Read more: (.*?)</p>', html, re.S))
    urls = {url for links in linked for url in re.findall(r'href="([^"]+)"', links)}

    assert urls == {rule.page_url for rule in rules.RULES}
    for url in urls:
        assert client.get(url).status_code == 200, url
