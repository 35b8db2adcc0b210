# The two commands a new user needs: `make demo` and `make test`.
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
DEBUG_DIR := build/debug
RELEASE_DIR := build/release

.PHONY: all deps build release demo test bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(DEBUG_DIR) -DCMAKE_BUILD_TYPE=Debug -DSCHOOLMOD_WERROR=ON >/dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

release: deps
	@cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DSCHOOLMOD_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

demo: release
	@mkdir -p var/demo
	$(RELEASE_DIR)/daemon/schoolmodd --config config/demo.toml

test: build
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: release
	@cmake -S . -B $(RELEASE_DIR) -DSCHOOLMOD_BUILD_BENCHMARKS=ON >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

clean:
	rm -rf build
