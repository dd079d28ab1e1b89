"""The command line: its commands, and the files it writes.

The top part: it may import every other part.
"""
