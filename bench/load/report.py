"""The load run's figures: per page, then the server's memory and CPU, as text and as markdown.

``page_rows`` summarises the outcomes of each page (sessions started, rendered, errors, the
time to first full render and to the interaction's rerun at p50/p95/p99, nearest rank);
``table`` prints them fixed-width; ``write_section`` puts the same figures in
docs/performance.md between ``BEGIN`` and ``END`` (a rerun replaces the section, and
``make bench``, which rewrites only what is above its notes marker, leaves it alone). Each
configuration of a run (users, arrivals, pages, edition, data, processes: ``key``) has its own
section, so the runs at both sizes and rates stand side by side; a rerun of one replaces only
its own.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from bench.report import machine

BEGIN = "<!-- make load: begin (rewritten by every run; edit outside the markers) -->"
END = "<!-- make load: end -->"
HEADER = ("page", "started", "rendered", "errors", "elements",
          "render p50", "p95", "p99", "interaction p50", "p95", "p99")


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank ``q`` percentile (0-100) of ``values``, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def page_rows(outcomes) -> list[tuple[str, ...]]:
    """One row per page, in the order pages first appear."""
    pages = list(dict.fromkeys(o.page for o in outcomes))
    rows = []
    for page in pages:
        mine = [o for o in outcomes if o.page == page and o.started]
        renders = [o.render_s for o in mine if o.render_s is not None]
        clicks = [o.interact_s for o in mine if o.interact_s is not None]
        elements = sorted(o.elements for o in mine if o.rendered)
        rows.append((page, str(len(mine)), str(len(renders)), str(sum(1 for o in mine if o.error)),
                     str(elements[len(elements) // 2]) if elements else "-",
                     *(_s(percentile(renders, q)) for q in (50, 95, 99)),
                     *(_s(percentile(clicks, q)) for q in (50, 95, 99))))
    return rows


def usage_lines(result, usage) -> list[str]:
    """The server's peak memory and CPU, and what the load generator itself cost."""
    lines = []
    if usage is None or usage.peak_rss_mb is None:
        lines.append("server memory and CPU: not measured (its process could not be seen)")
    elif usage.processes == 1:
        lines.append(f"server peak RSS: {usage.peak_rss_mb:.0f} MB (the kernel's high-water mark since it started; "
                     f"{usage.start_rss_mb:.0f} MB when the load began)")
    else:
        lines.append(f"server peak RSS, all {usage.processes} processes together (Streamlit's and nginx's): "
                     f"{usage.peak_rss_mb:.0f} MB (the highest quarter-second sample of their sum; "
                     f"{usage.start_rss_mb:.0f} MB when the load began; the sum of each one's own high-water mark "
                     f"since it started, an upper bound: {usage.hwm_sum_mb:.0f} MB)")
    if usage is not None and usage.peak_rss_mb is not None:
        if usage.cpu_seconds is not None:
            lines.append(f"server CPU: {usage.cpu_seconds:.1f} s over {usage.wall_seconds:.1f} s, mean "
                         f"{usage.mean_cpu_percent:.0f}% of one core, peak {usage.peak_cpu_percent:.0f}% "
                         "(quarter-second samples)")
    lines.append(f"load generator CPU: {result.client_cpu_s:.1f} s for {sum(o.started for o in result.outcomes)} "
                 f"sessions over {result.wall_s:.1f} s" + (" (stopped by its deadline)" if result.cut else ""))
    fetched = [o.frontend for o in result.outcomes if o.frontend[0]]
    if fetched:
        files, size = sum(f[0] for f in fetched), sum(f[1] for f in fetched)
        lines.append(f"frontend downloaded by {len(fetched)} users: {files} files, {size / 2**20:.0f} MB "
                     f"({size / len(fetched) / 2**20:.1f} MB each)")
    errors = Counter(o.error for o in result.outcomes if o.error)
    for error, count in errors.most_common(5):
        lines.append(f"error x{count}: {error}")
    return lines


def table(rows: list[tuple[str, ...]]) -> str:
    data = [HEADER, *rows]
    widths = [max(len(row[i]) for row in data) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in data]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markers(key: str = "") -> tuple[str, str]:
    """The begin and end markers of the section of the run configuration ``key`` ('' the plain ones)."""
    if not key:
        return BEGIN, END
    return BEGIN.replace("begin", f"begin [{key}]"), END.replace("end", f"end [{key}]")


def markdown(rows, lines: list[str], command: str, plan_words: str, browser: list[str] = (), key: str = "") -> str:
    """The section of docs/performance.md, markers included."""
    body = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER),
            *("| " + " | ".join(row) + " |" for row in rows)]
    begin, end = markers(key)
    title = f"### {key}" if key else "## Launch day: simulated users (issue 20)"
    parts = [begin, title, "",
             f"Measured by the load harness on this machine: {machine()}.", "",
             "```sh", command, "```", "", plan_words, "", *body, "", *(f"- {line}" for line in lines)]
    if browser:
        parts += ["", "Cross-check against real Chromium, same server, same run:", "",
                  *(f"- {line}" for line in browser)]
    return "\n".join([*parts, end]) + "\n"


def write_section(doc: Path, section: str, begin: str = BEGIN, end: str = END) -> None:
    """Replace the section between the markers (``begin``, ``end``: make load's by default) in
    ``doc``, or add it at the end."""
    text = doc.read_text(encoding="utf-8") if doc.is_file() else ""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    doc.write_text(text, encoding="utf-8")
