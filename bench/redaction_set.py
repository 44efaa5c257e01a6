"""The labelled test set of redaction (issue 18): synthetic council-staff comments with
planted identifiers, each labelled by its character span, and clean comments full of things
that are not identifiers (dates, money, percentages, job titles, the council's places, Teams).

Seeded, so the committed file is the same every time: ``python -m bench.redaction
--regenerate`` rewrites tests/fixtures/redaction/comments.jsonl and sources.json from the
templates beside them. People's names come from Faker's British, Irish and Indian name
lists, which the recogniser does not use, so its census lists are measured on names
they may not hold; the tracker owners (the known people) are Faker names too.
"""
from __future__ import annotations

import json
import random
import re
import tomllib
from pathlib import Path

from faker import Faker

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "redaction"
SEED = 18
SLOT = re.compile(r"\{(\w+)\}")
HIDDEN_GROUPS = ["Legal Services", "Emergency Planning", "Internal Audit", "Democratic Services",
                 "Fleet Management", "Coroner's Office"]
PHONE_SHAPES = ["07### ######", "07### ### ###", "07#########", "+44 7### ######", "+44 (0)1### ######",
                "01### ######", "020 #### ####", "(01###) ######", "01###-######", "+447#########"]
STAFF_SHAPES = ["EMP#####", "EMP-######", "emp ######", "STF####", "PAY######"]
EMAIL_SHAPES = ["{f}.{s}@cambridgeshirepeterborough-ca.gov.uk", "{i}.{s}@peterborough.gov.uk",
                "{f}{s}{n}@gmail.com", "{f}_{s}@outlook.com", "{s}.{f}@nhs.net"]


def digits(rng: random.Random, shape: str) -> str:
    return "".join(str(rng.randrange(10)) if c == "#" else c for c in shape)


class Planter:
    """Fills a template's slots, recording the span of each value it plants."""

    def __init__(self, rng: random.Random, fakers: list[Faker], known: list[str]):
        self.rng, self.fakers, self.known = rng, fakers, known

    def person(self) -> tuple[str, str]:
        faker = self.rng.choice(self.fakers)
        return faker.first_name(), faker.last_name()

    def fill(self, template: str) -> dict:
        first, surname = self.person()
        known = self.rng.choice(self.known)
        clean = lambda s: re.sub(r"[^a-z]", "", s.lower())
        values = {
            "full": (f"{first} {surname}", "name"), "first": (first, "name"), "surname": (surname, "name"),
            "known": (known, "name"), "known_first": (known.split()[0], "name"),
            "known_surname": (known.split()[-1], "name"),
            "email": (self.rng.choice(EMAIL_SHAPES).format(f=clean(first), s=clean(surname), i=clean(first)[:1],
                                                           n=self.rng.randrange(10, 99)), "email"),
            "phone": (digits(self.rng, self.rng.choice(PHONE_SHAPES)), "phone"),
            "staff": (digits(self.rng, self.rng.choice(STAFF_SHAPES)), "staff_number"),
            "number": (digits(self.rng, "#" * self.rng.choice([6, 7, 8])), "staff_number"),
            "group": (self.rng.choice(HIDDEN_GROUPS), "group"),
        }
        text, spans, at = [], [], 0
        for match in SLOT.finditer(template):
            text.append(template[at:match.start()])
            value, kind = values[match.group(1)]
            start = sum(map(len, text))
            text.append(value)
            spans.append({"start": start, "end": start + len(value), "kind": kind})
            at = match.end()
        text.append(template[at:])
        return {"text": "".join(text), "spans": spans}


def generate(count_planted: int = 200, count_clean: int = 60) -> tuple[list[dict], dict]:
    """(the comments, the sources: known people and hidden groups), seeded."""
    rng = random.Random(SEED)
    templates = tomllib.loads((FIXTURES / "templates.toml").read_text(encoding="utf-8"))
    fakers = []
    for i, locale in enumerate(["en_GB", "en_IE", "en_IN"]):
        faker = Faker(locale)
        faker.seed_instance(SEED + i)
        fakers.append(faker)
    known = [f"{fakers[0].first_name()} {fakers[0].last_name()}" for _ in range(12)]
    planter = Planter(rng, fakers, known)
    comments = []
    for i in range(count_planted):
        template = templates["planted"][i % len(templates["planted"])]
        comments.append({"id": f"P{i:03d}", **planter.fill(template)})
    for i in range(count_clean):
        text = templates["clean"][i % len(templates["clean"])]
        if i >= len(templates["clean"]):  # the same clean sentence again, in another setting
            text = rng.choice(["Honestly, ", "Overall: ", "In my view ", ""]) + text[0].lower() + text[1:]
        comments.append({"id": f"C{i:03d}", "text": text, "spans": []})
    return comments, {"known_names": known, "hidden_groups": HIDDEN_GROUPS}


def write(folder: Path = FIXTURES) -> int:
    """Write comments.jsonl and sources.json; the number of comments."""
    comments, sources = generate()
    with open(folder / "comments.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for comment in comments:
            handle.write(json.dumps(comment, ensure_ascii=False) + "\n")
    (folder / "sources.json").write_text(json.dumps(sources, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(comments)
