"""Explaining: the account of an assessment, advice, and a shop's full report.

Imports the core (values, rules, files); never the frame path.
"""
