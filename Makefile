# The two commands: `make book` and `make test`. Each creates .venv from requirements.txt when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DATA   ?= data
OUT    ?= _build/html

PDF    ?= _build/pdf/book.pdf

.PHONY: book pdf test test-fast lint check slides bench clean lock system screens

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

system:  # Debian packages the tests need (chromium, LibreOffice, poppler, a CJK font); a no-op when present
	bash tools/system-packages.sh

book: $(STAMP)
	$(PY) -m zonebook build --data $(DATA) --out $(OUT)

pdf: book  # the print edition of the built book: $(PDF), and a handout per zone in its folder's handouts/
	$(PY) -m zonebook pdf --book $(OUT) --out $(PDF)

check: $(STAMP)
	$(PY) -m zonebook check --data $(DATA)

slides: $(STAMP)  # the presenter's command: the decks in both languages and a PDF handout of each
	$(PY) -m zonebook slides --data $(DATA) --handout

test: $(STAMP) system
	$(PY) -m pytest tests -q -p no:cacheprovider -n auto --dist loadfile  # a worker per core, a test file per worker

test-fast: $(STAMP)  # the tests that build no book and drive no browser: under a minute
	$(PY) -m pytest tests -q -p no:cacheprovider -m "not slow"

lint: $(STAMP)  # ruff: the lint rules and the format, as configured in pyproject.toml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	$(PY) bench/build_speed.py
	$(PY) bench/extract_quality.py

screens: $(STAMP) system  # screenshots of a built book (make book first) into _build/screens/
	$(PY) tools/screens.py $(OUT)

clean:
	rm -rf _build

# After installing or upgrading a package in .venv: the exact lock of what is installed, without the
# project itself (an editable local path would not install on another machine).
lock: $(STAMP)
	{ grep '^#' requirements.txt; $(PY) -m pip freeze --disable-pip-version-check --exclude-editable | grep -v '^zonebook=='; } > requirements.txt.new
	mv requirements.txt.new requirements.txt
