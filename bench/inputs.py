"""Large synthetic inputs for the benchmark, from the sample generator's story and statements.

- staff survey: ``waves`` Microsoft Forms xlsx exports of ``respondents`` rows each, with the
  sample's fixed columns, directorate question, the 14 sample statements plus generated
  ones up to ``questions``, a multi-select and a free-text column (about 60 columns);
- improvement plan: ``snapshots`` council-tracker xlsx files of ``actions`` actions each;
- scrutiny: one topic-scoring matrix of ``topics`` topics (the sample's criteria);
- one big survey CSV (``big_survey_csv``): a million rows of ID, directorate code and one
  statement (about 22 MB: the upload limit is 25 MB), for the check against a bare read.

Answers follow the sample's latent model (``sample_data.statements.answer_for`` cut
points) drawn with numpy from a seed derived from the sample's SEED, so the same
arguments give the same files. ``make_inputs`` caches them in a folder keyed on the
arguments, outside the repository, and reuses them on the next run.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from sample_data.scrutiny import CRITERIA, HEADER as SCRUTINY_HEADER
from sample_data.staff_comments import NO_THEME, SENTENCES
from sample_data.staff_survey import ACTIVITIES, DIRECTORATE_QUESTION, ACTIVITY_QUESTION, COMMENT_QUESTION
from sample_data.statements import AGREEMENT, CUTS, STAFF_STATEMENTS, Statement
from sample_data.story import DIRECTORATES, SEED, STAFF_REWORDED_FROM, STAFF_WAVES

from .xlsx_stream import write_xlsx

BIG_CODES = ("CEO", "ECG", "PLC", "ADS", "CHS", "RES")
BIG_ANSWERS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
VERSION = 2     # bump when the generated files change, so cached inputs are rebuilt
EXTRA_THEMES = ("culture", "leadership", "wellbeing", "development", "governance")
AREAS = ("Governance and decision making", "Project plans and delivery", "Procurement", "Partnership working",
         "Improvement plan progress", "Independent Improvement Board engagement",
         "Conclusion of investigations and safeguarding of staff", "Confidence, culture and capacity")
RAGS = ("Red", "Amber", "Green", "Complete", "Not started", "Amber/Green", "Blue")
TRACKER_HEADER = ["Ref", "Improvement area", "Action", "Lead Officer", "Source", "Target Date", "RAG",
                  "Progress Update", "Evidence"]


@dataclass(frozen=True)
class Spec:
    """What to generate: one size of the benchmark."""

    respondents: int = 20_000
    questions: int = 50
    waves: int = 6
    actions: int = 2_000
    snapshots: int = 12
    topics: int = 500

    def key(self) -> str:
        raw = json.dumps({**asdict(self), "seed": SEED, "version": VERSION}, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()[:12]


def generator(name: str) -> np.random.Generator:
    """A numpy generator seeded from the sample's SEED and a stable name."""
    return np.random.default_rng(int.from_bytes(hashlib.sha256(f"{SEED}:bench:{name}".encode()).digest()[:8], "big"))


def statements(count: int) -> list[Statement]:
    """The sample's staff statements, then generated ones up to ``count``."""
    out = list(STAFF_STATEMENTS[:count])
    for i in range(len(out), count):
        theme = EXTRA_THEMES[i % len(EXTRA_THEMES)]
        out.append(Statement(f"BENCH-Q{i + 1:02d}", theme, i % 11 == 0, ((i * 37) % 13 - 6) / 10,
                             f"Statement {i + 1} about {theme} in the Combined Authority"))
    return out


