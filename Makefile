# Two commands set everything up: `make run` serves the app, `make test` runs
# every check. Each creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast bench train image-test screenshots clean

$(VENV)/.run-stamp: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian/Ubuntu run 'sudo apt-get install python3-venv'."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-stamp: $(VENV)/.run-stamp requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.train-stamp: $(VENV)/.run-stamp requirements-train.txt
	$(PY) -m pip install --quiet -r requirements-train.txt
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.run-stamp
	$(PY) -m streamlit run kana_app/server.py \
		--server.port $(PORT) --server.address $(ADDRESS)

test: $(VENV)/.dev-stamp node_modules/.stamp
	$(PY) -m pytest
	@if [ "$$(id -u)" = 0 ] && command -v podman >/dev/null && command -v debootstrap >/dev/null; then \
		$(MAKE) image-test; \
	else \
		echo "image-test not run: it needs root, podman and debootstrap (see README)"; \
	fi

# The quick loop while developing: no browser, no CDK synth.
test-fast: $(VENV)/.dev-stamp
	$(PY) -m pytest -m "not browser and not slow"

bench: $(VENV)/.dev-stamp
	$(PY) -m benchmarks

train: $(VENV)/.train-stamp
	$(PY) -m training.train

image-test:
	bash scripts/image_test.sh

# Retake the README's screenshots in images/ from the browser tests.
screenshots: $(VENV)/.dev-stamp
	KANA_UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/browser

clean:
	rm -rf $(VENV) node_modules cdk.out .pytest_cache
