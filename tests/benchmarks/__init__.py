"""Benchmarks for the DESIGN.md budgets; run with ``make bench`` (``python -m tests.benchmarks``).

Each budget is measured as a ratio to a baseline taken in the same run, or as an absolute
figure where the budget is one. Not part of the default test run.
"""
