# The two commands: `make book` and `make test`. Each creates .venv from requirements.txt when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DATA   ?= data
OUT    ?= _build/html

.PHONY: book test check slides bench clean lock system

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

system:  # Debian packages the tests need (chromium, LibreOffice, poppler, a CJK font); a no-op when present
	bash tools/system-packages.sh

book: $(STAMP)
	$(PY) -m zonebook build --data $(DATA) --out $(OUT)

check: $(STAMP)
	$(PY) -m zonebook check --data $(DATA)

slides: $(STAMP)
	$(PY) -m zonebook slides --data $(DATA)

test: $(STAMP) system
	$(PY) -m pytest tests -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/build_speed.py
	$(PY) bench/extract_quality.py

clean:
	rm -rf _build

lock: $(STAMP)
	$(PY) -m pip freeze --disable-pip-version-check > requirements.txt.new && mv requirements.txt.new requirements.txt
