"""An editor cannot mark a side effect “call 999” without making it urgent, with its signs."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import SideEffect

pytestmark = pytest.mark.django_db


def test_call_999_without_urgent_is_refused_with_a_clear_message(make_side_effect):
    side_effect = make_side_effect(emergency=True, urgent=False)
    with pytest.raises(ValidationError) as error:
        side_effect.full_clean()
    assert error.value.message_dict["urgent"] == [
        "A side effect whose signs mean calling 999 is urgent: tick “urgent” too."
    ]


def test_call_999_with_urgent_and_signs_is_accepted(make_side_effect):
    make_side_effect(emergency=True, urgent=True, urgent_signs="- chest pain").full_clean()


def test_the_editors_band_choices_are_the_leaflets_categories_most_common_first(editor_client, seeded):
    itp = SideEffect.objects.get(slug="itp")
    form = editor_client.get(f"/admin/pages/sideeffect/{itp.pk}/change/").context["adminform"].form
    assert [label for value, label in form.fields["band"].choices if value] == [
        "Very common",
        "Common",
        "Uncommon",
        "Rare",
        "Not known",
        "No frequency given",
    ]
