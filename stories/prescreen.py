"""
Pre-screens: what a tired moderator might miss in a story, pointed out so they look twice.

They never decide anything: a flag is shown on the desk with the words that raised it, and the
moderator approves, edits or rejects as they see fit. Two kinds:

- "Could identify someone": phone numbers (Google's libphonenumber, through `phonenumbers`, finds
  numbers written any usual way and skips years and counts), email addresses, street addresses
  and postcodes, hospital and clinic names, dates of birth, and people's full names (the author's
  too: a display name never hides the same name in the story, and is screened itself).
- "May need urgent care": words for the urgent signs the side-effect pages list (the leaflet's
  signs of bleeding problems and kidney problems) and the stroke and heart signs of the MHRA's Drug
  Safety Updates on Lemtrada (May 2019, February 2020), said in the present tense ("my gums
  are bleeding", not "in 2019 I had bruising"). The author's receipt then carries the "get help
  straight away" signposting.

Each field is screened as readers will see it (`readings`): the body as the page shows it (Markdown
rendered, so `**Dr** Smith` is "Dr Smith", and entities decoded, so `0&#55;911` is "07911"), every
field with full-width and other compatibility forms made plain (NFKC), without invisible characters,
and with a bidi override's run turned round as it is shown. Public forms strip those characters
before storing anything (lemtrada_site/forms.py); the pre-screens also see text stored before, or
typed by a moderator.

Hit and false-alarm counts against a corpus of realistic stories: docs/prescreens.md.
"""

import re
import unicodedata

import phonenumbers

from lemtrada_site.forms import without_control_characters
from pages.markdown import render_markdown, visible_text

IDENTIFY = "identify"
URGENT = "urgent"
KIND_LABELS = {URGENT: "May need urgent care", IDENTIFY: "Could identify someone"}

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
A_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\.?,?\s+\d{{4}}"
    rf"|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})"
)

# Each: (why, pattern). Patterns are matched against the story's own words, one field at a time.
# (Email addresses are found by email_addresses(), below: a pattern for them took time in the square of
# the text's length on a long word with no @.)
IDENTIFYING = [
    (
        "a postcode",
        re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b"),
    ),
    (
        "a street address",
        re.compile(
            r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,3}"
            r"(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Gardens|Grove|Place|Terrace|Court|Mews|Hill|Rd|St|Ave)\b"
        ),
    ),
    (
        "a hospital or clinic",
        re.compile(
            r"\b(?:(?!The\b|A\b|My\b|Our\b|Their\b|This\b|That\b)(?:St\.?|[A-Z][\w'’.-]*)\s+){1,4}"
            r"(?:Hospital|Infirmary|Clinic|Medical Centre|Health Centre|Surgery|Neurology Centre|Neurocentre)s?\b"
        ),
    ),
    (
        "a date of birth",
        re.compile(
            rf"\b(?:born(?:\s+on)?|date of birth(?:\s+is)?|d\.?o\.?b\.?|birthday is)\b[:\s,]*(?:the\s+)?{A_DATE}",
            re.IGNORECASE,
        ),
    ),
    (
        "a person's name",
        re.compile(
            r"\b(?:Dr\.?|Doctor|Professor|Prof\.?|Nurse|Sister|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+[A-Z][a-z'’-]+"
            r"(?:\s+[A-Z][a-z'’-]+)?"
        ),
    ),
]

# Common given names: a given name followed by a capitalised word is very likely somebody's full name.
GIVEN_NAMES = set(
    """
    adam adrian aisha alan alex alexander alice alison amanda amy andrew angela ann anna anne anthony beth bethany
    brian carl carol caroline catherine charles charlotte chloe chris christine claire colin craig daniel david
    dean deborah denise diane donna dylan edward eleanor elizabeth ellie emily emma fatima fiona frances gary
    gemma george graham hannah harry heather helen ian jack jacqueline james jane janet jason jennifer jessica
    joan joanne john jonathan joseph josh joshua julie karen kate katherine kathryn kelly kevin laura lauren leanne
    lee linda lisa louise lucy lynn mandy margaret maria mark martin mary matthew megan michael michelle mohammed
    muhammad natalie neil nicola nicholas olivia oliver patricia paul peter philip priya rachel rebecca richard
    robert ruth ryan sally samantha sandra sarah scott sharon simon sophie stephen steven stuart susan thomas tom
    tony tracey victoria wendy william zoe
    """.split()
)
FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:O'|Mc|Mac)?[A-Z][a-z'’-]+)\b")
NOT_SURNAMES = {"Lemtrada", "And", "The", "I", "MS", "Day", "Christmas", "Easter"}

