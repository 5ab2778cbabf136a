# Two commands: `make run` and `make test`. Everything else is for maintainers and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
REFERENTIEL ?= enjeux/referentiels/blois.yaml

.PHONY: run test lint format checks bench lock vendor worker chaos

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 ou plus récent est nécessaire.") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# Optional: axe-core for the browser tests (skipped when npm or Chromium is missing, except in CI).
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm absent : les tests dans le navigateur seront ignorés."; fi

# Quiet preparation, then the demo accounts framed with the URL, last before the server starts (PORT=8001 make run).
PORT ?= 8000
run: export DEBUG ?= true
run: $(VENV)/.installed
	@echo "Préparation de la base, du référentiel et des données de démonstration…"
	@$(MANAGE) migrate --noinput --verbosity 0
	@$(MANAGE) load_referentiel $(REFERENTIEL) --verbosity 0
	@$(MANAGE) load_demo --verbosity 0
	@$(MANAGE) comptes_demo --url http://127.0.0.1:$(PORT)/
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		trap 'kill 0' EXIT; $(BIN)/celery -A contratville worker --loglevel=INFO --concurrency=2 & \
		$(MANAGE) runserver 127.0.0.1:$(PORT); \
	else $(MANAGE) runserver 127.0.0.1:$(PORT); fi

# In parallel, one process per core (pytest-xdist); a module's tests stay together to share its fixtures.
test: $(VENV)/.installed node_modules/.installed
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# What CI checks besides the tests: migrations up to date, production settings clean.
checks: $(VENV)/.installed
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=contratville.example.org $(MANAGE) check --deploy --fail-level WARNING

worker: $(VENV)/.installed
	$(BIN)/celery -A contratville worker --loglevel=INFO --concurrency=2

# Faults on purpose (tests/test_chaos_*.py; PostgreSQL needed, the workers share the test database): the worker
# killed with -9 during a job CHAOS_RUNS times, Redis stopped during a submission, PostgreSQL restarted under
# submissions. The faults hit private Redis and PostgreSQL instances started by the tests, never the shared ones.
CHAOS_RUNS ?= 10
chaos: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/contratville
chaos: $(VENV)/.installed
	CHAOS_RUNS=$(CHAOS_RUNS) $(BIN)/pytest -p no:xdist -q -s -rA tests/test_chaos_*.py

# Load tool and profiler (locust, py-spy) only here, so that `make test` stays light. PostgreSQL needed:
# DATABASE_URL, else postgres://postgres@127.0.0.1:5432/contratville_bench (built once, kept for the next run).
$(VENV)/.bench-installed: requirements-bench.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-bench.lock
	@touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Regenerate the hashed lock files after editing pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock -q
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock -q
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bench --generate-hashes --python-version 3.11 \
		-o requirements-bench.lock -q

# Copy Bootstrap from npm into static/vendor (committed, so `make run` needs no npm).
vendor: node_modules/.installed
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* \
		node_modules/bootstrap/LICENSE static/vendor/bootstrap/
