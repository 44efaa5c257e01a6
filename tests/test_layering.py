"""The layering rules of the project: loaders/, metrics/ and charts/ never import
streamlit; every module says what it is for; no module grows past ~400 lines."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE = ["loaders", "metrics", "charts", "sample_data", "exports", "store"]
MODULES = sorted(p for package in PURE for p in (ROOT / package).glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_pure_module_has_no_streamlit_and_a_docstring(path):
    assert not any(name.split(".")[0] == "streamlit" for name in imported_modules(path))
    if path.name != "__init__.py" or path.stat().st_size:
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path.name}: no module docstring"


def test_no_python_file_passes_400_lines():
    files = [p for p in ROOT.rglob("*.py") if ".venv" not in p.parts]
    long = {str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
