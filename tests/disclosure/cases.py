"""Seeded adversarial survey cases for the disclosure and robustness harnesses.

Each ``Case`` is a small authority's survey history as a council's real data would have
it, with the traps an attacker (or plain bad luck) brings: small teams (1-9 people),
groups of exactly the threshold, a question answered by only a few people, a theme with
one question, negatively worded and reworded statements, unanimous teams, several waves,
a wave under the threshold, and corrected re-uploads of a wave (a team dropped, a team
moved, answers recoded). ``write_case`` turns a case into a real data folder: a codebook,
the sample milestones, and every upload sent through the store exactly as the Data page
sends it (``check_upload`` then ``keep``), so corrected versions supersede earlier ones.
``replay`` yields the data folder after each upload: what the pages published at each
step (the published history a correction must be checked against).
"""
from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from model.frames import AGREEMENT_SCALE
from store.interface import open_store
from store.intake import check_upload, keep

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "data" / "sample" / "events.csv"
GROUP_HEADER = "Directorate"
ID_HEADER = "Record ID"          # not "Respondent ID": that header is read as a SurveyMonkey export


@dataclass(frozen=True)
class Question:
    question_id: str
    theme: str
    negative: bool
    wordings: tuple[str, ...]          # one per wave where it changes: index by wave number


@dataclass
class Upload:
    """One file an officer uploads: the answers of one audience's wave (maybe a correction)."""
    audience: str
    wave: str
    wave_date: str
    rows: list[dict]                   # {"id", "group", question_id: answer text or ""}
    note: str = "first upload"


@dataclass
class Case:
    seed: int
    questions: list[Question]
    uploads: list[Upload] = field(default_factory=list)

    def wording(self, question: Question, wave_number: int) -> str:
        return question.wordings[min(wave_number, len(question.wordings) - 1)]


WAVES = [("2023-01", "2023-01-16"), ("2023-09", "2023-09-18"), ("2024-05", "2024-05-13")]
GROUP_SIZES = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 10, 11, 12, 14, 18, 25, 40]


def generate(seed: int) -> Case:
    """A seeded case: 1-3 waves of one audience, 2-7 groups, 2-6 questions in 1-3 themes."""
    rng = np.random.default_rng(seed)
    questions = _questions(rng)
    case = Case(seed, questions)
    n_waves = int(rng.integers(1, 4))
    for number, (wave, date) in enumerate(WAVES[:n_waves]):
        rows = _wave_rows(rng, case, number)
        case.uploads.append(Upload("staff", wave, date, rows))
        if rng.random() < 0.45:
            case.uploads.append(_correction(rng, case, Upload("staff", wave, date, rows)))
    return case


def _questions(rng) -> list[Question]:
    themes = ["culture", "governance", "wellbeing"][: int(rng.integers(1, 4))]
    out = []
    for t, theme in enumerate(themes):
        for q in range(int(rng.integers(1, 4)) if t else int(rng.integers(2, 4))):
            qid = f"Q-{theme[:3].upper()}-{q}"
            text = f"Statement {q + 1} about {theme}"
            negative = bool(rng.random() < 0.2)
            if negative:
                text = f"In the past year I have experienced a problem with {theme} ({q + 1})"
            wordings = (text, f"{text}, as reworded") if rng.random() < 0.2 else (text,)
            out.append(Question(qid, theme, negative, wordings))
    return out


def _wave_rows(rng, case: Case, number: int) -> list[dict]:
    n_groups = int(rng.integers(2, 8))
    rows, sparse = [], {q.question_id: rng.random() < 0.3 for q in case.questions}
    for g in range(n_groups):
        size = int(rng.choice(GROUP_SIZES))
        group = "" if g == 0 and rng.random() < 0.25 else f"Directorate {chr(65 + g)}"
        unanimous = rng.random() < 0.15            # a team that all answer alike
        lean = rng.dirichlet(np.ones(len(AGREEMENT_SCALE)))
        for r in range(size):
            row = {"id": f"{number}-{g}-{r}", "group": group}
            for q in case.questions:
                answered = rng.random() < (0.25 if sparse[q.question_id] else 0.95)
                if not answered:
                    row[q.question_id] = ""
                elif unanimous:
                    row[q.question_id] = AGREEMENT_SCALE[-1]
                else:
                    row[q.question_id] = AGREEMENT_SCALE[int(rng.choice(len(AGREEMENT_SCALE), p=lean))]
            rows.append(row)
    return rows


