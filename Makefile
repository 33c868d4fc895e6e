# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/protocol-bot console --council examples/brookfield.yaml

test: $(STAMP)
	$(BIN)/python -m pytest

# The same tests with the storage ones on PostgreSQL (TEST_DATABASE_URL, default: the local server).
test-postgres: $(STAMP)
	TEST_DATABASE_URL="$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}" $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
