"""Values: numbers, names, errors, words, dimensions and schemes, periods, exemptions.

The bottom part: it imports no other part of the library.
"""
