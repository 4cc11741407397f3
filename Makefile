# Datadam: `make demo` runs it, `make test` tests it. Both install what is missing first.
PYTHON ?= python3.12
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
WIDGETS := datadam/static/datadam/widgets/label_form.js
export DATADAM_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test test-sqlite test-postgres build install lint lint-imports bench clean messages dist

demo: build
	$(VENV)/bin/datadam demo

test: build
	scripts/test.sh

test-sqlite: build
	$(PY) -m pytest -n auto --dist loadfile

test-postgres: build
	scripts/with-postgres.sh $(PY) -m pytest -n auto --dist loadfile -m "not e2e or smoke"

install: $(STAMP) frontend/node_modules/.package-lock.json

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

build: install $(WIDGETS) messages

$(WIDGETS): $(shell find frontend/src -type f) frontend/vite.config.ts frontend/package-lock.json
	cd frontend && npm run build

messages: $(STAMP)
	cd datadam && ../$(PY) -m django compilemessages -v 0 --settings=datadam.settings

lint: install
	$(VENV)/bin/ruff check datadam tests
	$(VENV)/bin/lint-imports
	PY=$(PY) scripts/duplicate-check.sh
	cd frontend && npm test

# Apps import only from the layers below them (.importlinter); `make test` and `make lint` run it too.
lint-imports: install
	$(VENV)/bin/lint-imports

# A wheel that carries the built widgets and compiled catalogs, for `pip install` elsewhere.
dist: build
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .

bench: build
	$(PY) bench/run.py
	# Idle and peak PSS of each web process and of the task worker, with the demo loaded.
	$(PY) bench/process_memory.py
	# Two nodes behind nginx (tests/multinode) at full size, with loops/s and CPU per loop against one node direct.
	DATADAM_MULTINODE_ITEMS=400 DATADAM_MULTINODE_LOOPS=60 DATADAM_MULTINODE_MEASURE_SECONDS=20 \
	  scripts/with-postgres.sh $(PY) -m pytest tests/multinode -q -s

clean:
	rm -rf $(VENV) frontend/node_modules datadam/static/datadam/widgets var
