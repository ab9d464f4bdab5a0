"""Profile names: cleaned, refused with a reason that names what is already there."""

from __future__ import annotations

import pytest

from desktop_app.domain.profiles import ProfileNameError, clean_profile_name


def test_a_taken_name_is_quoted_as_it_exists_not_as_typed() -> None:
    with pytest.raises(ProfileNameError) as refused:
        clean_profile_name("  demo ", existing=["Sam", "Demo"])
    assert str(refused.value) == "There is already a profile called “Demo”."


def test_spaces_are_folded_and_a_free_name_is_kept() -> None:
    assert clean_profile_name("  Work   notes ", existing=["Demo"]) == "Work notes"
