"""The cached Bundles (ui/context.py ``_cached_bundle``, one per data state, edition and authority)
number ``[cache] bundles`` of config/settings.toml: that many authorities on one server each keep
theirs, and one more sends the least recently used out; the key is read from the file."""
from __future__ import annotations

from settings.config import CONFIG_DIR, load_settings
from ui import context


def test_as_many_authorities_as_the_setting_says_keep_their_bundle(tmp_path):
    size = load_settings().bundle_cache_entries
    assert size >= 8, "a shared service of several authorities needs room for each"
    load = context._cached_bundle
    load.clear()
    names = [f"authority-{i}" for i in range(size)]
    first = {name: load(str(tmp_path), "state", "full", name) for name in names}
    assert all(load(str(tmp_path), "state", "full", name) is first[name] for name in names), "none evicted"
    load(str(tmp_path), "state", "full", "one-more")
    assert load(str(tmp_path), "state", "full", names[0]) is not first[names[0]], "the least recently used went"
    assert load(str(tmp_path), "state", "full", names[-1]) is first[names[-1]]
    load.clear()


def test_the_number_is_read_from_the_settings_file(tmp_path):
    text = (CONFIG_DIR / "settings.toml").read_text(encoding="utf-8")
    shipped = f"bundles = {load_settings().bundle_cache_entries}\n"
    assert text.count(shipped) == 1 and text.index("[cache]") < text.index(shipped), "the key is in the shipped file"
    changed = tmp_path / "settings.toml"
    changed.write_text(text.replace(shipped, "bundles = 40\n"), encoding="utf-8")
    assert load_settings(changed).bundle_cache_entries == 40
