"""The layering rules of the project: loaders/, metrics/ and charts/ never import
streamlit; every module says what it is for; no module grows past ~400 lines."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE = ["model", "settings", "loaders", "metrics", "charts", "sample_data", "exports", "store", "assembly", "serving"]
#: Who may import whom among our packages (docs/architecture.md draws it). Anything of ours
#: not listed for a package is forbidden to it.
ALLOWED = {
    "model": set(),
    "settings": {"model"},
    "loaders": {"model", "settings"},
    "store": {"model", "settings", "loaders"},
    "assembly": {"model", "settings", "loaders", "store"},
    "metrics": {"model", "settings"},
    "charts": {"model", "settings"},
    "exports": {"model", "settings", "metrics", "charts"},
    "sample_data": {"model"},
    "serving": set(),     # production serving (server.py --workers): processes and nginx, nothing of the app's
}
OURS = {"model", "settings", "loaders", "metrics", "charts", "sample_data", "exports", "store", "assembly", "ui",
        "pages", "app", "server", "tests", "bench", "serving"}
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


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_a_package_imports_only_the_packages_below_it(path):
    """model/ imports nothing of ours; loaders/ only model/; store/ no assembly; and so on (ALLOWED)."""
    package = path.relative_to(ROOT).parts[0]
    ours = {name.split(".")[0] for name in imported_modules(path)} & OURS - {package}
    assert ours <= ALLOWED[package], f"{path.relative_to(ROOT)} imports {sorted(ours - ALLOWED[package])}"


def test_the_store_does_not_import_the_loaders_inside_functions():
    """The store reads the canonical model from the ground floor, at the top of the module."""
    for path in sorted((ROOT / "store").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        late = [node.module for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)
                for node in ast.walk(fn) if isinstance(node, ast.ImportFrom) and node.module]
        assert late == [], f"store/{path.name} imports {late} inside a function"


def test_the_ui_layer_never_imports_a_page():
    """ui/ is what pages are built from; it imports the floors below it, never pages/ or app."""
    for path in sorted((ROOT / "ui").glob("*.py")):
        ours = {name.split(".")[0] for name in imported_modules(path)} & OURS - {"ui"}
        assert ours <= set(ALLOWED) - {"sample_data"}, f"ui/{path.name} imports {sorted(ours - set(ALLOWED))}"


def test_every_file_in_pages_is_a_page_of_the_router():
    """pages/*.py are the pages config/pages.toml registers, no more, no fewer; the blocks they
    share live in pages/sections/."""
    import tomllib

    scripts = {entry["script"] for entry in tomllib.loads((ROOT / "config" / "pages.toml").read_text()).values()}
    assert {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")} == scripts
