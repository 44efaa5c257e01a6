"""The launch-day load harness (issue 20): ``python -m bench.load`` (``make load``).

Simulated users speak Streamlit's own websocket protocol to a server on 127.0.0.1, open a
page, wait for its full render, make one interaction and wait again; the harness reports the
times per page and the server's peak memory and CPU. Modules: ``protocol`` (framing),
``session`` (one user), ``arrivals`` (when users come), ``scenarios`` (what each page's user
does, from scenarios.toml), ``hosts`` (127.0.0.1 only), ``target`` (the server: started or
targeted, and watched), ``run`` (the whole load under its deadline), ``report`` (table and
docs/performance.md), ``browser_check`` (one session against real Chromium).
"""
