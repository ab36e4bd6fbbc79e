# eabot: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config.example.toml

.PHONY: demo test lint venv venv-test servers clean prefilter-table

$(BIN)/eabot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

venv: $(BIN)/eabot

$(VENV)/.test-extras: pyproject.toml $(BIN)/eabot
	$(BIN)/pip install -q -e ".[test]"
	touch $@

venv-test: $(VENV)/.test-extras

## demo: set up and run the demo on the embedded default (Maildir + SQLite)
demo: venv
	$(BIN)/eabot demo --config $(CONFIG) --examples examples/mail

## servers: install the real servers and the browser the tests use (Dovecot, Chromium) when root and missing
servers:
	@if ! command -v dovecot >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing dovecot-imapd and chromium for the IMAP and browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd chromium >/dev/null) \
	      || echo "could not install dovecot-imapd/chromium: the IMAP and browser tests will skip"; \
	  else echo "dovecot or chromium is missing and we are not root: the IMAP and browser tests will skip"; fi; \
	fi

## test: set up and run the whole suite, then type-check and lint
test: venv-test servers
	$(BIN)/pytest -q
	$(BIN)/mypy --strict bot
	$(BIN)/ruff check bot tests benchmarks

lint: venv-test
	$(BIN)/mypy --strict bot
	$(BIN)/ruff check bot tests benchmarks

## prefilter-table: re-derive the default lexicon's prefilters and RE2 twins into bot/defaults/
## (after changing the lexicon or bot/classify/{prefilter,formula,folding,superset,lowered}.py;
## tests/test_prefilter_table.py and tests/test_twin_table.py say when)
prefilter-table: venv
	$(BIN)/python -c "from bot.classify.prefilter_table import write; write()"
	$(BIN)/python -c "from bot.classify.twin_table import write; write()"

clean:
	rm -rf var/demo var/eabot.sqlite3*
