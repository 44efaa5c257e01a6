"""The staff survey's free-text answers: enough comments per wave for the themes to show.

"Is there anything else you would like to tell us?" is answered by about 60% of staff. A
comment takes one or two themes (workload, leadership visibility, communication, bullying,
pay, hybrid working) or none, drawn with weights that follow the sample story: bullying and
invisible leaders are mentioned less after the revised notice, workload more. A few comments
carry what redaction must catch (a person's name, an email address, a phone number, a staff
number), as real comments do. The comments come from their own seeded stream, so the
answers of the survey never depend on them.
"""
from __future__ import annotations

import random

ANSWER_RATE = 0.7
#: Share of comments about nothing the codebook's themes cover.
NO_THEME_RATE = 0.2
#: Share of comments that name a person, give an email address, a phone or a staff number.
IDENTIFIER_RATE = 0.08

SENTENCES: dict[str, tuple[str, ...]] = {
    "workload": (
        "Workloads are high and some teams are stretched.",
        "We are short staffed and the vacant posts are not being filled.",
        "There is too much work for the hours we have.",
        "Capacity in my team is a real worry.",
    ),
    "leadership": (
        "Senior leaders are more visible than they were.",
        "I never see senior management on our floor.",
        "The chief executive's visits to teams have been welcome.",
        "The leadership team feels out of touch with the front line.",
    ),
    "communication": (
        "Communication between directorates still needs to improve.",
        "The staff briefings are useful and I feel better informed.",
        "We often hear about changes from the local paper before the intranet.",
        "I would like more regular updates on the improvement plan.",
    ),
    "bullying": (
        "I have seen bullying in my team and did not feel able to speak up.",
        "There is still a blame culture in parts of the council.",
        "People are afraid to raise concerns.",
        "I was belittled in a meeting and nothing was done.",
    ),
    "pay": (
        "Pay has not kept up with the cost of living.",
        "The job evaluation and regrading process is taking too long.",
        "Salaries here are lower than neighbouring councils.",
    ),
    "hybrid": (
        "Hybrid working has made a real difference to me.",
        "Working from home two days a week helps with caring responsibilities.",
        "Desk booking in the office does not work on busy days.",
        "Please keep flexible working.",
    ),
}
#: Comments on what no theme of the codebook covers: the car park, the IT, training, the
#: canteen. Recurring words, so the comments page finds them as topics of their own.
NO_THEME = (
    "Thank you for asking.",
    "Nothing further to add.",
    "The new car park arrangements are confusing.",
    "The car park is full by nine most mornings.",
    "Car park charges for staff are unfair.",
    "My laptop is old and the IT system keeps crashing.",
    "The IT system is slow and my laptop crashes every day.",
    "Training courses are often cancelled.",
    "I would like more training courses for my role.",
    "The canteen closing early is a shame.",
    "The canteen food is cold by lunchtime.",
    "I hope the results are shared this time.",
)
IDENTIFIERS = (
    "My manager Sarah Collins has been very supportive.",
    "Please contact me on 07700 900461 if you want to discuss this.",
    "Happy to talk, my email is j.okafor@example.gov.uk.",
    "My staff number is 104883 if HR want to follow up.",
    "Gary Whitfield in our team deserves recognition.",
)
#: Theme weights at the first wave and the last; waves between are interpolated in order.
WEIGHTS_FIRST = {"workload": 3, "leadership": 3, "communication": 3, "bullying": 3, "pay": 2, "hybrid": 2}
WEIGHTS_LAST = {"workload": 4, "leadership": 2, "communication": 2, "bullying": 1, "pay": 3, "hybrid": 2}


def theme_weights(position: float) -> dict[str, float]:
    """The themes' weights at ``position`` (0 = first wave, 1 = last)."""
    return {k: WEIGHTS_FIRST[k] + (WEIGHTS_LAST[k] - WEIGHTS_FIRST[k]) * position for k in WEIGHTS_FIRST}


def staff_comment(r: random.Random, position: float) -> str | None:
    """One respondent's comment (None if they wrote nothing)."""
    if r.random() >= ANSWER_RATE:
        return None
    if r.random() < NO_THEME_RATE:
        parts = [r.choice(NO_THEME)]
    else:
        weights = theme_weights(position)
        themes = list(weights)
        first = r.choices(themes, [weights[t] for t in themes])[0]
        parts = [r.choice(SENTENCES[first])]
        if r.random() < 0.35:
            second = r.choices(themes, [weights[t] for t in themes])[0]
            if second != first:
                parts.append(r.choice(SENTENCES[second]))
    if r.random() < IDENTIFIER_RATE:
        parts.append(r.choice(IDENTIFIERS))
    return " ".join(parts)
