"""Rules and scoring: a rule book and its editions, the score, assessments, standings.

Imports the values part only.
"""
