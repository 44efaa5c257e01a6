# Improvement Dashboard. Two commands on a fresh machine (Python 3.11 and make):
#   make run    install everything, start the app on the sample data (http://127.0.0.1:8501)
#   make test   install everything, run the whole test suite (unit, AppTest, browser)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# The edition to publish: full or staff (config/editions.toml); empty = config/settings.toml.
EDITION ?=
comma := ,

.PHONY: run serve test install sample check-sample screenshots bench load render audit corpus redaction clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	IMPROVEMENT_EDITION=$(EDITION) $(PY) server.py --server.address 127.0.0.1 --server.port $(PORT)

# Production (issue 20): WORKERS Streamlit processes behind one nginx on ADDRESS:PORT (serving/,
# config/serving.toml; needs Debian's nginx). WORKERS=1 is plain Streamlit, as `make run`.
WORKERS ?= 2
ADDRESS ?= 127.0.0.1
serve: install
	IMPROVEMENT_EDITION=$(EDITION) $(PY) server.py --workers $(WORKERS) --server.address $(ADDRESS) --server.port $(PORT)

test: install
	$(PY) -m pytest -q -rs

# Regenerate the embedded sample data (seeded: byte-for-byte identical every time).
sample: install
	$(PY) -m sample_data

# Screenshot every page in headless Chromium into screenshots/.
screenshots: install
	$(PY) -m tests.browser.screenshots screenshots --edition full
	$(PY) -m tests.browser.screenshots screenshots --edition staff

# Performance benchmark (issue 8): large synthetic inputs in /tmp, prints the table with its
# targets and rewrites docs/performance.md. With PostgreSQL installed (tests/postgres.py finds it) it
# also measures 50 authorities x 6 waves x 5,000 in one temporary database (issue 19); without,
# it prints that it skipped that section. About 12 minutes on 2 cores.
bench: install
	$(PY) -m bench --sizes 20000,100000

# Launch day on the intranet (issue 20): USERS simulated users arrive over OVER seconds
# (Poisson), each opens its page on a server started on 127.0.0.1 (EDITION, default staff;
# DATA, default the sample), waits for the full render, makes the page's interaction
# (bench/load/scenarios.toml) and waits again; prints per page p50/p95/p99 and the server's
# peak memory and CPU, and rewrites its section of docs/performance.md. PAGES=a,b (url paths;
# default staff-results), URL=http://127.0.0.1:PORT targets a running server instead,
# LOAD_ARGS="--check-browser" also compares one session with headless Chromium, "--frontend"
# has each user first download the page's HTML and the static files it names (empty cache),
# "--workers N" starts N processes behind nginx as `make serve WORKERS=N` does.
USERS ?= 30
OVER ?= 30
PAGES ?= staff-results
LOAD_EDITION = $(or $(EDITION),$(IMPROVEMENT_EDITION),staff)
# the load's server: one process unless WORKERS is given on the command line (make load WORKERS=2)
LOAD_WORKERS = $(if $(filter command line,$(origin WORKERS)),$(WORKERS),1)
load: install
	$(PY) -m bench.load --users $(USERS) --over $(OVER) --edition $(LOAD_EDITION) \
		$(foreach p,$(subst $(comma), ,$(PAGES)),--page $(p)) $(if $(DATA),--data $(DATA)) \
		$(if $(URL),--url $(URL)) $(if $(filter-out 1,$(LOAD_WORKERS)),--workers $(LOAD_WORKERS)) $(LOAD_ARGS)

# Time to render in a real browser (issue 20): every page of both editions on the sample data
# and a one-chart Streamlit page (bench/one_chart.py), warm servers on 127.0.0.1, headless
# Chromium, a fresh context per visit, ROUNDS visits each; prints page | median | ratio to the
# one-chart page | target (<= 1.3x) | verdict and rewrites its section of docs/performance.md.
# RENDER_PAGES=a,b (url paths) measures only those.
ROUNDS ?= 5
RENDER_PAGES ?=
render: install
	$(PY) -m bench.render --rounds $(ROUNDS) $(if $(RENDER_PAGES),--pages $(RENDER_PAGES))

# The long disclosure audit (issue 13): every sensitive cell of 200 generated cases in each
# profile attacked by integer programming (prints cases, cells attacked, unprotected: must be
# 0), then every page of both editions over 200 cases (must not fail). About an hour on 2 cores.
AUDIT_CASES ?= 200
audit: install
	$(PY) -m tests.disclosure.attack --cases $(AUDIT_CASES) --profile plain --jobs 2
	$(PY) -m tests.disclosure.attack --cases $(AUDIT_CASES) --profile corrected --jobs 2
	PAGE_CASES=$(AUDIT_CASES) $(PY) -m pytest -q tests/disclosure/test_pages_survive.py

# The corpus of genuine exports (issue 15): every file of tests/fixtures/real/corpus.toml,
# from CORPUS (default ../shared/real-exports), hash-checked, loaded and judged; prints the
# table file | origin | expected | got | right and fails on any file missing or read wrong.
CORPUS ?= ../shared/real-exports
corpus: install
	$(PY) -m tests.real_corpus --dir $(CORPUS)

# Redaction (issue 18): recall and precision of the redactor on the committed labelled set
# (tests/fixtures/redaction/), overall and per kind; REGENERATE=1 rewrites the set first.
redaction: install
	$(PY) -m bench.redaction $(if $(REGENERATE),--regenerate)

clean:
	rm -rf $(VENV) .pytest_cache
