# The README's commands. `make run` and `make test` each set up everything they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve worker test test-fast lint format setup bench bench-public bench-review bench-hostile bench-serve bench-certificates wrk clean messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_initial_data
	$(BIN)/python manage.py render_certificates

run: setup
	$(BIN)/python manage.py create_demo_admin --site-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py create_demo_officials
	DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

# As production serves: collected, compressed static files and gunicorn (gunicorn.conf.py
# reads its workers, threads and address from the environment). Needs the production
# variables, at least DJANGO_DEBUG=0 and DJANGO_SECRET_KEY (README, "Production").
serve: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn -c gunicorn.conf.py ovop.wsgi

# The task queue's worker (ovop/celery.py), beside `make serve`, with the same environment:
# it sends the mails. Needs a broker: CELERY_BROKER_URL or REDIS_URL (README, "Production").
worker: $(STAMP)
	@test -n "$$CELERY_BROKER_URL$$REDIS_URL" || { echo "Set REDIS_URL or CELERY_BROKER_URL: without a broker, tasks run in the request and no worker is needed." >&2; exit 1; }
	$(BIN)/celery -A ovop worker --loglevel=INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The edit loop: SQLite, no browser, no national gazetteer, stop at the first failure.
# `make test` (what CI runs) is still the judge.
test-fast: $(STAMP)
	env -u DATABASE_URL $(BIN)/python -m pytest -m "not browser and not slow" -x -q -p no:cacheprovider $(PYTEST_ARGS)

bench-review: $(STAMP)
	$(BIN)/python benchmarks/review.py

bench-public: $(STAMP)
	$(BIN)/python benchmarks/public_pages.py

# What a hostile file (a workbook row of 6,000,000 cells, a line of 24,000,000 commas)
# costs before it is refused, beside reading the national village list.
bench-hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile_files.py

# Refresh the Khmer catalogue from the code and templates, then compile it (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l km --add-location file --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*" --ignore "media/*"
	$(BIN)/python manage.py compilemessages -l km --ignore ".venv/*"

bench: $(STAMP) wrk
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/hostile_files.py
	$(BIN)/python benchmarks/serving.py

# The public pages under load through gunicorn, cached and uncached.
bench-serve: $(STAMP) wrk
	$(BIN)/python benchmarks/serving.py

# Certificate pages and PDFs under load: the stored PDF next to one rendered per request.
bench-certificates: $(STAMP) wrk
	$(BIN)/python benchmarks/certificates.py

# The load generator the serving benchmark drives (Debian's package), installed if missing.
wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
