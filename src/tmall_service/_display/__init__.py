"""Display: charts, HTML pages and tables of assessments.

Imports the core, the explanation and the frame path; matplotlib on first use.
"""
