"""The external benchmark block the Culture and Staff results pages share: each mapped
statement's % positive and interval beside the CSPS median (``metrics.benchmarks``), as a
table that restacks on a phone, with the mapping shown and the Open Government Licence
attribution under it. Layout only."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.benchmarks import ATTRIBUTION, benchmark_comparison, comparison_sentence
from ui import context, widgets
from ui.cache import shared

COLUMNS = ["question", "pct_positive", "interval", "benchmark_name", "benchmark", "gap", "verdict", "wording",
           "csps_code"]


def comparison(views) -> pd.DataFrame:
    """The comparison for the views' wave (cached like the pages' other figures)."""
    data, settings = context.bundle(), context.settings()
    return shared(benchmark_comparison, views.statements, views.wave_date, data.benchmarks, data.benchmark_map,
                  settings.confidence)


def benchmark_block(views, heading: str = "Beside the Civil Service People Survey") -> None:
    """The heading, how to read it, the table (hidden statements say why), the mapping and
    the attribution; nothing when no statement is mapped to a benchmark."""
    table = comparison(views)
    if table.empty:
        return
    policy = context.settings().disclosure
    st.header(heading)
    st.markdown(widgets.plain(comparison_sentence(table)))
    shown = table.assign(interval=[f"{lo:.1f} to {hi:.1f}" if pd.notna(lo) else ""
                                   for lo, hi in zip(table["lower"], table["upper"])])
    shown["gap"] = [f"{g:+.1f}" if pd.notna(g) else "" for g in shown["gap"]]
    shown["verdict"] = [v if isinstance(v, str) else "" for v in shown["verdict"]]
    shown["benchmark"] = [f"{b:.1f}" if pd.notna(b) else "not published" for b in shown["benchmark"]]
    shown["benchmark_name"] = shown["benchmark_name"].fillna("")
    widgets.wrapped_table(widgets.published_table(shown, policy.too_few("responses"), COLUMNS, "benchmark"))
    with st.expander("Which CSPS question each statement is compared with"):
        st.markdown("\n".join(f"- **{widgets.plain(r.question)}** ↔ {widgets.plain(r.csps_code)}: "
                               f"{widgets.plain(r.csps_question)} ({widgets.plain(r.wording)})"
                               for r in table.itertuples()))
    st.caption(ATTRIBUTION)
