# segscope — every command a developer or CI needs. `make serve` and `make test` install what is missing.
# Nothing here downloads from GitHub: Rust tools come from crates.io, wasm-opt and test tools from npm,
# Chromium from Debian's packages.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION        := 0.21.14
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
E2E                  := tests/e2e
NODE_BIN             := $(CURDIR)/$(E2E)/node_modules/.bin
HOST                 ?= 127.0.0.1
PORT                 ?= 8080
CHROMIUM             ?= /usr/bin/chromium
CHROMEDRIVER         ?= /usr/bin/chromedriver

export PATH := $(NODE_BIN):$(HOME)/.cargo/bin:$(PATH)
# Trunk's update check and tool downloads need GitHub; the tools are installed below instead.
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

.PHONY: help tools tool-wasm-target tool-trunk tool-wasm-bindgen tool-node tool-chromium \
        serve build test check-fmt clippy test-native test-wasm test-e2e test-spark size bench reference clean

help:
	@echo "make serve   build the app and serve it on http://$(HOST):$(PORT)/"
	@echo "make test    format + clippy + native tests + wasm browser tests + release build + end-to-end tests"
	@echo "make size    raw and gzipped sizes of the built wasm and js"
	@echo "make bench   benchmarks against the reference tools (see README)"
	@echo "make bench-memory  peak tab memory and time to the first result on a 1M-row file, with and without the worker pool"
	@echo "make test-spark  the exported PySpark job against segscope run on 100k rows (local Spark; not in make test)"

# ---------------------------------------------------------------- tools (idempotent)
tools: tool-wasm-target tool-trunk tool-wasm-bindgen tool-node tool-chromium

tool-wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

tool-trunk:
	@if ! trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)"; then \
	  echo "installing trunk $(TRUNK_VERSION) from crates.io (about 10 minutes, once)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; fi

