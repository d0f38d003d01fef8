# Two commands do all set-up: `make run` (dashboard on the seed) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STORE ?= data/corpus.duckdb

.PHONY: run test native lint format clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The extractors compiled with mypyc (skipped without a C compiler; rebuilt when a source changes).
native: $(VENV)/.installed
	$(PY) -m dashboard.native_build

run: native
	$(PY) -m dashboard ingest seeds --store $(STORE) --workers 1
	$(PY) -m streamlit run dashboard/ui/app.py --server.port $(PORT) --server.headless true -- --store $(STORE)

test: native
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -q

format: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .native .native.new .native.old .pytest_cache .ruff_cache .mypy_cache
