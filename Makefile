# The two commands: `make run` and `make test`. Both set everything up from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
export DJANGO_DEBUG ?= true

.PHONY: install run test lint browser timelinejs bench messages catalogue

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed messages

# The interface in Bahasa Indonesia: locale/<language>/LC_MESSAGES/django.po is committed, the
# .mo Django reads is built from it here (GNU gettext's msgfmt, as `compilemessages` runs it;
# Debian's gettext when we can, else say how).
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po)
define need_gettext
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's gettext for the translations"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "The translations need GNU gettext's msgfmt: install it (e.g. 'sudo apt-get install gettext') and run make again." >&2; \
	    exit 1; \
	  fi; }
endef

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	$(need_gettext)
	msgfmt --check-format --check-domain -o $@ $<

messages: $(CATALOGUES:.po=.mo)

# After adding or changing a translatable string: bring the catalogue up to date, translate
# what is new or marked fuzzy (tests/test_translations.py fails until then), commit the .po.
catalogue: install
	$(need_gettext)
	$(BIN)/python manage.py makemessages --locale id --add-location file --no-obsolete \
	  --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'seeds/*'

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_articles seeds/
	$(BIN)/python manage.py load_story
	$(BIN)/python manage.py runserver $(ADDR)

# The browser tests need a Chromium; install Debian's when we can, else say how.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: install it (e.g. 'sudo apt-get install chromium') and run 'make test' again." >&2; \
	    exit 1; \
	  fi; }

# Knight Lab's TimelineJS from npm, for the browser test that embeds the export on another
# origin (tests/e2e/test_timelinejs_embed.py). Needs Node.js and npm: Debian's when we can.
TIMELINEJS := tests/e2e/timelinejs
$(TIMELINEJS)/node_modules/.installed: $(TIMELINEJS)/package.json $(TIMELINEJS)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's nodejs and npm for the TimelineJS embed test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "The TimelineJS embed test needs Node.js and npm: install them (e.g. 'sudo apt-get install nodejs npm') and run 'make test' again." >&2; \
	    exit 1; \
	  fi; }
	npm ci --prefix $(TIMELINEJS) --no-audit --no-fund --loglevel=error
	touch $@

timelinejs: $(TIMELINEJS)/node_modules/.installed

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install browser timelinejs lint
	$(BIN)/pytest

# Figures to read, not a test: minutes by default; `make bench BENCH="--sizes 50 --quick"`.
BENCH ?=
bench: install
	$(BIN)/python manage.py benchmark $(BENCH)
