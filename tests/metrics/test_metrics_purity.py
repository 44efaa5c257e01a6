"""The metrics package stays pure: never imports Streamlit, modules small and documented."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

METRICS = Path(__file__).resolve().parents[2] / "metrics"


def test_metrics_never_imports_streamlit():
    code = (
        "import importlib, pkgutil, sys, metrics\n"
        "for module in pkgutil.iter_modules(metrics.__path__):\n"
        "    importlib.import_module('metrics.' + module.name)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=METRICS.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_metrics_modules_are_small_and_documented():
    modules = sorted(METRICS.glob("*.py"))
    assert {"survey.py", "change.py", "disclosure.py", "actions.py", "scrutiny.py"} <= {m.name for m in modules}
    for module in modules:
        text = module.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, module.name
        assert text.lstrip().startswith('"""'), f"{module.name} has no module docstring"
        assert len(text.splitlines()) < 300, module.name
