"""Performance benchmark (issue 8): large synthetic inputs, timed through the real code paths.

``python -m bench`` (``make bench``) generates the inputs outside the repository, ingests
them through the upload path, measures start-up, warm reruns, memory and figure sizes,
prints the table with its targets and writes it to docs/performance.md.
"""
