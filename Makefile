# Two set-up commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: run run-dev serve-hosted test-hosted hosted-packages test lint check-python system-packages clean

# `make run` serves people: no file watcher and no run-on-save (the watcher walks every module on
# each run), no full garbage collection after each run (POST_SCRIPT_GC=true made reruns 5-7x
# slower for no less memory: README "Serving load"), uploads up to the CSV import's 50 MB, XSRF
# checks on, and no traceback in the browser (the server log keeps it). `make run-dev` is for
# editing the code.
# Both start Streamlit through deploy/streamlit_run.py and its eight fixes to Streamlit's server:
# a closed tab's last run left to end (it saves what was typed last), Nagle's algorithm off (it
# held each rerun's messages ~40 ms for the browser's delayed ACK), the theme read once, one
# event-loop wake-up and one hand-over per batch of messages, one yield per 64 messages sent,
# config reads without a lock, and each keyed widget's key looked up alone (README "Serving load").
APP ?= app.py
STREAMLIT_RUN = $(BIN)/python deploy/streamlit_run.py run
POST_SCRIPT_GC ?= false
SERVE_FLAGS = --server.headless true --browser.gatherUsageStats false \
	--server.fileWatcherType none --server.runOnSave false --runner.postScriptGC $(POST_SCRIPT_GC) \
	--server.maxUploadSize 50 --server.enableXsrfProtection true --client.showErrorDetails none
DEV_FLAGS = --server.headless true --browser.gatherUsageStats false \
	--server.fileWatcherType auto --server.runOnSave true --client.showErrorDetails full

run: $(VENV)/.installed-app
	$(BIN)/followthrough content check
	$(BIN)/followthrough db upgrade
	$(STREAMLIT_RUN) $(APP) --server.address 127.0.0.1 --server.port $(PORT) $(SERVE_FLAGS)

run-dev: $(VENV)/.installed-app
	$(BIN)/followthrough content check
	$(BIN)/followthrough db upgrade
	$(STREAMLIT_RUN) $(APP) --server.address 127.0.0.1 --server.port $(PORT) $(DEV_FLAGS)

# A hosted stack on this machine: REPLICAS app replicas behind HAProxy on HOSTED_PORT (sticky by
# cookie, websockets upgraded), on the PostgreSQL at DB_URL or else a throwaway cluster. Ctrl-C
# stops it all. REPLICA_PORTS: comma-separated (default: free ports). SERVER_NAME: the site's
# host names; the proxy refuses any other Host header with 421 (DNS rebinding). Each replica runs
# on a core of its own; PIN_CORES=no leaves them to the scheduler (a machine busy with other work).
# See README "Serving a cohort".
HOSTED_PORT ?= 8080
SERVER_NAME ?= 127.0.0.1 localhost
REPLICAS ?= 2
REPLICA_PORTS ?=
DB_URL ?=
HOSTED_STATE ?=
PIN_CORES ?= yes

serve-hosted: $(VENV)/.installed-postgres hosted-packages
	$(BIN)/python deploy/hosted.py --port $(HOSTED_PORT) --replicas $(REPLICAS) \
		--replica-ports "$(REPLICA_PORTS)" --db-url "$(DB_URL)" --state-dir "$(HOSTED_STATE)" \
		--server-name "$(SERVER_NAME)" $(if $(filter no,$(PIN_CORES)),--no-pin) -- $(SERVE_FLAGS)

# The stack's integration test (left out of `make test`: it starts PostgreSQL, replicas and a proxy).
test-hosted: $(VENV)/.installed-test system-packages hosted-packages
	$(BIN)/pytest -m hosted tests/hosted

hosted-packages:
	@missing=""; \
	command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing=" haproxy"; \
	[ -n "$(DB_URL)" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	$(call apt_install,the hosted stack)

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

$(VENV)/.installed-postgres: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[postgres]'
	touch $(VENV)/.installed-app $@

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
	$(call apt_install,the tests)

# The tail of a recipe that has listed Debian packages in $$missing: install them with apt when
# root, else say what to install. $(1): who needs them.
apt_install = [ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages for $(1):$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing for $(1):$$missing (e.g. 'sudo apt-get install$$missing'), then run make again."; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-results
