# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test lint bench clean

$(BIN)/threatnet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/threatnet

install-test: install
	$(BIN)/pip install --quiet -e '.[test]'

DEMO_DB ?= sqlite:///out/demo.db

# The main job on the bundled sample reports: read them into an embedded SQLite
# knowledge base, show what it knows about one actor, and score the extractor.
demo: install
	mkdir -p out
	$(BIN)/threatnet ingest corpus/dev --db $(DEMO_DB)
	$(BIN)/threatnet facts "Balochistan Liberation Army" --db $(DEMO_DB)
	$(BIN)/threatnet eval corpus/dev

test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/extract_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
