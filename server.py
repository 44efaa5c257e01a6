"""Starts the dashboard: `python server.py [streamlit options]` runs `streamlit run app.py`.

Why not plain `streamlit run app.py`? Streamlit still treats a folder called `pages/`
beside the main script as a legacy (v1) multipage app until the router's st.navigation
has run once in the process. If the very first request after start is a deep link such as
/culture, Streamlit runs pages/culture.py on its own, without the router: no navigation,
no page settings. Turning the legacy mode off before the server starts removes that.
"""
from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"


def main(options: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
