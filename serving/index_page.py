"""Streamlit's index.html, told where the app's base address is when a page is opened by its own
address, so the browser connects at once, and set to load the chart code while it waits for the
server (issue 20).

Opened at a page's address (``/staff-results``, the link in the all-staff email), Streamlit's
browser code does not know whether ``/staff-results`` is the app's base address or a page of the
app at ``/``: it asks ``/staff-results/_stcore/health`` first, is refused, waits 100 ms and then
asks ``/_stcore/health``. Measured in headless Chromium here, a one-chart page of a multipage app
took 1.56 s at its own address against 1.40 s at ``/`` (python -m bench.render's method). The
page already knows the answer: when the last part of its address is one of the app's page paths,
the base is the address without it. This module writes, for the server, a folder that is
Streamlit's static folder (every entry a link to Streamlit's own) except for index.html, which
sets ``window.__streamlit.BACKEND_BASE_URL`` (read by Streamlit's browser code before it probes)
to that base. At any other address it sets nothing and Streamlit probes as before; behind a proxy
that serves the app under a prefix, the base keeps the prefix (``/dashboard/staff-results`` ->
``/dashboard/``), and Streamlit still tries the base's parent if the base fails.

Every page of the dashboard draws plotly charts, and Streamlit's browser code fetches and runs its
plotly bundle only once the first chart arrives from the server, after the page's script has run;
until then the browser's main thread waits. The index page therefore imports that bundle as soon
as Streamlit's own code has run (the same module, so Streamlit's later import finds it ready):
the chart code is compiled and run while the server runs the page's script.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

INDEX = "index.html"
HEAD = "<head>"

#: Runs before Streamlit's own code (the first thing in <head>): the base address of a page's address.
BASE_HINT = """<script>
(function () {
  var pages = %s;
  var path = window.location.pathname.replace(/\\/+$/, "");
  var cut = path.lastIndexOf("/"), given = window.__streamlit || {}, page;
  try { page = decodeURIComponent(path.slice(cut + 1)); } catch (e) { return; }
  if (pages.indexOf(page) < 0 || given.BACKEND_BASE_URL) return;
  window.__streamlit = Object.assign({}, given, {BACKEND_BASE_URL: window.location.origin + path.slice(0, cut + 1)});
})();
</script>"""


def hinted_index(index_html: str, page_paths: list[str]) -> str:
    """Streamlit's index.html with the base-address hint as the first thing in its <head>."""
    if HEAD not in index_html:
        raise ValueError(f"Streamlit's {INDEX} has no {HEAD}: this Streamlit version needs serving/index_page.py revisited")
    script = BASE_HINT % json.dumps(sorted(set(page_paths))).replace("</", "<\\/")
    return index_html.replace(HEAD, HEAD + "\n" + script, 1)


#: Streamlit's bundle of its plotly chart element, by file name (its hash changes with the version).
CHART_BUNDLE = "PlotlyChart.*.js"
EARLY_IMPORT = ('<link rel="modulepreload" crossorigin href="./static/js/{name}">\n'
                '<script type="module">import("./static/js/{name}");</script>\n')


def chart_bundle(static_dir: Path) -> str:
    """The file name of Streamlit's plotly bundle in its static folder (exactly one)."""
    found = sorted(p.name for p in (static_dir / "static" / "js").glob(CHART_BUNDLE))
    if len(found) != 1:
        raise ValueError(f"Streamlit's static folder has {len(found)} files {CHART_BUNDLE}, not one: "
                         "this Streamlit version needs serving/index_page.py revisited")
    return found[0]


def early_chart_import(index_html: str, bundle: str) -> str:
    """index.html importing the chart bundle at the end of its <head>, after Streamlit's own module."""
    if "</head>" not in index_html:
        raise ValueError(f"Streamlit's {INDEX} has no </head>: this Streamlit version needs serving/index_page.py revisited")
    return index_html.replace("</head>", EARLY_IMPORT.format(name=bundle) + "</head>", 1)


def prepare(static_dir: Path, page_paths: list[str], into: Path) -> Path:
    """``into``: a static folder for the server, Streamlit's ``static_dir`` entry for entry (as
    links) with its index.html hinted and importing the chart bundle early; returns it."""
    into.mkdir(parents=True, exist_ok=True)
    for entry in static_dir.iterdir():
        if entry.name == INDEX:
            continue
        link = into / entry.name
        if not link.is_symlink():
            os.symlink(entry, link)
    index_html = hinted_index((static_dir / INDEX).read_text(encoding="utf-8"), page_paths)
    (into / INDEX).write_text(early_chart_import(index_html, chart_bundle(static_dir)), encoding="utf-8")
    return into