def _correction(rng, case: Case, first: Upload) -> Upload:
    """A corrected file for the same wave: a team dropped, a team moved or answers recoded."""
    rows = [dict(r) for r in first.rows]
    groups = sorted({r["group"] for r in rows})
    how = rng.choice(["drop", "move", "recode", "add"])
    if how == "drop" and groups:
        team = rng.choice(groups)
        members = [r for r in rows if r["group"] == team]
        keep_n = int(rng.integers(0, max(1, len(members))))
        dropped = {r["id"] for r in members[keep_n:]}
        rows = [r for r in rows if r["id"] not in dropped]
    elif how == "move" and len(groups) > 1:
        source, target = rng.choice(groups, size=2, replace=False)
        for r in [r for r in rows if r["group"] == source][: int(rng.integers(1, 6))]:
            r["group"] = target
    elif how == "recode" and rows:
        for r in rng.choice(rows, size=min(len(rows), int(rng.integers(1, 4))), replace=False):
            q = rng.choice(case.questions)
            r[q.question_id] = AGREEMENT_SCALE[int(rng.integers(0, len(AGREEMENT_SCALE)))]
    else:
        for k in range(int(rng.integers(1, 5))):
            rows.append({"id": f"late-{k}", "group": rng.choice(groups) if groups else "",
                         **{q.question_id: AGREEMENT_SCALE[int(rng.integers(0, 5))] for q in case.questions}})
    return Upload(first.audience, first.wave, first.wave_date, rows, note=f"correction: {how}")


def survey_csv(case: Case, upload: Upload) -> bytes:
    """The upload as a plain one-header-row CSV export (the generic survey layout)."""
    number = [w for w, _ in WAVES].index(upload.wave)
    header = [ID_HEADER, GROUP_HEADER, *(case.wording(q, number) for q in case.questions)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in upload.rows:
        writer.writerow([row["id"], row["group"], *(row[q.question_id] for q in case.questions)])
    return buffer.getvalue().encode("utf-8")


def codebook_csv(case: Case) -> str:
    lines = ["question_id,wording,waves,theme,negative"]
    for q in case.questions:
        for number, wording in enumerate(q.wordings):
            waves = [w for i, (w, _) in enumerate(WAVES) if min(i, len(q.wordings) - 1) == number]
            lines.append(f'{q.question_id},"{wording}",{";".join(waves)},{q.theme},{str(q.negative).lower()}')
    return "\n".join(lines) + "\n"


def start_folder(case: Case, folder: Path) -> Path:
    """An empty data folder for the case: codebook and milestones, no uploads yet."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "codebook.csv").write_text(codebook_csv(case), encoding="utf-8")
    shutil.copy(EVENTS, folder / "events.csv")
    return folder


def upload(case: Case, folder: Path, item: Upload, number: int) -> None:
    """Send one upload through the store as the Data page does; a refused file is skipped
    (a wave where nobody answered on the scale is refused, as it should be)."""
    data = survey_csv(case, item)
    meta = {"audience": item.audience, "wave": item.wave, "wave_date": item.wave_date}
    checked = check_upload(data, f"staff_{item.wave}_v{number}.csv", folder, kind="survey", metadata=meta)
    if checked.ok:
        keep(open_store(folder), checked, by="harness")


def replay(case: Case, folder: Path) -> Iterator[Path]:
    """The data folder after each upload in turn (each state the pages published)."""
    start_folder(case, folder)
    for number, item in enumerate(case.uploads):
        upload(case, folder, item, number)
        yield folder


def write_case(case: Case, folder: Path) -> Path:
    """The data folder with every upload of the case stored (the final state)."""
    for _ in replay(case, folder):
        pass
    return folder
