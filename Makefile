# Two set-up commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: run test lint check-python system-packages clean

run: $(VENV)/.installed-app
	$(BIN)/followthrough content check
	$(BIN)/followthrough db upgrade
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: $(VENV)/.installed-test system-packages lint
	$(BIN)/pytest

# The layers are a fact, not a habit: import-linter names any import against them (pyproject.toml).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"Follow-Through needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'

$(VENV)/bin/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency declarations change; constraints.txt pins every version.
$(VENV)/.installed-app: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(VENV)/.installed-app $@

# Browser tests drive the system Chromium (Playwright never downloads one); store tests also run on
# a throwaway PostgreSQL cluster started from the system's server binaries.
system-packages:
	@missing=""; \
	[ -n "$(CHROMIUM)" ] || missing="$$missing chromium fonts-noto-color-emoji"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages for the tests:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "The tests need:$$missing (e.g. 'sudo apt-get install$$missing'), then rerun 'make test'."; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-results
