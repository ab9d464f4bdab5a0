"""How numbers and days read in tooltips, captions and tables (no matplotlib)."""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """14 Mar 2026. Not strftime: it is slow here (every call goes through an import hook)
    and its %-d does not exist on Windows."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def number_text(value: float) -> str:
    """3, 3.5 or 3.67: whole numbers without decimals, others with up to two."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def signed_text(value: float) -> str:
    """+1.5 or −2 (a real minus sign)."""
    text = number_text(abs(value))
    return f"+{text}" if value >= 0 else f"−{text}"
