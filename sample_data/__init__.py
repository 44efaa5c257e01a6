"""Seeded, byte-for-byte reproducible sample data for the Improvement Dashboard.

``python -m sample_data [--out DIR]`` writes every file described in
docs/sample-layouts.md (default ``data/sample``). Each file is in a real export layout
(Microsoft Forms, SurveyMonkey, council tracker, Microsoft Planner, scrutiny sheet), never
in the app's tidy format, so the loaders meet what councils actually upload.
"""
