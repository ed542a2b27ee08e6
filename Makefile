# duluan — the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,postgres,redis]'
	touch $(STAMP) $@

demo: $(STAMP)  ## the main job, offline, on the embedded default (SQLite under ./var)
	$(BIN)/duluan demo

test: $(DEVSTAMP)  ## the whole test suite (SQLite and PostgreSQL, browser tests in Debian's chromium)
	@bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy config nlp storage crawlers pipeline

bench: $(DEVSTAMP)
	$(BIN)/python bench/topics_eval.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/annotate.py
	$(BIN)/python bench/dedup_eval.py
	$(BIN)/python bench/ner_eval.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/watches.py
	$(BIN)/python bench/delivery.py
	$(BIN)/python bench/web_pages.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
