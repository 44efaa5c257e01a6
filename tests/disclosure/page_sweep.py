"""Every page of both editions, run in AppTest on one data folder, every survey choice made.

``sweep(folder, case)`` opens the app (app.py, so the edition's router and the page runner
are in the way, as on a server) once per edition in config/editions.toml, with
IMPROVEMENT_DATA_DIR and IMPROVEMENT_EDITION pointing at the folder and the edition; it
visits each published page in turn and, on the survey pages, chooses every option of every
selectbox once (wave, theme, question), rerunning the page after each choice. Each run is
a ``PageRun``: how long it took and what went wrong in it, in words: an exception, an error
element (the page runner's "Something went wrong" is one), or a chart shown without its
data table. ``hand_cases`` are the degenerate data folders a council can produce and a
seeded case may miss, built with the helpers of ``cases``.
"""
from __future__ import annotations

import json
import logging
import os
import re
import time
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from model.frames import AGREEMENT_SCALE
from settings.config import edition_pages, editions, page_registry
from ui.screen import SIDES, everywhere
from tests.disclosure.cases import WAVES, Case, Question, Upload

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
SURVEY_PAGES = ("culture", "partnership", "staff-results")
DATA_TABLE = "The data in this chart"
PART = "-part"      # the key ending of a radio choosing the part of a page shown (pages/culture.py)
TIMEOUT = 120


@dataclass
class PageRun:
    """One run of one page: the case, the edition, the page, what was chosen, the time taken."""
    case: str
    edition: str
    page: str
    action: str
    seconds: float
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        return f"{self.case}, {self.edition} edition, page {self.page} ({self.action}): " + "; ".join(self.problems)


def published_pages(edition: str) -> list[tuple[str, str]]:
    """(url path, script) of every page the edition publishes, its default page first."""
    registry = page_registry()
    return [(path, registry[path]["script"]) for paths in edition_pages(edition).values() for path in paths]


@contextmanager
def pointed_at(folder: Path, edition: str):
    """The app's environment names the data folder and the edition for the block's length."""
    saved = {name: os.environ.get(name) for name in ("IMPROVEMENT_DATA_DIR", "IMPROVEMENT_EDITION")}
    os.environ.update(IMPROVEMENT_DATA_DIR=str(folder), IMPROVEMENT_EDITION=edition)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def registered(at: AppTest, path: str) -> bool:
    """Whether the router registered ``path``'s own page (not a notice at its address)."""
    try:
        at.switch_page(page_registry()[path]["script"])
    except ValueError:
        return False
    return True


class _RouterPages(PagesManager):
    """Pages as a server finds them once the router has run: st.navigation in app.py decides
    which script runs. AppTest forgets that before each run and, seeing a pages/ folder,
    would run a page whose url path is its file name bare, without the router, the edition
    check and the page runner's plain message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@contextmanager
def through_the_router():
    """AppTest runs every page through app.py for the block's length."""
    original, app_test.PagesManager = app_test.PagesManager, _RouterPages
    try:
        yield
    finally:
        app_test.PagesManager = original
        PagesManager.uses_pages_directory = None


class _Failures(logging.Handler):
    """The exceptions the page runner logged (it shows only a plain message on the page)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        kind, value = (record.exc_info or (None, None))[:2]
        said = " ".join(str(value).split())[:200]
        self.messages.append(f"{record.getMessage()}: {kind.__name__}: {said}" if kind else record.getMessage())


@contextmanager
def failures_logged():
    handler, logger = _Failures(), logging.getLogger("improvement_dashboard")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


@contextmanager
def downloads_offered():
    """The files the pages offer to make when a reader presses a download button (their
    callables, as Streamlit registers them), for the block's length: (file name, callable)."""
    offered, original = [], MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        offered.append((file_name or "a download", data_callable))
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    MediaFileManager.add_deferred = record
    try:
        yield offered
    finally:
        MediaFileManager.add_deferred = original


def download_problems(offered: list) -> list[str]:
    """Each offered file made, as a reader's click makes it; what failed, in words."""
    found = []
    for name, make in offered:
        try:
            make()
        except Exception as error:  # noqa: BLE001 - reported, with the file's name
            found.append(f"download {name}: {type(error).__name__}: {' '.join(str(error).split())[:200]}")
    return found


