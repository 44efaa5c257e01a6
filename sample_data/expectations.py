"""The expectations files: what the revised Best Value Notice (seed 000) asks of the
sample authority, linked to its evidence, and a second example from the LGA Corporate Peer
Challenge progress review (seed 003) that another authority would load instead.

Wording is the source documents' own. The links (areas, action references, survey
measures, milestone kinds, complaints) are the sample authority's: they name the improvement
areas of seed 004, the survey themes of the codebook, the event kinds of events.csv and, for
an expectation that names members, the members' survey and the Code of Conduct complaints
about members.
"""
from __future__ import annotations

from model.frames import EXPECTATIONS

from .reference import csv_bytes

HEADER = list(EXPECTATIONS)
NOTICE = "Best Value Notice, 30 January 2024"
PEER = "LGA Corporate Peer Challenge progress review, 24 March 2022"

NOTICE_EXPECTATIONS = [
    ["BVN-1", "Continue with the independent Improvement Board, making full use of its support and engaging "
              "with its recommendations over the next six months.", NOTICE, "governance",
     "Independent Improvement Board engagement", "", "", "board"],
    ["BVN-2", "Continue to implement and embed the changes agreed by the Combined Authority Board as part of "
              "the improvement plan.", NOTICE, "governance",
     "Improvement plan progress; Governance and decision making; Project plans and delivery; Procurement", "",
     "staff:governance", "plan"],
    ["BVN-3", "Continue to implement and monitor cultural change across the organisation, for both officers and "
              "members, with a focus on measurable outcomes.", NOTICE, "culture",
     "Confidence, culture and capacity; Conclusion of investigations and safeguarding of staff", "",
     "staff:culture; member:culture", "", "member"],
    ["BVN-4", "Commit, through strong partnership working at both officer and member level, to develop the "
              "strategic priorities and aspirations for the area that will benefit local residents, and a "
              "credible delivery strategy for progressing these.", NOTICE, "partnership",
     "Partnership working", "", "partner:partnership; member:partnership", ""],
    ["BVN-5", "Continue to engage regularly with the Department at official level throughout the period of "
              "this Notice.", NOTICE, "governance", "", "IPP-03; IPP-04", "", "notice"],
]

PEER_EXPECTATIONS = [
    ["CPC-1", "Develop a plan or clear roadmap to agree a 3-year medium-term financial strategy.", PEER,
     "governance", "Finance and budget strategy", "", "", ""],
    ["CPC-2", "Carry out an inclusive review to ensure governance arrangements are robust and effective.", PEER,
     "governance", "Governance and decision making", "", "staff:governance", ""],
    ["CPC-3", "Continue to improve officer/member relationships and clarity of respective roles.", PEER,
     "culture", "Confidence, culture and capacity", "", "staff:culture; member:culture", "", "member"],
    ["CPC-4", "Determine the outcomes required from shared services, with an options appraisal to inform "
              "decision-making and political agreement.", PEER, "governance", "Shared services", "", "", ""],
    ["CPC-5", "Establish place shaping governance, identifying a partnership vehicle to shape the local "
              "place-based ambitions.", PEER, "partnership", "Partnership working", "", "partner:partnership", ""],
    ["CPC-6", "Co-design the decentralisation model with partners, with a simplified narrative all stakeholders "
              "understand.", PEER, "partnership", "Partnership working", "", "partner:partnership", ""],
]


def _with_header(rows: list[list[str]]) -> bytes:
    """The rows under the header, each padded to its width (the last columns are often blank)."""
    return csv_bytes([HEADER, *[row + [""] * (len(HEADER) - len(row)) for row in rows]])


def files() -> dict[str, bytes]:
    """The notice's expectations (loaded by the app) and the peer-challenge example."""
    return {"expectations.csv": _with_header(NOTICE_EXPECTATIONS),
            "examples/expectations_peer_challenge.csv": _with_header(PEER_EXPECTATIONS)}