# wasm-bindgen-cli must equal the wasm-bindgen crate version; its own lockfile pins a crate the registry
# lacks, so it is installed without --locked.
tool-wasm-bindgen:
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) from crates.io (about 4 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

# wasm-opt (npm binaryen@132; Debian's binaryen 108 builds a wasm that fails at run time), Playwright, axe.
tool-node: $(E2E)/node_modules/.installed

$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix $(E2E) --no-audit --no-fund
	@touch $@

tool-chromium:
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -x "$(CHROMEDRIVER)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Chromium is needed: sudo apt-get install -y chromium chromium-driver"; exit 1; fi; fi

# ---------------------------------------------------------------- build and serve
build: tool-wasm-target tool-trunk tool-wasm-bindgen tool-node
	cargo fetch --locked
	TRUNK_OFFLINE=true trunk build --release

serve: build
	@echo ""
	@echo "segscope is served at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@node $(E2E)/serve.mjs --dir dist --host $(HOST) --port $(PORT)

# ---------------------------------------------------------------- tests
test: tools check-fmt clippy test-native test-wasm build test-e2e
	@echo "make test: all passed"

check-fmt:
	cargo fmt --all --check

clippy: tool-wasm-target
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --bin worker --locked -- -D warnings

test-native:
	cargo test --locked --no-fail-fast

# wasm-bindgen tests in headless Chromium (the runner is installed with wasm-bindgen-cli).
test-wasm: tool-wasm-target tool-wasm-bindgen tool-chromium
	CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_TEST_TIMEOUT=120 \
	  cargo test --locked --target wasm32-unknown-unknown --test web

test-e2e: tool-node tool-chromium
	cd $(E2E) && CHROMIUM=$(CHROMIUM) npx playwright test

# ---------------------------------------------------------------- sizes, benchmarks, references
size:
	@test -d dist || { echo "no dist/: run make build first"; exit 1; }
	@printf "%-28s %12s %12s\n" file raw gzip
	@total_raw=0; total_gz=0; for f in $$(cd dist && ls *.wasm *.js); do \
	  raw=$$(stat -c %s dist/$$f); gz=$$(gzip -9 -c dist/$$f | wc -c); \
	  total_raw=$$((total_raw+raw)); total_gz=$$((total_gz+gz)); \
	  printf "%-28s %12s %12s\n" $$f $$raw $$gz; done; \
	printf "%-28s %12s %12s\n" "total (wasm + js)" $$total_raw $$total_gz; \
	all_gz=$$(find dist -type f -exec sh -c 'gzip -9 -c "$$1" | wc -c' _ {} \; | awk '{s+=$$1} END {print s}'); \
	printf "%-28s %12s %12s\n" "all of dist/" "" $$all_gz

# ---------------------------------------------------------------- benchmarks (make bench; not part of make test)
# Native: the engine (profile native-release = release at opt-level 3; the release profile stays "z" for the
# shipped app) against pandas + scikit-learn, interleaved, medians of BENCH_REPS. Browser: the engine compiled
# to wasm (examples/bench_wasm.rs, BENCH_WASM_PROFILE, default the shipped worker's profile) against papaparse,
# ml-kmeans, skmeans and density-clustering in Debian's Chromium. See docs/BENCHMARKS.md. The native half also
# runs BENCH_O2_SIZES (20k: ward hierarchical and the exact silhouette, the O(n²) steps, against scikit-learn).
BENCH_SIZES        ?= 10k,100k,1m
BENCH_O2_SIZES     ?= 20k
BENCH_REPS         ?= 3
BENCH_WASM_PROFILE ?= worker-release
BENCH_DIR          := target/bench-data
BENCH_JS           := tests/bench
BENCH_WASM_OUT     := target/wasm32-unknown-unknown/$(BENCH_WASM_PROFILE)/examples/bench_wasm.wasm

.PHONY: bench-native bench-browser bench-wasm bench-tools bench-memory

bench: bench-native bench-browser
	@echo "make bench: done (results in $(BENCH_DIR)/native.json and $(BENCH_DIR)/browser.json)"

bench-native:
	@python3 -c "import numpy, pandas, sklearn" 2>/dev/null || { \
	  echo "python3 with numpy/pandas/scikit-learn is needed: pip install -r tests/reference/requirements.txt"; exit 1; }
	cargo build --locked --profile native-release --example bench_native
	target/native-release/examples/bench_native gen $(BENCH_DIR) $(BENCH_SIZES),$(BENCH_O2_SIZES)
	python3 tests/reference/bench_native.py --bin target/native-release/examples/bench_native --dir $(BENCH_DIR) \
	  --sizes $(BENCH_SIZES),$(BENCH_O2_SIZES) --reps $(BENCH_REPS) --out $(BENCH_DIR)/native.json

bench-browser: bench-wasm bench-tools tool-chromium
	cargo build --locked --profile native-release --example bench_native
	target/native-release/examples/bench_native gen $(BENCH_DIR) $(BENCH_SIZES)
	cd $(BENCH_JS) && BENCH_SIZES=$(BENCH_SIZES) BENCH_REPS=$(BENCH_REPS) BENCH_DATA=$(CURDIR)/$(BENCH_DIR) \
	  CHROMIUM=$(CHROMIUM) node run.mjs

# The benchmark page: wasm-bindgen --target no-modules output, the worker bundled with esbuild, the page.
bench-wasm: tool-wasm-target tool-wasm-bindgen bench-tools
	cargo build --locked --example bench_wasm --target wasm32-unknown-unknown --profile $(BENCH_WASM_PROFILE) \
	  --no-default-features
	mkdir -p $(BENCH_JS)/build
	wasm-bindgen --target no-modules --no-typescript --out-dir $(BENCH_JS)/build --out-name segscope_bench \
	  $(BENCH_WASM_OUT)
	$(BENCH_JS)/node_modules/.bin/esbuild $(BENCH_JS)/src/worker.js --bundle --format=iife --log-level=warning \
	  --outfile=$(BENCH_JS)/build/worker.js
	cp $(BENCH_JS)/src/index.html $(BENCH_JS)/build/index.html

# Peak memory of the browser tab (renderer process) while the app in dist/ segments the 1M-row file.
bench-memory: build bench-tools tool-chromium
	cargo build --locked --profile native-release --example bench_native
	target/native-release/examples/bench_native gen $(BENCH_DIR) 1m
	cd $(BENCH_JS) && BENCH_FILE=$(or $(BENCH_FILE),$(CURDIR)/$(BENCH_DIR)/blobs_1m.csv) CHROMIUM=$(CHROMIUM) node tab_memory.mjs

bench-tools: $(BENCH_JS)/node_modules/.installed

$(BENCH_JS)/node_modules/.installed: $(BENCH_JS)/package.json $(BENCH_JS)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix $(BENCH_JS) --no-audit --no-fund
	@touch $@


# ---------------------------------------------------------------- the Spark export (outside make test)
# A venv under target/ with the pinned pyspark (numpy, pandas and scikit-learn from the system site packages),
# a deterministic customer file, `segscope run` and the job from `segscope export-spark` on the same config,
# compared by ARI. k-means is the gate; the Gaussian mixture and bisecting k-means are printed.
SPARK_VENV   := target/spark-venv
SPARK_PY     := $(SPARK_VENV)/bin/python
SPARK_CHECK  := target/spark-check
SPARK_ROWS   ?= 100000
SPARK_MIN_ARI ?= 0.95

$(SPARK_VENV)/.installed: tests/reference/requirements-spark.txt
	python3 -m venv --system-site-packages $(SPARK_VENV)
	$(SPARK_PY) -m pip install -q -r tests/reference/requirements-spark.txt
	@touch $@

test-spark: $(SPARK_VENV)/.installed
	@command -v java >/dev/null || { echo "Spark needs Java 17: apt-get install -y openjdk-17-jre-headless"; exit 1; }
	cargo build --locked --bin segscope
	mkdir -p $(SPARK_CHECK)
	$(SPARK_PY) tests/reference/spark_check.py data $(SPARK_CHECK)/customers.csv $(SPARK_ROWS)
	$(SPARK_PY) tests/reference/spark_check.py parquet $(SPARK_CHECK)/customers.csv $(SPARK_CHECK)/customers.parquet 2>/dev/null
	@for algo in kmeans gmm hierarchical kmeans_prep; do \
	  d=$(SPARK_CHECK); \
	  $(SPARK_PY) tests/reference/spark_check.py config $$algo $$d/$$algo.json; \
	  target/debug/segscope run $$d/customers.csv --config $$d/$$algo.json --out $$d/engine-$$algo.csv; \
	  target/debug/segscope export-spark --config $$d/$$algo.json --out $$d/job-$$algo.py 2>$$d/notes-$$algo.txt; \
	  sed 's/^/  /' $$d/notes-$$algo.txt; \
	  input=$$d/customers.csv; gate=; \
	  if [ $$algo = kmeans ]; then input=$$d/customers.parquet; gate=$(SPARK_MIN_ARI); fi; \
	  echo "== $$algo: spark job on $$input"; \
	  $(SPARK_PY) $$d/job-$$algo.py --master 'local[2]' --input $$input --output $$d/spark-$$algo \
	    --output-format csv > $$d/job-$$algo.log 2>&1 || { tail -40 $$d/job-$$algo.log; exit 1; }; \
	  grep -a '^segscope job' $$d/job-$$algo.log || true; \
	  $(SPARK_PY) tests/reference/spark_check.py compare $$d/engine-$$algo.csv $$d/spark-$$algo $$algo $$gate || exit 1; \
	done
	@echo "make test-spark: passed"

reference:
	python3 -m pip install -q -r tests/reference/requirements.txt
	for s in tests/reference/*.py; do echo "== $$s"; python3 $$s; done

clean:
	cargo clean
	rm -rf dist
