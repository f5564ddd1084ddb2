# Developer shortcuts. The tests are run as README.md says; this file only adds `make bench`.

PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: bench

# Every command at 60, 3,000, 30,000 and 100,000 activities beside its baselines
# (benchmarks/README.md). BENCH_ARGS="--sizes 60,3000 --repeat 1" for a quick run.
bench:
	$(PYTHON) benchmarks/run.py --readme README.md $(BENCH_ARGS)
