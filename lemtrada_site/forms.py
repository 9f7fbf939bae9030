"""
What every public form does against bots, replays and hostile text: the story form (stories/forms.py)
and the contact form (pages/forms.py) both mix in ProtectedForm, and their views both hand a sent form
to receive(). One pipeline, so a fix reaches both.
"""

import hashlib
import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.shortcuts import redirect, render

# The salt of the signed timer. (Named for the story form, the first to have one: changing it would
# expire every form open in a browser at the moment of the upgrade.)
STARTED_SALT = "stories.share.started"

# Characters that are never seen but change what is: C0 controls but tab and newline, and DEL (some break
# XML, the feed); bidi embeddings, overrides and isolates and direction marks, which turn the text around
# them (an override before 21970 shows it as 07912); zero-width spaces, word joiners and invisible
# operators, which hide words from anyone searching for them; and a zero-width joiner or non-joiner
# beside an ASCII letter, digit, space or sign (where it joins nothing). Kept: those joiners between
# other characters, which make an emoji (woman + ZWJ + wheelchair) or a word in Persian or an Indian
# script, and the tag characters that follow a black flag (the flags of Wales, Scotland and England).
CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    r"|(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])"
    r"|(?<![\U0001f3f4\U000e0020-\U000e007f])[\U000e0000-\U000e007f]"
)


def without_control_characters(text):
    """`text` with line endings made LF and every control or invisible formatting character removed."""
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class NotStored(Exception):
    """
    A form's `store` step could not store what was sent because something outside the site failed (the
    object store, say): the form comes back as typed, with this message on `field`, nothing stored and
    none of the sender's allowance used. For a failure they can work around or wait out.
    """

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


def sign_started(at=None):
    """A tamper-proof note of when the form was shown, for the minimum-fill-time spam check."""
    return signing.dumps({"t": time.time() if at is None else at}, salt=STARTED_SALT, compress=True)


class ProtectedForm:
    """
    What every public form does against bots, replays and hostile text (mix in before ModelForm):
    every value stripped of control characters, a signed timer (a hidden `started` field, checked
    first: declare `field_order = ["started"]`), a honeypot (`website`), and a digest naming this copy
    of the form. `noun` words the messages for the person filling it in. A form says which hourly
    allowance a stored copy uses (`allowance`), and how to tell it was stored already (`already_stored`).
    """

    noun = "form"
    allowance = None  # an HourlyAllowance (lemtrada_site/allowances.py)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:  # a request's QueryDict: every value of every field, cleaned
            data = data.copy()
            for name in data:
                data.setlist(name, [without_control_characters(value) for value in data.getlist(name)])
        super().__init__(data, *args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = sign_started()

    @property
    def is_spam(self):
        """Filled honeypot: a bot. The view drops what it sent quietly and says thank you."""
        return bool(self.data.get("website"))

    @property
    def form_digest(self):
        """Names this copy of the form: what is stored from it uses it up, so it can't send a second."""
        return digest_of(self.data)

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT, max_age=24 * 60 * 60)["t"]
        except (signing.BadSignature, KeyError, TypeError):
            raise forms.ValidationError(
                f"This form has expired. Please check your {self.noun} and send it again.", code="expired"
            ) from None
        if time.time() - started < settings.STORY_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                f"That was quicker than we expected. Please check your {self.noun} and send it again.",
                code="too_fast",
            )
        return started

    def renew_timer(self):
        """An expired or too-quick form gets a fresh timer, so sending it again can work."""
        if "started" in self.errors:
            self.data = self.data.copy()
            self.data["started"] = sign_started()

    def already_stored(self):
        """Whether something was stored from this copy of the form (its form_digest) already."""
        raise NotImplementedError

    def discard_unsaved(self):
        """Remove anything written while storing (a file) when the row itself was not stored."""


def digest_of(data):
    """The digest naming the copy of a form that `data` (a request's POST) was sent from: its signed timer's."""
    return hashlib.sha256(without_control_characters(data.get("started", "")).encode()).hexdigest()


def receive(request, form_class, *, store, again, thanks):
    """
    The steps every public form takes once it is sent, in order, the cheap ones first (the request's
    size was checked by middleware):

    1. a client over its hourly allowance gets no further (nothing is decoded);
    2. the same copy of the form sent again (a double click, a reload): thanks, before anything is checked,
       so the second request never shows an error for what the first one stored (its kept photo is gone);
    3. a form with errors comes back as typed, through `again(form)`, with a fresh timer if it had expired
       or was too quick; a bot (the honeypot): thanks, and nothing stored;
    4. one of the client's allowance is claimed;
    5. `store(form)` saves it, and queues its mail, in one transaction;
    6. the same copy sent twice at once: the database's unique form digest decides, and the loser's
       claim is given back. Something outside the site that failed while storing (NotStored): the form
       again, as typed, with what happened, and the claim given back. Any other refusal is an error the
       sender sees, not a false "thank you".

    Returns the response: a redirect to `thanks` (a URL name), the form again, or the 429 page.
    """
    allowance = form_class.allowance
    if allowance.exhausted(request):
        return rate_limited(request, allowance)
    form = form_class(request.POST, request.FILES)
    if form.already_stored():
        return redirect(thanks)
    if not form.is_valid():
        form.renew_timer()
        return again(form)
    if form.is_spam:
        return redirect(thanks)
    if not allowance.claim(request):
        return rate_limited(request, allowance)
    try:
        with transaction.atomic():
            store(form)
    except IntegrityError:
        form.discard_unsaved()
        if not form.already_stored():
            raise
        # The same form, sent twice at once: the other request stored it (and queued its mail).
        allowance.release(request)
        return redirect(thanks)
    except NotStored as failure:
        form.discard_unsaved()
        allowance.release(request)
        form.add_error(failure.field, str(failure))
        return again(form)
    except DatabaseError:
        form.discard_unsaved()
        raise
    return redirect(thanks)


def rate_limited(request, allowance):
    return render(request, "rate_limited.html", {"sent": allowance.sent}, status=429)
