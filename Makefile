# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
ARGS ?=

.PHONY: run test lint bench lock clean install-user uninstall-user man validate

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Groundwork needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) -m desktop_app.qt_doctor
	$(PY) -m desktop_app $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop_app tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint validate
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

# Re-resolve every dependency to its newest allowed version and record it in constraints.txt.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable \
	  | grep -v -i -e '^pip==' -e '^-e '; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .lock-venv

# --- Packaging: install for this user, the man page, the desktop file validators ---------------
APP_ID := $(shell sed -n 's/^APP_ID = "\(.*\)"/\1/p' desktop_app/app_id.py)

# A private venv under $$XDG_DATA_HOME/$(APP_ID), ~/.local/bin/groundwork, the menu entry,
# metainfo, icons, man page and bash completion; uninstall-user removes exactly those.
install-user:
	$(PYTHON) packaging/install_user.py install

uninstall-user:
	$(PYTHON) packaging/install_user.py uninstall

man:
	$(PYTHON) packaging/make_man.py build/man/groundwork.1
	@echo "man -l build/man/groundwork.1"

# Hints are allowed; a warning or an error fails.
validate:
	desktop-file-validate packaging/$(APP_ID).desktop
	appstreamcli validate --no-net packaging/$(APP_ID).metainfo.xml

clean:
	rm -rf $(VENV) .lock-venv dist build .mypy_cache .ruff_cache .pytest_cache