def problems(at: AppTest, logged: list[str] = ()) -> list[str]:
    """What the reader would see go wrong, in words, with what the page runner logged."""
    found = [f"exception: {e.value}" for e in at.exception]
    found += [f"logged: {message}" for message in logged]
    found += [f"error: {e.value}" for e in at.error]
    charts = len(at.get("plotly_chart"))       # each drawn once, in the layout for the screen (ui/screen.py)
    tables = len([e for e in at.expander if e.label.startswith(DATA_TABLE)])
    if charts != tables:
        found.append(f"{charts} charts but {tables} data tables under them")
    return found


def open_expanders(at: AppTest) -> bool:
    """Open every expander on the page whose content is drawn once opened (ui/widgets.py
    ``opened``: a chart's data table, an expectation's evidence), as a reader clicking each; the
    next run draws them. Returns whether any was closed."""
    keys = {expander.key for expander in at.expander if expander.key}
    closed = [key for key in keys if not (key in at.session_state and at.session_state[key])]
    for key in closed:
        at.session_state[key] = True
    return bool(closed)


def timed_run(at: AppTest, case: str, edition: str, page: str, action: str, downloads: bool = False) -> PageRun:
    """One run of the page; with ``downloads``, every file it offers is made too (untimed)."""
    with failures_logged() as logged, downloads_offered() as offered:
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
    return PageRun(case, edition, page, action, seconds,
                   problems(at, logged) + (download_problems(offered) if downloads else []))


class _Label(str):
    """An option's label, which is what a browser sends back when a reader chooses it.
    AppTest formats a chosen value again with the widget's format function and, when that
    raises on a string, takes the string as the label; unhashable, a label makes a
    dictionary lookup (``format_func=wording.get``) raise instead of answering None."""

    __hash__ = None


def each_choice(at: AppTest) -> Iterator[str]:
    """Set the page to each of its choices in turn, naming each; the caller runs the page after
    every one (the next choice is looked for on what that run drew). A page shown one part at a
    time (a radio keyed ``*-part``: Culture's staff, members and complaints) goes to each part,
    then within it every option of every other selectbox and radio once."""
    parts = [radio.key for radio in at.radio if str(radio.key).endswith(PART)]
    for part in (at.radio(parts[0]).options if parts else [None]):
        if part is not None:
            at.radio(parts[0]).set_value(_Label(part))
            yield f"part = {part}"
        within = "" if part is None else f"part = {part}, "
        for kind in ("selectbox", "radio"):
            for key in [widget.key for widget in getattr(at, kind) if not str(widget.key).endswith(PART)]:
                for index in range(len(getattr(at, kind)(key).options)):
                    widgets = [widget for widget in getattr(at, kind) if widget.key == key]
                    if not widgets or index >= len(widgets[0].options):
                        break                      # an earlier choice took the widget or the option away
                    option = widgets[0].options[index]
                    widgets[0].set_value(_Label(option))
                    yield f"{within}{widgets[0].label} = {option}"


def choose_every_option(at: AppTest, case: str, edition: str, page: str) -> list[PageRun]:
    """The page run at each of its choices (``each_choice``), and again with the expanders a
    choice brings opened (the charts of another part), as a reader would."""
    runs = []
    for choice in each_choice(at):
        runs.append(timed_run(at, case, edition, page, choice))
        if open_expanders(at):
            runs.append(timed_run(at, case, edition, page, f"{choice}, tables opened"))
    return runs


def sweep_edition(folder: Path, case: str, edition: str) -> list[PageRun]:
    """Every page of one edition opened in turn on ``folder``, survey choices made."""
    pages = published_pages(edition)
    runs = []
    with pointed_at(folder, edition), through_the_router():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for number, (path, script) in enumerate(pages):
            if number:                         # the first run opens the edition's default page
                at.switch_page(script)
            runs.append(timed_run(at, case, edition, path, "opened", downloads=True))
            if open_expanders(at):             # every expander drawn once opened (chart tables, evidence), opened
                runs.append(timed_run(at, case, edition, path, "tables opened"))
            at.session_state[SIDES] = everywhere("narrow")  # as a phone's browser reports (ui/screen.py): the narrow layouts
            runs.append(timed_run(at, case, edition, path, "opened on a narrow screen"))
            at.session_state[SIDES] = everywhere("wide")
            if path in SURVEY_PAGES:
                runs += choose_every_option(at, case, edition, path)
    return runs


def open_page(folder: Path, edition: str, path: str) -> AppTest:
    """One published page of the edition, opened through the router on ``folder``."""
    with pointed_at(folder, edition), through_the_router():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
        if path != published_pages(edition)[0][0]:
            at.switch_page(page_registry()[path]["script"]).run()
    return at


