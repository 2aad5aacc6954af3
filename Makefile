# Two commands do the set-up: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run demo bytecode test check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

run: bytecode  ## open the planner on your data
	$(BIN)/vaplanner

demo: bytecode  ## open the planner on a throwaway sample data set
	$(BIN)/vaplanner --demo

# Compiled .pyc files for the package, so that `vaplanner status` starts fast even where
# PYTHONDONTWRITEBYTECODE is set (then Python never writes them and recompiles every module
# on every run: ~20 ms more per command). Takes ~40 ms when they are up to date.
bytecode: $(STAMP_RUN)
	@$(BIN)/python -m compileall -q vaplanner

test: $(STAMP_TEST)  ## the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(STAMP_DEV)  ## lint and type-check
	$(BIN)/ruff check vaplanner tests benchmarks
	$(BIN)/ruff format --check vaplanner tests benchmarks
	$(BIN)/mypy

bench: $(STAMP_TEST)  ## performance budget, see benchmarks/README.md
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
