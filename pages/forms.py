"""
The contact form. It has the story form's protections (lemtrada_site/forms.py): a signed timer
checked first, a honeypot, control characters stripped, and one stored message per copy of the form.
"""

import re

from django import forms
from django.urls import Resolver404, resolve

from lemtrada_site.allowances import feedback_messages
from lemtrada_site.forms import ProtectedForm

from .lists import SIDE_EFFECTS, WARNING_SIGNS
from .models import HOME_SLUG, Feedback, Page, SideEffect

MESSAGE_MAX_LENGTH = 2_000
PAGE_PATH = re.compile(r"/[A-Za-z0-9/_-]{0,199}")
# The pages made from the side effects, which have no row of their own: their titles as the pages say them.
LIST_PAGES = {page.url_name: page for page in (SIDE_EFFECTS, WARNING_SIGNS)}


def title_of_page(path):
    """
    The title of the site's published information page at `path` (a page, a side effect or their lists), as
    readers see it at the top of the page; "" for anything else.
    """
    if not isinstance(path, str) or not PAGE_PATH.fullmatch(path):
        return ""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if match.view_name in LIST_PAGES:
        return LIST_PAGES[match.view_name].title
    if match.view_name == "home":
        page = Page.objects.published().filter(slug=HOME_SLUG).first()
    elif match.view_name == "pages:detail":
        page = Page.objects.published().filter(slug=match.kwargs["slug"]).first()
    elif match.view_name == "pages:side-effect":
        page = SideEffect.objects.published().filter(slug=match.kwargs["slug"]).first()
    else:
        return ""
    return str(page) if page else ""


def page_on_this_site(path):
    """`path` if it is the address of one of the site's published information pages, else ""."""
    return path if title_of_page(path) else ""


class FeedbackForm(ProtectedForm, forms.ModelForm):
    noun = "message"
    allowance = feedback_messages
    field_order = ["started"]  # a forged or expired form goes no further than the timer

    kind = forms.ChoiceField(
        label="What is it about?",
        choices=Feedback.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what your message is about."},
    )
    message = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Tell us what is wrong, or what you were looking for. Please do not include details about your "
        "own health: we cannot give medical advice. Your message is never shown on the site.",
        error_messages={
            "required": "Please write your message.",
            "max_length": f"Your message is too long: please keep it under {MESSAGE_MAX_LENGTH:,} characters "
            "(it has %(show_value)d now).",
        },
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="Only if you would like a reply. We use it for nothing else, and never show it on the site.",
        error_messages={"invalid": "Please enter an email address like name@example.com, or leave it empty."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Feedback
        fields = ["kind", "message", "email"]

    def clean_page(self):
        return page_on_this_site(self.cleaned_data.get("page"))

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError("Please write your message.", code="required")
        return message

    def already_stored(self):
        return Feedback.objects.filter(form_digest=self.form_digest).exists()

    def save_message(self):
        feedback = self.save(commit=False)
        feedback.page_path = self.cleaned_data["page"]
        feedback.form_digest = self.form_digest
        feedback.save()
        return feedback
