"""Rule-book files: the converter, loading TOML and JSON, opening files, the schema.

Imports the rules and the values.
"""
