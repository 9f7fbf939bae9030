"""
The mail a story causes: a receipt for the author, a note for the moderators, and the decision.

Mail never carries the story's text, and mail to an author carries no text the submitter chose
(not even their display name): the address is unverified, so anyone could make the site send
their words to a stranger. Each message is a task queued in the same transaction as the
change it reports, so it exists only if the story does; a worker sends it and, if the mail server
fails, tries again later with growing gaps. A failing mail server never loses a story or shows the
author an error. Tasks carry only the story's id: names, emails and the private link are read or
made when the mail is sent, so none of them wait in the queue. Links start with settings.SITE_URL,
never with the Host header of the request that caused the mail.
"""

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from lemtrada_site.groups import MODERATORS, member_addresses
from lemtrada_site.tasks import enqueue_on_commit, send_mail_or_retry
from pages.models import SideEffect

from .models import Story


def moderator_addresses():
    return sorted({*member_addresses(MODERATORS), *settings.STORY_MODERATOR_EMAILS})


def _receipt(story, site):
    # The private link is made here, at sending time, so it is never stored anywhere but in the mail.
    token = story.issue_private_token()
    story.save(update_fields=["token_hash"])
    private_url = site + reverse("stories:mine", kwargs={"token": token})
    context = {"private_url": private_url, "urgent": story.urgent}
    if story.urgent:
        # A story that seems to describe urgent signs happening now: the receipt leads with what to do at once.
        context |= SideEffect.help_now() | {"warning_signs_url": site + reverse("pages:warning-signs")}
    return [story.email], context


def _moderators(story, site):
    admin_url = site + reverse("admin:stories_story_change", args=[story.pk])
    return moderator_addresses(), {"admin_url": admin_url, "urgent": story.urgent}


def _approved(story, site):
    return [story.email], {"public_url": site + story.get_absolute_url()}


def _rejected(story, site):
    return [story.email], {"reason": story.rejection_reason, "share_url": site + reverse("stories:share")}


# django.tasks' highest priority: the worker takes these first.
URGENT_PRIORITY = 100
SENT_AT_ONCE_WHEN_URGENT = {"receipt", "moderators_new_story"}

MAILS = {
    "receipt": _receipt,
    "moderators_new_story": _moderators,
    "approved": _approved,
    "rejected": _rejected,
}
# Mail to the site's staff, from the staff sender (settings.STAFF_FROM_EMAIL); the rest goes to authors.
STAFF_MAILS = {"moderators_new_story"}


@task(takes_context=True)
def send_story_mail(context, mail, story_id, attempt=1):
    """Send one of MAILS about a story; on a mail-server failure, queue a later attempt."""
    story = Story.objects.filter(pk=story_id).exclude(status=Story.Status.WITHDRAWN).first()
    if story is None:
        return "skipped: the story is gone or withdrawn"
    recipients, mail_context = MAILS[mail](story, settings.SITE_URL)
    if not recipients:
        return "skipped: nobody to tell"
    send_mail_or_retry(
        _task_for(mail, story),
        mail,
        story_id,
        template=f"stories/email/{mail}.txt",
        context=mail_context,
        recipients=recipients,
        attempt=attempt,
        what=f"the {mail!r} mail for story {story_id}",
        to_staff=mail in STAFF_MAILS,
    )
    return "sent"


def _task_for(mail, story):
    """
    The receipt and the moderators' note about a story that may describe urgent signs now go ahead of every
    other queued mail (the worker takes the highest priority first), and so does any retry of them.
    """
    if story.urgent and mail in SENT_AT_ONCE_WHEN_URGENT:
        return send_story_mail.using(priority=URGENT_PRIORITY)
    return send_story_mail


def _queue(mail, story):
    enqueue_on_commit(_task_for(mail, story), mail, story.pk)


def story_submitted(story):
    _queue("receipt", story)
    _queue("moderators_new_story", story)


def story_moderated(story):
    if story.status == Story.Status.APPROVED:
        _queue("approved", story)
    elif story.status == Story.Status.REJECTED:
        _queue("rejected", story)
