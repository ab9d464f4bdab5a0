"""The method in a few plain lines, shared by the welcome and home screens.

Marked with ``N_``: pass each through ``_()`` where it is shown.
"""

from desktop_app.i18n import N_

METHOD_LINES = (
    N_("Ground yourself: you are responsible for what you think, what you say, "
       "and how you use your body."),
    N_("Assess honestly: where you are now, and where you want to be. The gap shows "
       "where to work."),
    N_("Practise with consistency: slips are part of it, and coming back is the work. "
       "Notice your wins."),
)

NOT_A_CRISIS_TOOL = N_(
    "Groundwork is a private notebook for your own practice. It is not a diagnostic or "
    "crisis tool. If you are in danger or thinking of hurting yourself, call your local "
    "emergency number or a crisis line, or reach out to someone you trust."
)
