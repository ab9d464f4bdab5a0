"""The method in a few plain lines, shared by the welcome and home screens."""

METHOD_LINES = (
    "Ground yourself: you are responsible for what you think, what you say, "
    "and how you use your body.",
    "Assess honestly: where you are now, and where you want to be. The gap shows "
    "where to work.",
    "Practise with consistency: slips are part of it, and coming back is the work. "
    "Notice your wins.",
)

NOT_A_CRISIS_TOOL = (
    "Groundwork is a private notebook for your own practice. It is not a diagnostic or "
    "crisis tool. If you are in danger or thinking of hurting yourself, call your local "
    "emergency number or a crisis line, or reach out to someone you trust."
)
