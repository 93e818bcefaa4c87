# The two commands in the README are `make demo` and `make test`; both set up what they need.
.PHONY: setup demo test lint fmt bench

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/studio demo

lint: setup
	.venv/bin/ruff check .
	.venv/bin/mypy studio plugins api ui

# TEST_WORKERS: test processes (whole files each); 2 on the 2-core machine CI runs on
TEST_WORKERS ?= 2

test: lint
	.venv/bin/pytest -q -n $(TEST_WORKERS) --dist loadfile

fmt: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

bench: setup
	.venv/bin/python bench/render.py