def _strings(node) -> list[str]:
    """Every string in a figure's JSON (titles, annotations, alt text)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []


def page_words(at: AppTest) -> str:
    """Everything the page says in text (Markdown escapes undone), and its charts' words
    (line breaks as spaces)."""
    parts = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "info", "caption")
             for e in getattr(at, kind)]
    said = re.sub(r"\\(.)", r"\1", "\n".join(parts))
    charts = [text.replace("<br>", " ") for chart in at.get("plotly_chart") for text in _strings(json.loads(chart.proto.spec))]
    return "\n".join([said, *charts])


def sweep(folder: Path, case: str) -> list[PageRun]:
    """Every page of every edition on ``folder``."""
    return [run for edition in editions() for run in sweep_edition(folder, case, edition)]


def slowest(runs: list[PageRun]) -> dict[str, PageRun]:
    """The slowest run of each page."""
    out: dict[str, PageRun] = {}
    for run in runs:
        if run.page not in out or run.seconds > out[run.page].seconds:
            out[run.page] = run
    return out


# Hand-made degenerate cases -------------------------------------------------------------

def _question(qid: str, theme: str) -> Question:
    return Question(qid, theme, False, (f"{qid.replace('-', ' ').title()}: a statement about {theme}",))


STANDARD = [_question("Q-CUL-0", "culture"), _question("Q-CUL-1", "culture"), _question("Q-GOV-0", "governance"),
            _question("Q-GOV-1", "governance")]


def team_rows(wave: int, teams: list[tuple[str, int]], questions: list[Question],
              answerers: dict[str, int] | None = None) -> list[dict]:
    """Rows of teams (name, size): answers cycle over the scale; ``answerers`` caps how many
    people answer a question (0: nobody answered it on the scale)."""
    rows, answerers = [], answerers or {}
    for name, size in teams:
        for r in range(size):
            number = len(rows)
            row = {"id": f"{wave}-{name}-{r}", "group": name}
            for q, question in enumerate(questions):
                cap = answerers.get(question.question_id)
                shown = cap is None or number < cap
                row[question.question_id] = AGREEMENT_SCALE[(number * 3 + q + wave) % 5] if shown else ""
            rows.append(row)
    return rows


def hand_case(name: str, waves: list[list[dict]], questions: list[Question]) -> tuple[str, Case]:
    """A named case whose waves (in WAVES order) have the given rows."""
    uploads = [Upload("staff", wave, date, rows) for (wave, date), rows in zip(WAVES, waves)]
    return name, Case(seed=-1, questions=questions, uploads=uploads)


TEAMS = [("Directorate A", 14), ("Directorate B", 12), ("Directorate C", 6)]


def hand_cases() -> list[tuple[str, Case]]:
    """The degenerate folders (write them with ``cases.write_case``): each name says what is odd."""
    theme_of_one = [*STANDARD, _question("Q-WEL-0", "wellbeing")]
    return [
        hand_case("a statement answered by 4 people in the latest wave",
                  [team_rows(0, TEAMS, STANDARD), team_rows(1, TEAMS, STANDARD, {"Q-CUL-0": 4})], STANDARD),
        hand_case("an all-suppressed latest wave",
                  [team_rows(0, TEAMS, STANDARD), team_rows(1, [("Directorate A", 4), ("Directorate B", 3)],
                                                           STANDARD)], STANDARD),
        hand_case("an only wave, all suppressed", [team_rows(0, [("Directorate A", 5), ("Directorate B", 4)],
                                                             STANDARD)], STANDARD),
        hand_case("one wave only", [team_rows(0, TEAMS, STANDARD)], STANDARD),
        hand_case("a statement nobody answered on the scale",
                  [team_rows(0, TEAMS, STANDARD), team_rows(1, TEAMS, STANDARD, {"Q-GOV-1": 0})], STANDARD),
        hand_case("a theme with one question", [team_rows(0, TEAMS, theme_of_one), team_rows(1, TEAMS, theme_of_one)],
                  theme_of_one),
        hand_case("groups of exactly 10, one of them not stated",
                  [team_rows(w, [("Directorate A", 10), ("", 10), ("Directorate B", 10)], STANDARD) for w in (0, 1)],
                  STANDARD),
        hand_case("a wave with a single group", [team_rows(0, TEAMS, STANDARD),
                                                 team_rows(1, [("Directorate A", 30)], STANDARD)], STANDARD),
        hand_case("no survey uploaded yet", [], STANDARD),
    ]

