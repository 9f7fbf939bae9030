import logging

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lemtrada_site.allowances import story_submissions
from lemtrada_site.forms import NotStored, ProtectedForm
from lemtrada_site.medicine import FIRST_TREATMENT_YEAR
from lemtrada_site.storage import UPLOAD_ERRORS
from pages.images import ImageRefused, clean_image
from pages.models import SideEffect

from . import unsent_photos
from .models import PHOTO_FORMATS, Story

logger = logging.getLogger(__name__)

# Bump the version whenever the consent wording changes; each story records the one its author saw.
CONSENT_VERSION = "2026-11-26"
CONSENT_TEXT = (
    "I agree that this site may keep my story, which may say things about my health, with my email address, "
    "and publish the story on this website under the name I gave, after a moderator has read it. I understand "
    "I can withdraw it at any time using the private link I will be emailed."
)

BODY_MAX_LENGTH = 10_000
# When the photo storage (the object store, or the disk) fails while a story is sent or previewed.
PHOTO_NOT_STORED = (
    "We could not store your photo just now: the place we keep photos is not answering. Your story is "
    "kept below, as you wrote it. You can send it without the photo (clear its description too), or try "
    "adding the photo again in a few minutes."
)


class StoryForm(ProtectedForm, forms.ModelForm):
    noun = "story"
    allowance = story_submissions
    # The timer is checked first: a forged or expired form goes no further than that (no photo decoded).
    field_order = ["started"]

    body = forms.CharField(
        label="Your story",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=BODY_MAX_LENGTH,
        help_text="Tell it in your own words. A blank line starts a new paragraph. Please leave out other "
        "people's names and anything that could identify them.",
        error_messages={
            "required": "Please write your story.",
            "max_length": f"Your story is too long for us to publish: please keep it under {BODY_MAX_LENGTH:,} "
            "characters (it has %(show_value)d now).",
        },
    )
    side_effects = forms.ModelMultipleChoiceField(
        queryset=SideEffect.objects.published(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Side effects your story mentions",
        help_text="Optional. Your story will be listed on the page for each one you tick.",
    )
    photo = forms.FileField(
        required=False,
        label="A photo (optional)",
        help_text="A JPEG, PNG or WebP image up to 10 MB. We remove its hidden details, such as where it "
        "was taken, before storing it. Avoid photos that show other people's faces.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    # The photo chosen before a preview or a form error: a signed reference, never a path (unsent_photos.py).
    kept_photo = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_photo = forms.BooleanField(required=False, label="Remove photo")
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Please tick the box to agree, so we can publish your story."},
    )
    # A field people never see: bots fill in every field they find.
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Story
        fields = ["display_name", "email", "title", "body", "photo", "photo_alt", "treatment_year", "side_effects"]
        labels = {
            "display_name": "Your name as it will be shown",
            "email": "Your email address",
            "title": "A title for your story",
            "photo_alt": "Describe your photo (needed if you add one)",
            "treatment_year": "The year you started Lemtrada (optional)",
        }
        help_texts = {
            "display_name": "A first name or a made-up name is fine. Do not use your full name if you would rather "
            "not be recognised.",
            "email": "We use it only to send you a receipt, your private link and our decision. "
            "It is never shown on the site.",
            "title": "A few words, for example “My first year after Lemtrada”.",
            "photo_alt": "Needed if you add a photo: a short description for people who cannot see it, "
            "for example “Me on a walk by the sea”.",
            "treatment_year": f"Between {FIRST_TREATMENT_YEAR} and this year.",
        }
        error_messages = {
            "display_name": {"required": "Please enter a name to show with your story."},
            "email": {
                "required": "Please enter your email address, so we can tell you what happens to your story.",
                "invalid": "Please enter an email address like name@example.com.",
            },
            "title": {"required": "Please give your story a title."},
        }
        widgets = {
            # Input purposes (WCAG 1.3.5): a nickname, since the hint asks for a first or made-up name.
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            # Text, not type=number: a scroll wheel or an arrow key would change the year by accident.
            "treatment_year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["treatment_year"].error_messages.update(
            min_value=f"Lemtrada was first licensed in {FIRST_TREATMENT_YEAR}: please check the year.",
            invalid="Please write the year in figures, for example 2021.",
        )
        self.new_photo = None  # a photo chosen in this request, once accepted
        self.kept_photo_name = None  # one chosen earlier and kept for this form

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload or "started" in self._errors:
            return None
        try:
            self.new_photo = clean_image(upload, max_bytes=settings.STORY_PHOTO_MAX_BYTES, formats=PHOTO_FORMATS)
        except ImageRefused as refusal:
            raise forms.ValidationError(str(refusal), code="photo_refused") from None
        return self.new_photo

    def clean(self):
        cleaned = super().clean()
        if "started" in self._errors:
            return cleaned
        try:
            kept = unsent_photos.find(self.data.get("kept_photo"), form_digest=self.form_digest)
        except UPLOAD_ERRORS:
            kept = None
            self.photo_not_stored()
        if kept and (cleaned.get("remove_photo") or self.new_photo):
            unsent_photos.discard(kept)  # removed, or replaced by the photo chosen now
            self.data["kept_photo"] = ""
        elif kept:
            self.kept_photo_name = kept
        has_photo = bool(self.new_photo or self.kept_photo_name)
        described = bool((cleaned.get("photo_alt") or "").strip())
        if has_photo and not described:
            self.add_error("photo_alt", "Please describe your photo for people who cannot see it.")
        elif described and not has_photo and "photo" not in self._errors:
            self.add_error(
                "photo_alt",
                "You described a photo but there is no photo to go with it. Please choose one, or clear the "
                "description.",
            )
        return cleaned

    def keep_photo(self):
        """
        Keep a photo chosen in this request for the next round of the form (a preview or an error). If the
        photo storage is down, the form says so and the author chooses: without the photo, or later.
        """
        if self.new_photo is None:
            return
        photo, self.new_photo = self.new_photo, None
        try:
            self.data["kept_photo"] = unsent_photos.keep(photo, form_digest=self.form_digest)
            self.kept_photo_name = unsent_photos.find(self.data["kept_photo"])
        except UPLOAD_ERRORS:
            self.photo_not_stored()

    def photo_not_stored(self):
        """Say once that the photo storage is down, however many steps of this request found it so."""
        if PHOTO_NOT_STORED not in self.errors.get("photo", []):
            self.add_error("photo", PHOTO_NOT_STORED)

    @property
    def kept_photo_reference(self):
        return self.data.get("kept_photo") if self.kept_photo_name else ""

    def save_submission(self, *, submitted_by=None):
        """
        Store the story as pending (its private link is made when the receipt is sent). If its photo can't
        be stored, nothing is (NotStored): the author gets the form back as typed.
        """
        story = self.save(commit=False)
        story.consent_version, story.consented_at = CONSENT_VERSION, timezone.now()
        story.form_digest = self.form_digest
        story.submitted_by = submitted_by if submitted_by and submitted_by.is_authenticated else None
        try:
            if self.kept_photo_name:
                story.photo = unsent_photos.claim(self.kept_photo_name)
                kept = self.kept_photo_name
                transaction.on_commit(lambda: unsent_photos.discard(kept))
            story.save()  # writes the photo to storage first
        except UPLOAD_ERRORS as failure:
            raise NotStored(PHOTO_NOT_STORED, field="photo") from failure
        self.save_m2m()
        return story

    def already_stored(self):
        return Story.objects.sent_from_form(self.form_digest)

    def discard_unsaved(self):
        """Delete the photo file save_submission() wrote, when the story itself was not stored."""
        if self.instance.photo:
            try:
                self.instance.photo.delete(save=False)
            except UPLOAD_ERRORS:
                # The storage is down: `manage.py housekeeping` lists the file as belonging to no story.
                logger.warning("Could not delete the photo of a story that was not stored")
