# Two commands on a fresh machine: `make run` and `make test`. Both honour DATABASE_URL.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install node translations migrate demo lint format messages clean bench bench-check run-prod

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

translations: install
	$(PY) manage.py compile_translations

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate translations
	$(PY) manage.py load_demo_content
	$(PY) manage.py create_demo_admin

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install node translations
	$(PY) -m pytest $(PYTEST_ARGS)

# Every benchmark on 10,000 generated pages in a throw-away PostgreSQL database: pages, search,
# a registration burst (bench/__init__.py). `bench` reports; `bench-check` also fails when a
# budget is broken. BENCH_ARGS passes options, e.g. BENCH_ARGS="--scale 0.1".
BENCH_ARGS ?=
bench: install translations
	$(PY) -m bench $(BENCH_ARGS)

bench-check: install translations
	$(PY) -m bench --check $(BENCH_ARGS)

# The production stack on this machine, for trying it (ops/run_prod.py): the Procfile's release,
# web (gunicorn) and worker processes under the production settings, on PostgreSQL (database
# startsmart_prod), Redis and a moto S3. Ctrl-C stops it all.
run-prod: install translations
	$(PY) -m ops.run_prod --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the message catalogues after changing interface strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale de --locale en --ignore ".venv/*" --ignore "node_modules/*" --no-obsolete

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache test-artifacts
