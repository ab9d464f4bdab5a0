"""Words for the demo history: intentions, practices, old patterns, wins, notes.

Kept apart from the generator so the generator reads as a timeline. Plain, warm and
ordinary on purpose: the demo should look like a person's notes, not like a brochure.
"""

from __future__ import annotations

# Per life-area question id: (intention, (practice, cadence), (practice, cadence)).
# A cadence is "daily", "weekly" or a number of days a week.
FOCUS_BANK: dict[str, tuple[str, tuple[tuple[str, str | int], ...]]] = {
    "work": (
        "Leave work at work and keep one task at a time",
        (("Close the laptop by 18:00", 5), ("Plan tomorrow's first task before stopping", 5)),
    ),
    "relationships": (
        "Listen before answering, especially at home",
        (
            ("One unhurried conversation with someone close", 3),
            ("Pause and breathe before replying when hurt", "daily"),
        ),
    ),
    "world": (
        "Show up for the people around me",
        (
            ("Say hello to a neighbour or colleague by name", 4),
            ("An hour helping out locally", "weekly"),
        ),
    ),
    "body": (
        "Treat my body as a friend",
        (("A twenty-minute walk", "daily"), ("Lights out by 23:00", 5)),
    ),
    "mind": (
        "Notice hard feelings and let them pass",
        (
            ("Five minutes of grounding: what I see, hear and feel", "daily"),
            ("Write down one worry and one fact about it", 3),
        ),
    ),
    "home": (
        "Feel settled about money and home",
        (("Check the budget for ten minutes", "weekly"), ("Fifteen minutes of tidying", 4)),
    ),
    "play": (
        "Make room for fun without earning it first",
        (("Something just for fun", 3), ("An evening with no screens", "weekly")),
    ),
    "growth": (
        "Learn a little, often",
        (("Twenty minutes of reading or practice", 4),),
    ),
    "meaning": (
        "Let my days reflect what matters to me",
        (("Name one thing I did today that I care about", "daily"),),
    ),
}

OLD_PATTERNS: dict[str, tuple[str, ...]] = {
    "work": ("Worked late again and skipped dinner", "Answered emails in bed"),
    "relationships": (
        "Snapped at my partner instead of saying I was tired",
        "Went quiet and shut people out",
    ),
    "world": ("Cancelled on a friend at the last minute", "Avoided a colleague all day"),
    "body": ("Stayed up scrolling until 2 am", "Skipped meals and lived on coffee"),
    "mind": ("Spiralled into worst-case thinking", "Kept replaying an argument in my head"),
    "home": ("Avoided opening the bills", "Let the flat get on top of me"),
    "play": (
        "Said no to something fun because I had not earned it",
        "Filled my free evening with chores",
    ),
    "growth": ("Dropped the course for a week", "Told myself I am too old to learn this"),
    "meaning": ("Went through the week on autopilot", "Said yes to everything and lost the day"),
}
GENERIC_PATTERNS = ("Fell back into an old habit", "Let a bad mood run the evening")

TRIGGERS = (
    "A long day and very little sleep",
    "A hard conversation with my mother",
    "A deadline moved forward",
    "Felt criticised in a meeting",
    "Lonely weekend",
    "Money worries",
    "Nothing in particular; just tired",
    "Saw old photos",
)

WHAT_HELPED = (
    "Went for a walk and named what I felt",
    "Talked it through with a friend",
    "Wrote it down and read it back the next morning",
    "Five slow breaths, then one small next step",
    "Went to bed early and started again",
    "Remembered that getting back is the work",
    "Brought it to my therapy session",
)

WINS = (
    "Said no to extra work without apologising",
    "Listened all the way to the end before answering",
    "Walked to work instead of taking the bus",
    "Noticed the anger rising and took a breath first",
    "Called my sister just to talk",
    "Cooked a proper dinner",
    "Asked for help when I needed it",
    "Went to bed on time three nights running",
    "Let a worry pass without acting on it",
    "Finished the chapter I had been avoiding",
    "Spent an afternoon doing nothing, on purpose, and enjoyed it",
    "Told a colleague what I actually thought, kindly",
    "Paid the bills the day they came",
    "Laughed properly for the first time in a while",
)

CHECKIN_NOTES = (
    "Tired but OK.",
    "Good day. The walk helped.",
    "Felt tense in the afternoon; breathing helped a bit.",
    "Long day. Kept it simple.",
    "Noticed I was rushing and slowed down.",
    "A bit low this evening.",
    "Really good conversation at dinner.",
    "Hard morning, better afternoon.",
)

IDEAL_TEXT: dict[str, str] = {
    "work_ideal": "Work that matters, and evenings that are mine.",
    "relationships_ideal": "Feeling close and honest with the people I love.",
    "world_ideal": "Knowing my neighbours and being useful to someone.",
    "body_ideal": "Sleeping well and moving every day without forcing it.",
    "mind_ideal": "Being kinder to myself when things go wrong.",
    "home_ideal": "A calm home and no dread when the post arrives.",
    "play_ideal": "Fun every week, without guilt.",
    "growth_ideal": "Always learning something I enjoy.",
    "meaning_ideal": "Days that reflect what I care about.",
    "reflection": "Some areas are better than I expected. Rest needs more room.",
    "notes": "I notice more than I did.",
}
