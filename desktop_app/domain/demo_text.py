"""Words for the demo history: intentions, practices, old patterns, wins, notes.

Kept apart from the generator so the generator reads as a timeline. Plain, warm and
ordinary on purpose: the demo should look like a person's notes, not like a brochure.
"""

from __future__ import annotations

from desktop_app.i18n import N_

# Per life-area question id: (intention, (practice, cadence), (practice, cadence)).
# A cadence is "daily", "weekly" or a number of days a week.
FOCUS_BANK: dict[str, tuple[str, tuple[tuple[str, str | int], ...]]] = {
    "work": (
        N_("Leave work at work and keep one task at a time"),
        (
            (N_("Close the laptop by 18:00"), 5),
            (N_("Plan tomorrow's first task before stopping"), 5),
        ),
    ),
    "relationships": (
        N_("Listen before answering, especially at home"),
        (
            (N_("One unhurried conversation with someone close"), 3),
            (N_("Pause and breathe before replying when hurt"), "daily"),
        ),
    ),
    "world": (
        N_("Show up for the people around me"),
        (
            (N_("Say hello to a neighbour or colleague by name"), 4),
            (N_("An hour helping out locally"), "weekly"),
        ),
    ),
    "body": (
        N_("Treat my body as a friend"),
        ((N_("A twenty-minute walk"), "daily"), (N_("Lights out by 23:00"), 5)),
    ),
    "mind": (
        N_("Notice hard feelings and let them pass"),
        (
            (N_("Five minutes of grounding: what I see, hear and feel"), "daily"),
            (N_("Write down one worry and one fact about it"), 3),
        ),
    ),
    "home": (
        N_("Feel settled about money and home"),
        ((N_("Check the budget for ten minutes"), "weekly"), (N_("Fifteen minutes of tidying"), 4)),
    ),
    "play": (
        N_("Make room for fun without earning it first"),
        ((N_("Something just for fun"), 3), (N_("An evening with no screens"), "weekly")),
    ),
    "growth": (
        N_("Learn a little, often"),
        ((N_("Twenty minutes of reading or practice"), 4),),
    ),
    "meaning": (
        N_("Let my days reflect what matters to me"),
        ((N_("Name one thing I did today that I care about"), "daily"),),
    ),
}

OLD_PATTERNS: dict[str, tuple[str, ...]] = {
    "work": (N_("Worked late again and skipped dinner"), N_("Answered emails in bed")),
    "relationships": (
        N_("Snapped at my partner instead of saying I was tired"),
        N_("Went quiet and shut people out"),
    ),
    "world": (N_("Cancelled on a friend at the last minute"), N_("Avoided a colleague all day")),
    "body": (N_("Stayed up scrolling until 2 am"), N_("Skipped meals and lived on coffee")),
    "mind": (N_("Spiralled into worst-case thinking"), N_("Kept replaying an argument in my head")),
    "home": (N_("Avoided opening the bills"), N_("Let the flat get on top of me")),
    "play": (
        N_("Said no to something fun because I had not earned it"),
        N_("Filled my free evening with chores"),
    ),
    "growth": (
        N_("Dropped the course for a week"), N_("Told myself I am too old to learn this")
    ),
    "meaning": (
        N_("Went through the week on autopilot"), N_("Said yes to everything and lost the day")
    ),
}
GENERIC_PATTERNS = (N_("Fell back into an old habit"), N_("Let a bad mood run the evening"))

TRIGGERS = (
    N_("A long day and very little sleep"),
    N_("A hard conversation with my mother"),
    N_("A deadline moved forward"),
    N_("Felt criticised in a meeting"),
    N_("Lonely weekend"),
    N_("Money worries"),
    N_("Nothing in particular; just tired"),
    N_("Saw old photos"),
)

WHAT_HELPED = (
    N_("Went for a walk and named what I felt"),
    N_("Talked it through with a friend"),
    N_("Wrote it down and read it back the next morning"),
    N_("Five slow breaths, then one small next step"),
    N_("Went to bed early and started again"),
    N_("Remembered that getting back is the work"),
    N_("Brought it to my therapy session"),
)

WINS = (
    N_("Said no to extra work without apologising"),
    N_("Listened all the way to the end before answering"),
    N_("Walked to work instead of taking the bus"),
    N_("Noticed the anger rising and took a breath first"),
    N_("Called my sister just to talk"),
    N_("Cooked a proper dinner"),
    N_("Asked for help when I needed it"),
    N_("Went to bed on time three nights running"),
    N_("Let a worry pass without acting on it"),
    N_("Finished the chapter I had been avoiding"),
    N_("Spent an afternoon doing nothing, on purpose, and enjoyed it"),
    N_("Told a colleague what I actually thought, kindly"),
    N_("Paid the bills the day they came"),
    N_("Laughed properly for the first time in a while"),
)

CHECKIN_NOTES = (
    N_("Tired but OK."),
    N_("Good day. The walk helped."),
    N_("Felt tense in the afternoon; breathing helped a bit."),
    N_("Long day. Kept it simple."),
    N_("Noticed I was rushing and slowed down."),
    N_("A bit low this evening."),
    N_("Really good conversation at dinner."),
    N_("Hard morning, better afternoon."),
)

IDEAL_TEXT: dict[str, str] = {
    "work_ideal": N_("Work that matters, and evenings that are mine."),
    "relationships_ideal": N_("Feeling close and honest with the people I love."),
    "world_ideal": N_("Knowing my neighbours and being useful to someone."),
    "body_ideal": N_("Sleeping well and moving every day without forcing it."),
    "mind_ideal": N_("Being kinder to myself when things go wrong."),
    "home_ideal": N_("A calm home and no dread when the post arrives."),
    "play_ideal": N_("Fun every week, without guilt."),
    "growth_ideal": N_("Always learning something I enjoy."),
    "meaning_ideal": N_("Days that reflect what I care about."),
    "reflection": N_("Some areas are better than I expected. Rest needs more room."),
    "notes": N_("I notice more than I did."),
}
