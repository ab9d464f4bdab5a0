"""How numbers read in tooltips, captions and tables (no matplotlib; dates: ui/dates.py)."""

from __future__ import annotations


def number_text(value: float) -> str:
    """3, 3.5 or 3.67: whole numbers without decimals, others with up to two."""
    from desktop_app.locale_format import format_number

    return format_number(round(value, 2))


def signed_text(value: float) -> str:
    """+1.5 or −2 (a real minus sign)."""
    text = number_text(abs(value))
    return f"+{text}" if value >= 0 else f"−{text}"
