"""Which selectors keep their choice in the URL, and under which parameter name
(config/view_params.toml), read once. The pages' widget keys stay what they are; a link's
parameter names are short and public (``group``, ``wave``, ``theme``...)."""
from __future__ import annotations

import tomllib
from functools import cache

from .config import CONFIG_DIR


@cache
def view_params() -> dict[str, dict[str, str]]:
    """{page url path: {widget key: URL parameter}}."""
    raw = tomllib.loads((CONFIG_DIR / "view_params.toml").read_text(encoding="utf-8"))
    return {page: {str(k): str(v) for k, v in keys.items()} for page, keys in raw.items()}


def url_param(key: str) -> str | None:
    """The URL parameter of the selector with widget ``key`` (None: not kept in the URL). A
    key is one page's own, so it names one parameter wherever it is listed."""
    for keys in view_params().values():
        if key in keys:
            return keys[key]
    return None
