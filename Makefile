# Tensor Tutor: `make run` starts the app, `make test` runs the whole suite headless.
# Both are packaging/tutor.sh (the README's two commands, for machines without make): it
# installs what is missing first (Debian/Ubuntu packages when root, a .venv with pinned wheels).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TUTOR := TUTOR_VENV=$(VENV) bash packaging/tutor.sh

.PHONY: run test bench lint venv deps-run deps-test screenshots dist dist-check clean \
        fresh-check fresh-check-13

venv:
	$(TUTOR) venv

deps-run:
	$(TUTOR) deps run

deps-test:
	$(TUTOR) deps test

run:
	$(TUTOR) run

test:
	$(TUTOR) test

bench: deps-test venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: venv
	$(PY) -m ruff check tutor_app tests bench

screenshots: deps-test venv
	QT_QPA_PLATFORM=offscreen $(PY) -m tutor_app --screenshot screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info

# --- Fresh systems (packaging/fresh_check.sh) ----------------------------------------------
# Builds a bare Debian (debootstrap minbase + python3, root needed), clones this checkout's
# HEAD into it and runs the README's two commands there. SUITE=trixie for Debian 13.
SUITE ?= bookworm

fresh-check:
	bash packaging/fresh_check.sh $(SUITE)

fresh-check-13:
	bash packaging/fresh_check.sh trixie

# --- Packaging (packaging/README.md) -------------------------------------------------------
# `make dist`: one-folder bundle, tarball and .deb in dist/; `make dist-check` builds them,
# smoke-tests both unpacked, offline, with an empty environment, then installs the .deb with
# apt on fresh Debian 12 and 13 (packaging/deb_fresh_check.sh).
dist:
	$(TUTOR) deps dist
	$(TUTOR) dist-venv
	$(PY) packaging/build.py

dist-check: dist
	$(PY) packaging/dist_check.py
	TUTOR_VENV=$(VENV) bash packaging/deb_fresh_check.sh bookworm trixie
