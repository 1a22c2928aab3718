# Thin aliases for dev.py, which needs only Python (make is optional).
PYTHON ?= python3

.PHONY: install run test lint bench check
install: ; $(PYTHON) dev.py install
run: ; $(PYTHON) dev.py run
test: ; $(PYTHON) dev.py test
lint: ; $(PYTHON) dev.py lint
bench: ; $(PYTHON) dev.py bench
check: lint test
