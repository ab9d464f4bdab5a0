# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
ARGS ?=

.PHONY: run test lint bench lock clean bundle install-user uninstall-user man validate \
	i18n-extract i18n-update i18n-compile i18n-coverage

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Groundwork needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# --- Translations (docs/translating.md): the .po files are the source, the .mo are built ----
PO := $(wildcard resources/locale/*/LC_MESSAGES/groundwork.po)
MO := $(PO:.po=.mo)

$(MO): %.mo: %.po $(STAMP)
	$(PY) packaging/catalogs.py compile

i18n-compile: $(MO)

# Every marked message of desktop_app into resources/locale/groundwork.pot.
i18n-extract: $(STAMP)
	$(PY) packaging/catalogs.py extract

# The .pot's new messages into every language's .po (to translate), gone ones dropped.
i18n-update: i18n-extract
	$(PY) packaging/catalogs.py update

# Fails with the list of messages a language leaves untranslated (100% is the bar).
i18n-coverage: $(STAMP)
	$(PY) packaging/catalogs.py coverage

run: $(STAMP) $(MO)
	@$(PY) -m desktop_app.qt_doctor
	$(PY) -m desktop_app $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop_app tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint validate i18n-coverage $(MO) bundle
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

# The one-folder bundle and its .tar.gz (packaging/pyinstaller/README.md). Its own venv holds
# only what the app needs plus PyInstaller, so no development tool is frozen into it.
# PyInstaller comes from the `bundle` extra, pinned in constraints.txt like everything else.
BUNDLE_VENV ?= .bundle-venv
BUNDLE := dist/groundwork/groundwork
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop_app/__init__.py)
BUNDLE_SOURCES := $(shell find desktop_app resources packaging -type f -not -path '*/__pycache__/*') \
	docs/templates.md

$(BUNDLE_VENV)/.installed-stamp: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BUNDLE_VENV)/bin/python -m pip install --quiet -c constraints.txt -e '.[bundle]'
	@touch $@

$(BUNDLE): $(BUNDLE_VENV)/.installed-stamp $(BUNDLE_SOURCES)
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/pyinstaller/groundwork.spec
	$(BUNDLE_VENV)/bin/python packaging/pyinstaller/check_glibc.py dist/groundwork
	tar -C dist -czf dist/groundwork-$(VERSION)-linux-$(shell uname -m).tar.gz groundwork
	@du -sh dist/groundwork dist/groundwork-$(VERSION)-linux-$(shell uname -m).tar.gz

bundle: $(BUNDLE)

# Re-resolve every dependency to its newest allowed version and record it in constraints.txt.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev,bundle]'
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
	rm -rf $(VENV) .lock-venv $(BUNDLE_VENV) dist build .mypy_cache .ruff_cache .pytest_cache
