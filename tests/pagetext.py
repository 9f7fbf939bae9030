import re


def text_of(response):
    """The page as a reader sees it: tags removed, white space folded."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
