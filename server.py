"""Starts the dashboard: `python server.py [--workers N] [streamlit options]` runs `streamlit run app.py`.

Why not plain `streamlit run app.py`? Streamlit still treats a folder called `pages/`
beside the main script as a legacy (v1) multipage app until the router's st.navigation
has run once in the process. If the very first request after start is a deep link such as
/culture, Streamlit runs pages/culture.py on its own, without the router: no navigation,
no page settings. Turning the legacy mode off before the server starts removes that.

``--workers N`` (N > 1; `make serve`) starts N such processes behind one nginx on the
--server.address and --server.port given (serving/workers.py): one process runs every
session's script on one core, N share the users over N cores.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"


def workers_option(options: list[str]) -> tuple[int, list[str]]:
    """The --workers N (or --workers=N) among ``options`` (1 when absent), and the others."""
    workers, rest, i = 1, [], 0
    while i < len(options):
        name, _, value = options[i].partition("=")
        if name == "--workers":
            if not value:
                i += 1
                value = options[i]
            workers = int(value)
        else:
            rest.append(options[i])
        i += 1
    return workers, rest


def main(options: list[str]) -> None:
    workers, options = workers_option(options)
    if workers > 1:
        from serving.workers import serve

        sys.exit(serve(workers, options))
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