def codebook_csv(items: list[Statement], waves: list[str]) -> str:
    """The codebook of the generated statements (reworded ones get two rows, one per wording).

    Unchanged wordings leave ``waves`` blank (any wave): fifty rows each listing six waves
    joined by ';' would make the csv sniffer take ';' for the delimiter."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question_id", "wording", "waves", "theme", "negative"])
    for s in items:
        if s.new_wording:
            old = [w for w in waves if w < STAFF_REWORDED_FROM]
            writer.writerow([s.qid, s.wording, ";".join(old), s.theme, str(s.negative).lower()])
            writer.writerow([s.qid, s.new_wording, ";".join(w for w in waves if w not in old), s.theme,
                             str(s.negative).lower()])
        else:
            writer.writerow([s.qid, s.wording, "", s.theme, str(s.negative).lower()])   # "" = every wave
    return out.getvalue()


#: The sample's comment sentences, one of which about one respondent in seven writes.
COMMENTS = tuple(s for group in SENTENCES.values() for s in group) + NO_THEME


def staff_rows(wave: str, opened: dt.date, n: int, level: float, items: list[Statement]):
    """The header and data rows of one wave's Forms export (the sample's columns, ``n`` rows)."""
    g = generator(f"staff:{wave}:{n}:{len(items)}")
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    newer = wave >= STAFF_REWORDED_FROM
    if newer:
        header.append("Last modified time")
    header += [DIRECTORATE_QUESTION, *(s.wording_in(wave, STAFF_REWORDED_FROM) for s in items),
               ACTIVITY_QUESTION, COMMENT_QUESTION]
    yield header
    names = [d[0] for d in DIRECTORATES]
    weights = np.array([d[1] for d in DIRECTORATES])
    directorate = g.choice(len(names), size=n, p=weights / weights.sum())
    offsets = np.array([d[2] for d in DIRECTORATES])[directorate]
    person = g.normal(0, 0.55, n)
    baselines = np.array([s.baseline for s in items])
    negative = np.array([s.negative for s in items])
    latent = baselines[None, :] + level + (offsets + person)[:, None] + g.normal(0, 0.8, (n, len(items)))
    latent = np.where(negative[None, :], -latent, latent)
    answer = np.searchsorted(np.array(CUTS), latent, side="right")
    skipped = g.random((n, len(items))) < 0.025
    starts = np.sort(g.integers(0, 14 * 86400, n))
    durations = g.integers(240, 1500, n)
    edited = g.random(n) < 0.06
    picks = g.random((n, len(ACTIVITIES))) < 0.3
    comment = g.integers(0, len(COMMENTS) * 7, n)
    base = dt.datetime(opened.year, opened.month, opened.day, 8, 0)
    for i in range(n):
        start = base + dt.timedelta(seconds=int(starts[i] % 36000) + 86400 * int(starts[i] // 86400))
        done = start + dt.timedelta(seconds=int(durations[i]))
        row: list[object] = [i + 1, start, done, "anonymous", None]
        if newer:
            row.append(done + dt.timedelta(minutes=30) if edited[i] else None)
        row.append(names[directorate[i]])
        row += [None if skipped[i, q] else AGREEMENT[answer[i, q]] for q in range(len(items))]
        row.append("".join(f"{a};" for a, p in zip(ACTIVITIES, picks[i]) if p) or None)
        row.append(COMMENTS[comment[i]] if comment[i] < len(COMMENTS) else None)
        yield row


def tracker_rows(snapshot: int, day: dt.date, actions: int):
    """A council tracker: title rows, the header on row 5, one row per action."""
    g = generator(f"tracker:{actions}")
    due = g.integers(0, 900, actions)
    slip = g.integers(0, 60, actions)
    yield ["Cambridgeshire and Peterborough Combined Authority"]
    yield ["Improvement Plan Update"]
    yield [f"Reported to the Improvement Board {day:%d %B %Y}"]
    yield [None]
    yield TRACKER_HEADER
    r = generator(f"tracker:{actions}:{snapshot}")
    rag = r.integers(0, len(RAGS), actions)
    for i in range(actions):
        target = dt.date(2023, 1, 1) + dt.timedelta(days=int(due[i] + slip[i] * (snapshot // 4)))
        yield [f"A{i + 1:04d}", AREAS[i % len(AREAS)], f"Action {i + 1}: deliver improvement step {i % 97}",
               f"Officer {i % 40}", ("notice", "auditor", "board", "peer challenge")[i % 4], target,
               RAGS[rag[i]], f"Update {snapshot} on action {i + 1}", "Board minutes" if i % 3 == 0 else None]


def scrutiny_rows(topics: int):
    """A topic-scoring matrix (the sample's header), one scorer per topic."""
    g = generator(f"scrutiny:{topics}")
    scores = g.integers(1, 4, (topics, len(CRITERIA)))
    yield SCRUTINY_HEADER
    for i in range(topics):
        day = dt.datetime(2022, 6, 1) + dt.timedelta(days=14 * (i // 10))
        row = [int(s) for s in scores[i]]
        yield [day, "Overview and Scrutiny Committee", f"Topic {i + 1}", f"Objective {i % 5 + 1}", "Chair", *row,
               sum(row), "Yes" if sum(row) >= 18 else "No"]


@dataclass
class Inputs:
    """The generated files of one Spec, with the metadata an officer gives at upload."""

    folder: Path
    surveys: list[tuple[Path, dict]]
    trackers: list[tuple[Path, dict]]
    scrutiny: Path
    codebook: Path


def make_inputs(spec: Spec, root: Path) -> Inputs:
    """Generate (or reuse) the files of ``spec`` under ``root/<key>``."""
    folder = root / f"inputs-{spec.respondents}-{spec.key()}"
    waves = [w for w, *_ in STAFF_WAVES][:spec.waves]
    items = statements(spec.questions)
    done = folder / "done.json"
    surveys = [(folder / f"staff_survey_{w}.xlsx", {"audience": "staff", "wave": w, "wave_date": d.isoformat()})
               for w, d, _, _ in STAFF_WAVES[:spec.waves]]
    days = [dt.date(2023, 3, 14) + dt.timedelta(days=60 * i) for i in range(spec.snapshots)]
    trackers = [(folder / f"improvement_plan_{d.isoformat()}.xlsx", {"snapshot_date": d.isoformat()}) for d in days]
    inputs = Inputs(folder, surveys, trackers, folder / "topic_scores.xlsx", folder / "codebook.csv")
    if done.is_file():
        return inputs
    folder.mkdir(parents=True, exist_ok=True)
    inputs.codebook.write_text(codebook_csv(items, waves), encoding="utf-8")
    for (path, _), (wave, opened, _, level) in zip(surveys, STAFF_WAVES):
        write_xlsx(path, staff_rows(wave, opened, spec.respondents, level, items))
    for i, ((path, _), day) in enumerate(zip(trackers, days)):
        write_xlsx(path, tracker_rows(i, day, spec.actions), sheet_name="Improvement Plan", width=len(TRACKER_HEADER))
    write_xlsx(inputs.scrutiny, scrutiny_rows(spec.topics), sheet_name="Topic scores")
    done.write_text(json.dumps(asdict(spec)), encoding="utf-8")
    return inputs


def big_survey_csv(root: Path, rows: int) -> Path:
    """A one-header-row survey CSV of ``rows`` respondents (ID, a directorate code, one
    statement answered in short words), written once per size and reused."""
    path = root / f"big-survey-{rows}-v{VERSION}.csv"
    if path.is_file():
        return path
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    g = generator(f"big:{rows}")
    pick = lambda choices: pa.array(np.asarray(choices, dtype=object)[g.integers(0, len(choices), rows)])
    table = pa.table({"ID": pa.array(np.arange(1, rows + 1)).cast(pa.string()), DIRECTORATE_QUESTION: pick(BIG_CODES),
                      STAFF_STATEMENTS[0].wording: pick(BIG_ANSWERS)})
    root.mkdir(parents=True, exist_ok=True)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(table.column_names)
    body = io.BytesIO()
    arrow_csv.write_csv(table, body, arrow_csv.WriteOptions(include_header=False, quoting_style="none"))
    path.with_suffix(".tmp").write_bytes(header.getvalue().encode("utf-8") + body.getvalue())
    path.with_suffix(".tmp").rename(path)
    return path
