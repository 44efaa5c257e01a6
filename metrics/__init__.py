"""Pure calculations on the canonical frames of ``model.frames``.

Every function takes DataFrames, survey counts (``model.survey_counts.SurveyCounts``), the
disclosure policy (``settings.disclosure.DisclosurePolicy``, passed down by the caller) and
plain parameters, and returns new DataFrames: no I/O, no configuration reading, no Streamlit. Modules:

- ``survey``: % positive, theme scores, engagement-style index;
- ``change``: Wilson and Newcombe intervals, real-or-noise verdicts between waves;
- ``disclosure``: small-group and complementary suppression (the only place it lives);
- ``actions``: action-tracker snapshots, status mix, overdue, slippage, time at status;
- ``scrutiny``: scrutiny topic scoring.
"""
