"""Errors every use case shares."""

from __future__ import annotations


class InputError(ValueError):
    """What the person entered cannot be saved; ``str()`` says why, in a sentence.

    A dialog catches this one class, whichever service refused the input.
    """
