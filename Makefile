# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test browser lint bench bench-web serve clean

$(BIN)/threatnet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/threatnet

install-test: install browser
	$(BIN)/pip install --quiet -e '.[test]'

# Headless Chromium and its driver for the browser tests (Debian packages). Installed when
# missing and running as root; otherwise those tests skip and say why.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1 || \
		 (apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium \
		  chromium-driver >/dev/null)) || echo "could not install chromium: browser tests will skip"; \
	else echo "chromium/chromedriver missing (not root): browser tests will skip"; fi

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

bench-web: install-test
	$(BIN)/python bench/web_network.py

# the web app over the demo store, on http://127.0.0.1:8000/
serve: demo
	$(BIN)/threatnet serve --db $(DEMO_DB)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