URGENT_SIGNS = re.compile(
    r"\b(?:bruis\w*|bleed\w*|blood in (?:my|the) (?:urine|wee|pee)"
    r"|(?:red|brown|dark|tea[- ]coloured) (?:urine|wee|pee)"
    r"|coughing up blood|cough(?:ed|ing)? (?:up )?blood|spots? on my (?:skin|legs|arms)|purple spots|red spots"
    r"|pinprick|petechiae|nosebleeds?|heavy periods?|chest pains?|pain in my chest|tight(?:ness)? (?:in )?my chest"
    r"|face (?:is )?droop\w*|drooping|slurr\w*|can'?t (?:lift|move) my arm|numb on one side|one side of my face"
    r"|sudden (?:severe )?headache|worst headache|stroke|swollen (?:legs|feet|ankles)|swelling in my (?:legs|feet))",
    re.IGNORECASE,
)
NOW = (
    r"now|still|today|tonight|this (?:morning|week|evening)|right now|at the moment|currently|since (?:yesterday|last)"
)
PRESENT = re.compile(
    r"\b(?:i am|i'm|i’m|i have|i've|i’ve|i keep|i can'?t|it is|it's|it’s|they are|they're|are|is|keeps?|keep getting"
    rf"|{NOW}|for (?:two|three|a few|several) days)\b",
    re.IGNORECASE,
)
NOW_WORDS = re.compile(rf"\b(?:{NOW})\b", re.IGNORECASE)
PAST_ONLY = re.compile(r"\b(?:had|was|were|ago|used to|back in|in 20\d\d|last (?:year|month))\b", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


# The fields screened, in the order the desk lists what they raised.
FIELDS = ("display_name", "title", "body", "photo_alt")


def screen(story):
    """The flags for a story: a list of {"kind", "why", "field", "words"}, urgent ones first."""
    found = []
    for field in FIELDS:
        for text in readings(story, field):
            found += [{"kind": URGENT, "why": why, "field": field, "words": words} for why, words in _urgent(text)]
            found += [
                {"kind": IDENTIFY, "why": why, "field": field, "words": words} for why, words in _identifying(text)
            ]
    unique = {(flag["kind"], flag["why"], flag["field"], flag["words"]): flag for flag in found}
    return sorted(unique.values(), key=lambda flag: flag["kind"] != URGENT)


# A right-to-left override's run, to its end (PDF), the end of its line, or the next bidi control.
OVERRIDE_RUN = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]*)")


def readings(story, field):
    """
    The text of `field` as readers will see it: one reading, or two when a bidi override turns part of
    it round (the text in stored order, and as shown). The body is read as its page shows it.
    """
    text = getattr(story, field) or ""
    if field == "body" and text:
        text = visible_text(render_markdown(text, authored=True))
    text = unicodedata.normalize("NFKC", text)
    stored_order = without_control_characters(text)
    if "\u202e" not in text:
        return [stored_order]
    shown = without_control_characters(OVERRIDE_RUN.sub(lambda run: run[1][::-1], text))
    return [stored_order, shown]


def _identifying(text):
    for start, end in email_addresses(text):
        yield "an email address", text[start:end]
    for why, pattern in IDENTIFYING:
        for match in pattern.finditer(text):
            yield why, match.group(0).strip()
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
        yield "a phone number", match.raw_string
    for match in FULL_NAME.finditer(text):
        given, family = match.groups()
        if given.lower() in GIVEN_NAMES and family not in NOT_SURNAMES:
            yield "a person's name", match.group(0)


def _in_local_part(character):
    return character.isalnum() or character in "_.+-"


def _in_domain(character):
    return character.isalnum() or character in "_.-"


def email_addresses(text, *, steps=None):
    """
    Where each email address in `text` is, as (start, end): a local part, an @, and a domain of two or
    more labels. Found from each @ outwards, so its cost is in step with the text: a local part never
    reaches back past the previous @ or address, and a domain never forward past the next @, so no
    character is looked at more than twice. (`steps`, a dict, is given the count of characters looked
    at: the tests show the bound.)
    """
    looked, boundary = 0, 0
    at = text.find("@")
    while at != -1:
        start = at
        while start > boundary and _in_local_part(text[start - 1]):
            start -= 1
            looked += 1
        end = at + 1
        while end < len(text) and _in_domain(text[end]):
            end += 1
            looked += 1
        domain = text[at + 1 : end].split("..")[0].rstrip(".")
        if start < at and domain and not domain.startswith(".") and "." in domain:
            end = at + 1 + len(domain)
            yield start, end
            boundary = end
        else:
            boundary = at + 1
        at = text.find("@", at + 1)
    if steps is not None:
        steps["characters"] = looked


def _urgent(text):
    for sentence in SENTENCE.findall(text):
        signs = URGENT_SIGNS.findall(sentence)
        if signs and PRESENT.search(sentence) and not _only_past(sentence):
            for sign in signs:
                yield "urgent signs, said as happening now", sign


def _only_past(sentence):
    """A sentence about the past ("in 2019 I had bruising"), with nothing said about now."""
    now = re.search(
        r"\b(?:now|still|today|tonight|at the moment|currently|right now|this (?:morning|week))\b", sentence, re.I
    )
    return bool(PAST_ONLY.search(sentence)) and not now
