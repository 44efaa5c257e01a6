"""Starts the dashboard: `python server.py [--workers N] [streamlit options]` runs `streamlit run app.py`.

Why not plain `streamlit run app.py`? Streamlit still treats a folder called `pages/`
beside the main script as a legacy (v1) multipage app until the router's st.navigation
has run once in the process. If the very first request after start is a deep link such as
/culture, Streamlit runs pages/culture.py on its own, without the router: no navigation,
no page settings. Turning the legacy mode off before the server starts removes that. And
the browser is told the app's base address when a page is opened by its own address, so it
connects without first probing the page's address as if it were the app's (serving/index_page.py).

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


def serve_hinted_index() -> None:
    """Streamlit's static folder served with the base-address hint in its index.html: a folder of
    this process's (removed at exit) that Streamlit's static routes read instead of its own."""
    import atexit
    import shutil
    import tempfile

    from streamlit import file_util

    from serving.index_page import prepare
    from settings.config import page_registry
    from ui.auth import ACCOUNT_PATH, SIGN_IN_PATH

    folder = Path(tempfile.mkdtemp(prefix="improvement-static-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    prepared = str(prepare(Path(file_util.get_static_dir()), [*page_registry(), SIGN_IN_PATH, ACCOUNT_PATH], folder))
    file_util.get_static_dir = lambda: prepared


def main(options: list[str]) -> None:
    workers, options = workers_option(options)
    if workers > 1:
        from serving.workers import serve

        sys.exit(serve(workers, options))
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    serve_hinted_index()
    sys.argv = ["streamlit", "run", str(APP), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
