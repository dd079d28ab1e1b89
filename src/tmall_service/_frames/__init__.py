"""Frames: many shops at once, as columns; shop files; histories and their standings.

Imports the core (values, rules, files); numpy, pyarrow and narwhals on first use.
"""
