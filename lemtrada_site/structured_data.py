"""
schema.org JSON-LD for link previews and search engines: MedicalWebPage for information and side
effects, Article for stories, WebPage (or a more exact kind) for the rest.

A page claims `lastReviewed` and `reviewedBy` only when a real clinical review record exists, and is
of the text as it is now: the content models' `latest_review` is the latest sign-off by a clinical
reviewer (`pages.models.Review`, with `reviewed_on`, `reviewer_name` and `reviewer_role`), or None;
after an edit the page says "changed since its last review" (`reviewed_as_it_is` is False), and its
metadata then claims no review either, until the text is signed off again or put back.
"""

from django.conf import settings
from django.templatetags.static import static

SITE_NAME = "Lemtrada patient information"
LANGUAGE = "en-GB"
LEMTRADA = {"@type": "Drug", "name": "Lemtrada", "nonProprietaryName": "alemtuzumab"}


def absolute(path):
    """An address for other sites to use: always from SITE_URL, never from the request."""
    return path if path.startswith(("https://", "http://")) else f"{settings.SITE_URL}{path}"


def share_image():
    return absolute(static("img/share.png"))


def _site():
    return {"@type": "WebSite", "name": SITE_NAME, "url": absolute("/")}


def _publisher():
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute("/")}


def _common(kind, *, title, description, path):
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "name": title,
        "description": description,
        "url": absolute(path),
        "inLanguage": LANGUAGE,
        "isPartOf": _site(),
        "publisher": _publisher(),
    }


def _review(obj):
    review = obj.latest_review
    if review is None or not obj.reviewed_as_it_is:
        return {}
    return {
        "lastReviewed": review.reviewed_on.isoformat(),
        "reviewedBy": {"@type": "Person", "name": review.reviewer_name, "jobTitle": review.reviewer_role},
    }


def medical_web_page(obj, *, title, description):
    """An information page or a side effect."""
    data = _common("MedicalWebPage", title=title, description=description, path=obj.get_absolute_url())
    data["dateModified"] = obj.updated_at.isoformat()
    data["audience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
    data["about"] = LEMTRADA if obj._meta.model_name == "page" else {"@type": "MedicalEntity", "name": title}
    if obj._meta.model_name != "page":
        data["mentions"] = LEMTRADA
    data.update(_review(obj))
    return data


def article(story, *, description):
    """A patient's story: their own words, not medical content, so never a review claim."""
    data = _common("Article", title=story.title, description=description, path=story.get_absolute_url())
    data["headline"] = story.title[:110]
    data["author"] = {"@type": "Person", "name": story.display_name}
    # Never the story's photo: preview caches elsewhere would keep it after a withdrawal.
    data["image"] = share_image()
    if story.published_at:
        data["datePublished"] = story.published_at.isoformat()
        data["dateModified"] = max(filter(None, [story.published_at, story.edited_at])).isoformat()
    data["about"] = LEMTRADA
    return data


def web_page(*, kind="WebPage", title, description, path):
    return _common(kind, title=title, description=description, path=path)
