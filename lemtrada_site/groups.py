"""
The staff groups, each named once here. Each app's migrations create its group and grant it its
permissions; the code asks for permissions (user.has_perm), and uses these names only to find whom
to mail.
"""

from django.contrib.auth import get_user_model

# MS nurses and writers: they edit pages and side effects, and read readers' messages (pages).
EDITORS = "Editors"
# Health professionals who sign content off (pages.sign_off_content); they read, but don't edit.
CLINICAL_REVIEWERS = "Clinical reviewers"
# They read and moderate patients' stories (stories).
MODERATORS = "Moderators"


def member_addresses(*groups):
    """The email addresses of the active members of `groups`, sorted, each once."""
    members = get_user_model().objects.filter(groups__name__in=groups, is_active=True).exclude(email="")
    return sorted(set(members.values_list("email", flat=True)))
