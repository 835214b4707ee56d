# The two commands a new user needs: `make demo` and `make test`.
# Both install the system libraries when they are missing, so a fresh Debian machine with
# the Swift toolchain is enough.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
BIN := .build/release/workbench
DEMO_OUT ?= reports/demo

.PHONY: demo test deps build bench fixtures clean

deps:
	@if ! pkg-config --exists openblas lapacke zlib 2>/dev/null; then \
		echo "Installing OpenBLAS, LAPACKE, zlib and pkg-config (apt-get)..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libopenblas-dev liblapacke-dev zlib1g-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product workbench

test: deps
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test

demo: build
	@scripts/demo.sh $(BIN) $(DEMO_OUT)

bench: build
	@benchmarks/run.sh $(BENCH_ARGS)

fixtures:
	@scripts/make-fixtures.sh

clean:
	rm -rf .build reports/demo
