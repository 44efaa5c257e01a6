"""The improvement-plan actions, declared as data (titles in the wording of seed 004).

``status`` has one letter per snapshot in story.SNAPSHOTS: ``-`` not yet in the plan,
``N`` not started, ``R`` red, ``A`` amber, ``G`` green, ``C`` complete, ``H`` on hold,
``S`` superseded. ``due`` maps the first snapshot index a due date applies from to the due
date as planned: ``YYYY-MM-DD``, a month ``YYYY-MM``, a quarter ``Q3 2023/24`` or
``Ongoing``; a later entry is a slipped date. ``closure`` is the phase-3 close-down
category on the last snapshot: ``D`` completed - any future review at Directorate level,
``F`` completed - no further action, ``O`` open - moved into Directorate Business Plans.

``FOLLOW_UP`` carries each ``O`` action on through the monitoring reports after the close-down
(story.MONITORING), one status letter per report as above, ``-`` left out of that report (a
council drops a completed action from its next report); ``FOLLOW_UP_DUE`` its target date as
revised in those reports.
"""
from __future__ import annotations

from dataclasses import dataclass

CLOSURE = {
    "D": "Completed - any future review at Directorate level",
    "F": "Completed - no further action",
    "O": "Open - outstanding actions moved into Directorate Business Plans",
}


@dataclass(frozen=True)
class Action:
    ref: str
    area: str
    title: str
    owner: str
    source: str
    status: str
    due: dict[int, str]
    closure: str

    def due_at(self, snapshot: int) -> str:
        """The due date as planned at a snapshot (the latest entry not after it)."""
        return self.due[max(k for k in self.due if k <= snapshot)]


GOV, PPD, PRO, PAR = ("Governance and decision making", "Project plans and delivery",
                      "Procurement", "Partnership working")
