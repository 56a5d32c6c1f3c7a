# Tensor Tutor: `make run` starts the app, `make test` runs the whole suite headless.
# Both install what they need first (Debian/Ubuntu packages when root, a .venv with pinned wheels).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

APT_QT := libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fontconfig
APT_WINDOW := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
              libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
APT_TEST := xvfb xauth
APT_DIST := binutils patchelf

# Installs the Debian packages named in $(1) that are missing: with apt when root,
# otherwise prints the sudo line to run.
define apt_ensure
	@missing=""; \
	for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "apt-get install$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing system packages. Please run:"; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi
endef

.PHONY: run test bench lint venv deps-run deps-test screenshots dist dist-check clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e . || echo "editable install skipped: run with python -m tutor_app"
	touch $(STAMP)

venv: $(STAMP)

deps-run:
	$(call apt_ensure,$(APT_QT) $(APT_WINDOW))

deps-test:
	$(call apt_ensure,$(APT_QT) $(APT_WINDOW) $(APT_TEST))

run: deps-run $(STAMP)
	$(PY) -m tutor_app

test: deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: $(STAMP)
	$(PY) -m ruff check tutor_app tests bench

screenshots: deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tutor_app --screenshot screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info

# --- Packaging (packaging/README.md) -------------------------------------------------------
# `make dist`: one-folder bundle, tarball and .deb in dist/; `make dist-check` builds them
# and smoke-tests both unpacked, offline, with an empty environment.
DIST_STAMP := $(VENV)/.dist-installed

$(DIST_STAMP): requirements-dist.txt $(STAMP)
	$(PY) -m pip install -q -r requirements-dist.txt
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(call apt_ensure,$(APT_QT) $(APT_WINDOW) $(APT_DIST))
	$(PY) packaging/build.py

dist-check: dist
	$(PY) packaging/dist_check.py
