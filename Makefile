# l10n: the commands a user runs. `make install` once, then `make presskit` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# argostranslate needs torch (through stanza) although l10n never imports it; the CPU build keeps the
# install small. Override with `make install TORCH=torch` to let pip choose.
TORCH ?= torch==2.13.0

.PHONY: install presskit translate check release status test models bench clean libretranslate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '$(TORCH)'
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## The main job: translate what is new, check the catalogs (errors in approved entries stop it), then build
## the releases from locales/. It always builds: a missing model leaves sentences waiting, it stops nothing.
## The press kit lands in dist/<kit name>/ and dist/<kit name>.zip. SOURCE_DATE_EPOCH pins its build
## time to the last commit, so the zip is byte-identical on every machine building that commit.
presskit: install
	$(BIN)/l10n translate
	$(BIN)/l10n check
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null) $(BIN)/l10n release

translate: install
	$(BIN)/l10n translate

check: install
	$(BIN)/l10n check

release: install
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null) $(BIN)/l10n release

## Argos models the config needs (de->en, en->zh): from the Argos index (needs the internet), or
## offline from files: make models MODELS="translate-de_en.argosmodel translate-en_zh.argosmodel"
models: install
	@if [ -n "$(MODELS)" ]; then for f in $(MODELS); do $(BIN)/l10n models install "$$f" || exit 1; done; \
	else $(BIN)/l10n models install de en && $(BIN)/l10n models install en zh; fi

## A LibreTranslate server in its own environment (its pins clash with ours), for the engine's tests
## and for a team that runs one: .venv-lt/bin/libretranslate. spaCy lets it split sentences offline.
LIBRETRANSLATE ?= libretranslate==1.9.6
libretranslate: .venv-lt/.installed

.venv-lt/.installed:
	$(PYTHON) -m venv .venv-lt
	.venv-lt/bin/python -m pip install --quiet '$(LIBRETRANSLATE)' 'spacy>=3.7,<3.9' 'rich>=12,<13'
	touch $@

status: install
	$(BIN)/l10n status

test: install
	$(BIN)/python -m pytest

## The benchmarks of the issues' speed and memory targets (several minutes; each prints its figures).
bench: install
	$(BIN)/python bench/segment_speed.py
	$(BIN)/python bench/check_false_alarms.py
	$(BIN)/python bench/merge_speed.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/mt_throughput.py

clean:
	rm -rf dist .l10n .pytest_cache