IPP, IIB = "Improvement plan progress", "Independent Improvement Board engagement"
INV = "Conclusion of investigations and safeguarding of staff"
CCC = "Confidence, culture and capacity"
A = Action
ACTIONS: tuple[Action, ...] = (
    A("GOV-01", GOV, "Implement the governance improvements for Board, thematic committees, other"
      " sub committees and Business Board agreed by CA Board in March", "Head of Governance",
      "auditor", "AAGGCCCCC", {0: "2023-09-30", 1: "2023-12-31"}, "D"),
    A("GOV-02", GOV, "Agree changes to the CA Constitution to strengthen governance",
      "Monitoring Officer", "notice", "GCCCCCCCC", {0: "2023-03-31"}, "F"),
    A("GOV-03", GOV, "Develop an induction programme for new and existing Members involved in the"
      " CA's governance structure", "Head of Governance", "board", "NAAGGGCCC",
      {0: "2023-09", 2: "Q3 2023/24", 4: "2024-06-30"}, "D"),
    A("GOV-04", GOV, "Finalise Directorate Business Plans with clear objectives, milestones and"
      " priorities", "Executive Director - Resources", "auditor", "AGGCCCCCC",
      {0: "2023-04-30"}, "F"),
    A("GOV-05", GOV, "Develop an improved Performance Management Framework, including Key"
      " Performance Indicators to be reported to the Board and sub-committees",
      "Executive Director - Resources", "auditor", "RAAAAGGGG",
      {0: "2023-09-30", 2: "2024-01-31", 4: "2024-06-30", 6: "2024-12-31"}, "O"),
    A("GOV-06", GOV, "Put in place a calendar of reviews of the policies and processes agreed"
      " since October 2022", "Executive Director - Resources", "notice", "-----NAGG",
      {5: "Q3 2024/25"}, "O"),
    A("PPD-01", PPD, "Develop a Single Assurance Framework to govern how we prioritise and agree"
      " projects", "Executive Director - Resources", "auditor", "RAAAGCCCC",
      {0: "2023-09-30", 2: "2023-12-31", 3: "2024-03-31"}, "D"),
    A("PPD-02", PPD, "Deliver wider training in project management standards, risk and"
      " assurance", "Head of Programme Management", "board", "NNAAGGGCC",
      {0: "Q2 2023/24", 3: "Q4 2023/24", 5: "2024-05-31"}, "D"),
    A("PPD-03", PPD, "Report progress on delegations and project prioritisation to the Board",
      "Chief Executive", "board", "AGCCCCCCC", {0: "2023-07-31"}, "F"),
    A("PPD-04", PPD, "Address concerns about the use of public money by an FE provider funded by"
      " CPCA", "Assistant Director - Skills", "auditor", "RRACCCCCC", {0: "2023-06-30"}, "F"),
    A("PPD-05", PPD, "Clarify the role of O&S and A&G in the Single Assurance Framework",
      "Monitoring Officer", "board", "NAAGGSSSS", {0: "2023-12-31"}, "F"),
    A("PRO-01", PRO, "Complete the review of procurement strategy, regulations, operations and"
      " compliance", "Executive Director - Resources", "auditor", "AGCCCCCCC",
      {0: "2023-05-31"}, "F"),
    A("PRO-02", PRO, "Produce an action plan to implement the procurement review recommendations"
      " for approval by Audit and Governance Committee and the CA Board", "Head of Procurement",
      "auditor", "NACCCCCCC", {0: "2023-07-31"}, "F"),
    A("PRO-03", PRO, "Address the procurement recommendations on resourcing, governance and"
      " levels of delegation", "Head of Procurement", "auditor", "NRAAAGGCC",
      {0: "Q3 2023/24", 3: "2024-03-31", 5: "2024-09-30"}, "D"),
    A("PRO-04", PRO, "Deliver procurement training for budget holders", "Head of Procurement",
      "auditor", "NNNAAGGGC", {0: "2024-03", 5: "2024-06", 6: "2024-09"}, "D"),
    A("PAR-01", PAR, "Review the partnerships that CPCA is engaged in and at what level, against"
      " the purpose of the partnership", "Head of Policy", "notice", "NAAAGGCCC",
      {0: "2023-09-30", 2: "2023-12-31", 4: "2024-03-31"}, "D"),
    A("PAR-02", PAR, "Clarify the core partnerships for the future, both in terms of strategy"
      " development and delivery", "Head of Policy", "notice", "NNRAAAGGG",
      {0: "Q4 2023/24", 5: "2024-09-30"}, "O"),
    A("PAR-03", PAR, "Design and embed a partnership theme into survey work across the CPCA area"
      " to benchmark progress", "Head of Policy", "board", "NRAGCCCCC", {0: "2024-01-31"}, "F"),
    A("PAR-04", PAR, "Meet collectively with the senior leadership teams of the constituent"
      " member authorities", "Chief Executive", "peer challenge", "AAGGCCCCC",
      {0: "2023-09-30"}, "F"),
    A("PAR-05", PAR, "Review the role of the Business Board, including the appointment of a new"
      " Chair", "Executive Director - Economy and Growth", "board", "AGGCCCCCC",
      {0: "2023-07-31"}, "F"),
    A("PAR-06", PAR, "Develop a set of strategic ambitions for the region with Leaders and Chief"
      " Executives of the constituent authorities", "Chief Executive", "notice", "-----RAAG",
      {5: "2024-07-31", 6: "2024-10-31"}, "O"),
    A("PAR-07", PAR, "Agree a plan to deliver the strategic ambitions with constituent"
      " authorities and partners", "Executive Director - Economy and Growth", "notice",
      "-----NRAA", {5: "Q2 2024/25", 7: "Q4 2024/25"}, "O"),
    A("IPP-01", IPP, "Present a three month stocktake on progress against outcomes to Board and"
      " to Audit and Governance", "Improvement Programme Manager", "board", "CCCCCCCCC",
      {0: "2023-03-31"}, "F"),
    A("IPP-02", IPP, "Reframe the plan around the areas of concern from the External Auditor,"
      " Best Value Notice and the Independent Improvement Board", "Chief Executive", "notice",
      "AGCCCCCCC", {0: "2023-05-31"}, "F"),
    A("IPP-03", IPP, "Align the sequence of DLUHC, IIB and A&G meetings",
      "Improvement Programme Manager", "auditor", "AAGGGCCCC",
      {0: "2023-09-30", 2: "Ongoing"}, "D"),
    A("IPP-04", IPP, "Hold quarterly meetings with DLUHC drawing on the IIB work",
      "Chief Executive", "notice", "GGGGGGGGC", {0: "Ongoing"}, "D"),
    A("IPP-05", IPP, "Develop and agree the Phase 3 Improvement Plan", "Chief Executive",
      "notice", "----ACCCC", {4: "2024-03-31"}, "F"),
    A("IPP-06", IPP, "Monitor the longer-term impacts of the changes made", "Executive Director"
      " - Resources", "notice", "-----NAGG", {5: "Ongoing"}, "O"),
    A("IIB-01", IIB, "Hold the first formal bi-monthly IIB meeting", "Chief Executive", "board",
      "ACCCCCCCC", {0: "2023-04-30"}, "F"),
    A("IIB-02", IIB, "Confirm the appointment of a Chair to replace Lord Kerslake",
      "Chief Executive", "board", "RAAGCCCCC",
      {0: "2023-06-30", 1: "2023-09-30", 2: "2023-12-31"}, "F"),
    A("IIB-03", IIB, "Share the observations from the IIB on assurance and areas for focus with"
      " the CA Board members", "Improvement Programme Manager", "board", "AGGGGGGGC",
      {0: "Ongoing"}, "D"),
    A("IIB-04", IIB, "Agree the revised role and Terms of Reference for the Independent Advisory"
      " and Support Group", "Monitoring Officer", "board", "-----NNAC", {5: "2024-10-31"}, "F"),
    A("INV-01", INV, "Conclude the external investigation into the members Code of Conduct",
      "Monitoring Officer", "notice", "RRRAGCCCC",
      {0: "2023-06-30", 1: "2023-07-31", 2: "2023-10-31", 3: "2023-12-31"}, "F"),
    A("INV-02", INV, "Give standards hearing training to the Audit and Governance Committee",
      "Monitoring Officer", "auditor", "GCCCCCCCC", {0: "2023-05-31"}, "F"),
    A("INV-03", INV, "Conclude the ongoing whistleblowing and conduct cases", "Head of HR",
      "auditor", "RRAAAGCCC", {0: "2023-09-30", 2: "2024-01-31", 4: "2024-04-30"}, "F"),
    A("INV-04", INV, "Include questions relating to staff perceptions of support in the staff"
      " survey", "Head of HR", "auditor", "ACCCCCCCC", {0: "2023-05-31"}, "F"),
    A("INV-05", INV, "Review the whistleblowing policy and raise staff awareness", "Head of HR",
      "peer challenge", "NNAAHHGCC", {0: "Q3 2023/24", 4: "Q1 2024/25", 6: "Q2 2024/25"}, "D"),
    A("CCC-01", CCC, "Make permanent appointments to Executive Director roles and the Head of"
      " Policy", "Chief Executive", "notice", "GCCCCCCCC", {0: "2023-03-31"}, "F"),
    A("CCC-02", CCC, "Complete recruitment to the Chief Executive's policy and executive office,"
      " including support for the Mayor", "Head of HR", "board", "AAGCCCCCC",
      {0: "2023-05-31", 1: "2023-09-30"}, "F"),
    A("CCC-03", CCC, "Develop behaviours that reflect the agreed CIVIL values and embed them"
      " across the CA", "Head of HR", "peer challenge", "AAAGGGCCC",
      {0: "2023-09", 2: "Q3 2023/24", 4: "2024-03-31", 5: "2024-06-30"}, "D"),
    A("CCC-04", CCC, "Build the CIVIL values into individual staff appraisals, objective setting"
      " and values based recruitment", "Head of HR", "board", "AAGGGCCCC",
      {0: "2023-12-31"}, "D"),
    A("CCC-05", CCC, "Use the staff survey findings to inform the next phase of Confidence,"
      " culture and capacity activity", "Head of HR", "auditor", "GGGAAGGGG",
      {0: "Ongoing"}, "O"),
    A("CCC-06", CCC, "Embed cultural change across the organisation", "Chief Executive",
      "notice", "-----AAGG", {5: "2024-09-30"}, "O"),
    A("CCC-07", CCC, "Deliver a management development programme for team leaders",
      "Head of HR", "peer challenge", "-----NAAG", {5: "Q2 2024/25", 7: "Q4 2024/25"}, "O"),
)

# One letter per story.MONITORING report: 5 complete, 1 dropped (superseded), 3 still open at 30 May 2025.
FOLLOW_UP: dict[str, str] = {
    "GOV-05": "GCC", "GOV-06": "GGC", "PAR-02": "ACC", "PAR-06": "C--", "PAR-07": "AAA",
    "IPP-06": "GSS", "CCC-05": "GGG", "CCC-06": "GCC", "CCC-07": "GGG",
}
FOLLOW_UP_DUE: dict[str, str] = {
    "GOV-05": "2025-03-31", "GOV-06": "2025-03-31", "PAR-02": "2025-03-31", "PAR-07": "2025-09-30",
    "CCC-06": "2025-03-31", "CCC-07": "2025-03-31",
}
