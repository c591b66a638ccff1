# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
# Use the active virtual environment if there is one, else our own .venv.
PY := $(if $(VIRTUAL_ENV),$(VIRTUAL_ENV)/bin/python,$(VENV)/bin/python)
STAMP := $(dir $(PY)).ecgraph-installed
DEBIAN_PACKAGES := openjdk-17-jdk-headless maven tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn
# Fonts the label benchmark's generator renders with (benchmarks/labelgen/fonts.py): Latin serif, sans,
# condensed and monospace faces, and Japanese gothic and mincho faces.
FONT_PACKAGES := fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-inconsolata \
  fonts-noto-cjk fonts-ipafont-gothic fonts-ipafont-mincho fonts-vlgothic

.PHONY: demo test setup system-deps python-deps neo4j server-user bench soak lint clean-server

demo: setup
	$(PY) -m ecgraph.cli demo run

test: setup lint
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-deps python-deps neo4j server-user

# Debian packages (JDK 17, Maven, Tesseract with English and Japanese; Chromium and tmux for the tests that
# use ecgraph as an analyst would), installed only when missing.
system-deps:
	@missing=""; \
	command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(17|21)' || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr tesseract-ocr-eng"; \
	tesseract --list-langs 2>/dev/null | grep -qx jpn || missing="$$missing tesseract-ocr-jpn"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for font in $(FONT_PACKAGES); do dpkg-query -W -f='$${Status}' $$font 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$font"; done; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

python-deps: $(STAMP)
$(STAMP): pyproject.toml
	@if [ -z "$(VIRTUAL_ENV)" ] && [ ! -x $(VENV)/bin/python ]; then $(PYTHON) -m venv $(VENV); fi
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

# Resolve the Neo4j server and Browser jars from Maven Central once (cached in the user cache dir).
neo4j: python-deps
	$(PY) -m ecgraph.cli db install

# Run as root (CI, containers), ecgraph runs Neo4j as this system user, never as root (graph/server_account.py):
# no login shell, no home, its own group. Nothing to do for an ordinary user, whose server runs as itself.
ECGRAPH_SERVER_USER ?= ecgraph-neo4j
server-user:
	@if [ "$$(id -u)" = 0 ] && ! id -u $(ECGRAPH_SERVER_USER) >/dev/null 2>&1; then \
	  echo "creating system user $(ECGRAPH_SERVER_USER) to run Neo4j"; \
	  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
	    --comment "ecgraph managed Neo4j" $(ECGRAPH_SERVER_USER); \
	fi

bench: setup
	$(PY) -m benchmarks

# Reliability (issue 16): crash trials (kill -9 of ingest, screening and Neo4j, then --resume; counts compared)
# with analyst p95 latency during screening, then >= 10^5 fuzzed inputs per parser. SOAK_ARGS / FUZZ_ARGS
# override the scale, e.g. `make soak FUZZ_ARGS="--examples 100000 --budget-seconds 3600"`.
SOAK_ARGS ?= --trials 21 --declarations 1000 --batch-size 50 --attempts 4
FUZZ_ARGS ?= --examples 100000
soak: setup
	$(PY) -m benchmarks.soak $(SOAK_ARGS)
	$(PY) -m benchmarks.fuzz_parsers $(FUZZ_ARGS)

# ruff, then mypy (strict) over ecgraph.*, benchmarks and tests. mypy cannot follow the package-dir mapping of an
# editable install, so it reads ecgraph.* through links in $(MYPY_SRC) (errors print that path).
MYPY_SRC := .cache/mypy-src
lint: python-deps
	$(PY) -m ruff check graph ingest rules cli demo schemas tests benchmarks
	@rm -rf $(MYPY_SRC) && mkdir -p $(MYPY_SRC)/ecgraph && \
	  for p in graph ingest rules cli demo schemas; do ln -s ../../../$$p $(MYPY_SRC)/ecgraph/$$p; done
	MYPYPATH=$(MYPY_SRC) $(PY) -m mypy -p ecgraph.graph -p ecgraph.ingest -p ecgraph.rules -p ecgraph.cli -p ecgraph.demo -p ecgraph.schemas \
	  -p benchmarks -p tests
