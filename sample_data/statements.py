"""The survey statements, declared once: the files, the codebook and expected.json read them.

Each statement has a stable question id, a theme, whether it is negatively worded, a
baseline on the latent scale (always in the favourable direction: for a negative statement
a high value means disagreeing) and its wording(s). Two staff statements are
reworded from wave 2023-11 on. Partner labels as they appear in the file may carry an NBSP
or ``<br>`` (``file_label``); the codebook holds the clean wording.
"""
from __future__ import annotations

from dataclasses import dataclass

AGREEMENT = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)
# Cut points on the latent scale between the five answers.
CUTS = (-1.3, -0.45, 0.25, 1.25)


@dataclass(frozen=True)
class Statement:
    qid: str
    theme: str
    negative: bool
    baseline: float
    wording: str                 # wording before the rewording wave (or always)
    new_wording: str = ""        # wording from STAFF_REWORDED_FROM on, "" if unchanged
    file_label: str = ""         # partner: label as exported, with NBSP / <br>; "" = wording
    positive_means: str = ""     # negative: what a positive answer (disagreeing) says, for the codebook

    def wording_in(self, wave: str, reworded_from: str = "9999") -> str:
        return self.new_wording if self.new_wording and wave >= reworded_from else self.wording


STAFF_STATEMENTS: tuple[Statement, ...] = (
    Statement("STAFF-PROUD", "culture", False, 0.30,
              "I am proud to tell people I work for the Combined Authority"),
    Statement("STAFF-VALUED", "culture", False, 0.05,
              "I feel valued for the work I do"),
    Statement("STAFF-OPINIONS", "culture", False, -0.10,
              "My opinions count at work",
              "I feel my opinions count in the Combined Authority"),
    Statement("STAFF-DIRECTION", "culture", False, -0.05,
              "I am confident in the direction of the Combined Authority"),
    Statement("STAFF-LEADERSHIP", "culture", False, -0.15,
              "Senior leaders communicate a clear vision for the organisation"),
    Statement("STAFF-ACTION", "culture", False, -0.35,
              "I believe action will be taken on the results of this survey"),
    Statement("STAFF-VALUES", "culture", False, 0.40,
              "I understand how the CIVIL values apply to my work"),
    Statement("STAFF-MANAGER", "culture", False, 0.70,
              "My manager supports me to do my job well"),
    Statement("STAFF-SPEAKUP", "culture", False, -0.20,
              "I feel safe to speak up and challenge the way things are done",
              "I feel safe to challenge the way things are done in the Combined Authority"),
    Statement("STAFF-BULLYING", "culture", True, 1.10,
              "In the past 12 months I have experienced bullying or harassment at work",
              positive_means="have not experienced it"),
    Statement("STAFF-EFFECTIVE", "governance", False, -0.60,
              "The Combined Authority is effective and efficient"),
    Statement("STAFF-DECISIONS", "governance", False, -0.25,
              "I understand how decisions are made in the Combined Authority"),
    Statement("STAFF-CONNECTED", "culture", False, -0.05,
              "I feel connected to teams outside my own directorate"),
    Statement("STAFF-OPTIMISM", "culture", False, 0.10,
              "I feel optimistic about the future of the Combined Authority"),
)

NBSP = "\u00a0"
PARTNER_STATEMENTS: tuple[Statement, ...] = (
    Statement("PART-TRUST", "partnership", False, -0.10,
              "I trust the Combined Authority to act in the interests of the whole area"),
    Statement("PART-ENGAGE", "partnership", False, -0.30,
              "The Combined Authority involves my organisation early in decisions that affect us",
              file_label="The Combined Authority involves my organisation early <br>in decisions"
                         " that affect us"),
    Statement("PART-LISTEN", "partnership", False, -0.20,
              "The Combined Authority listens to and acts on partners' views"),
    Statement("PART-PRIORITIES", "partnership", False, 0.15,
              "The Combined Authority's priorities are clear to my organisation"),
    Statement("PART-COMMS", "partnership", False, 0.00,
              "Communication from the Combined Authority is timely and open",
              file_label=f"Communication from the Combined Authority is timely{NBSP}and open"),
    Statement("PART-DELIVERY", "partnership", False, -0.15,
              "The Combined Authority delivers what it says it will"),
    Statement("PART-GOVERNANCE", "governance", False, -0.05,
              "Decision making at the Combined Authority is transparent",
              file_label="Decision making at the Combined Authority is transparent<br>"),
    Statement("PART-RELATIONS", "partnership", False, 0.05,
              "Relationships between the Combined Authority and the constituent councils have"
              " improved in the last 12 months"),
)

MEMBER_STATEMENTS: tuple[Statement, ...] = (
    Statement("MEM-RELATIONS", "culture", False, -0.20,
              "Relationships between members and officers are constructive and respectful"),
    Statement("MEM-ROLES", "culture", False, -0.30,
              "The respective roles of members and officers are clear"),
    Statement("MEM-TRUST", "culture", False, 0.05,
              "I trust the advice I receive from officers"),
    Statement("MEM-CONDUCT", "culture", False, -0.10,
              "Members observe the Code of Conduct in meetings and in public"),
    Statement("MEM-CONCERNS", "culture", False, 0.30,
              "I know how to raise a concern about a member's or an officer's conduct"),
    Statement("MEM-DISRESPECT", "culture", True, 0.60,
              "In the past 12 months I have been treated with disrespect by another member",
              positive_means="have not been treated with disrespect"),
    Statement("MEM-DEVELOPMENT", "culture", False, -0.15,
              "The member development programme gives me the skills I need for my role"),
    Statement("MEM-SCRUTINY", "governance", False, 0.00,
              "Scrutiny is able to challenge decisions effectively"),
    Statement("MEM-INFORMATION", "governance", False, 0.05,
              "I receive the information I need in time to take decisions"),
    Statement("MEM-PARTNERS", "partnership", False, -0.20,
              "Members of the Combined Authority and the constituent councils work well together"),
)


def answer_for(latent: float, negative: bool) -> str:
    """Map a latent agreement value to an answer label (negative statements flip)."""
    value = -latent if negative else latent
    index = sum(value >= cut for cut in CUTS)
    return AGREEMENT[index]
