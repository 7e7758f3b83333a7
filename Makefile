# Set-up, the main job and the tests. `make run` and `make test` do all the
# set-up themselves on a fresh machine with Python 3.11.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
LANKG := $(VENV)/bin/lankg
# Debian programs the tests use: headless Chromium (browser tests), rapper and
# Apache Jena (independent RDF parsers and SPARQL engine), Virtuoso (a SPARQL
# 1.1 server for the scale-out store tests).
SYSTEM_FILES := /usr/bin/chromium /usr/bin/rapper /usr/share/java/jena-cmds.jar /usr/bin/java /usr/bin/virtuoso-t
SYSTEM_PACKAGES := chromium raptor2-utils libapache-jena-java default-jre-headless virtuoso-opensource

.PHONY: setup system-deps run test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[test]'  # no setuptools notice about the editable root layout
	touch $@

system-deps:
	@missing=""; for f in $(SYSTEM_FILES); do [ -e $$f ] || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

run: setup
	$(LANKG) build

test: setup system-deps
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/named_queries.py
	$(PY) benchmarks/bench_reason.py
	$(PY) benchmarks/bench_scale.py --sizes 10000,100000 --extract 1000
	$(PY) benchmarks/bench_endpoint.py
	$(PY) benchmarks/bench_viz.py --sizes 600,5000

clean:
	rm -rf out build dist *.egg-info .pytest_cache
