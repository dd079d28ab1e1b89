"""The charts, as a user's typed code calls them: checked by mypy, never run."""

from matplotlib.axes import Axes
from matplotlib.figure import Figure

import tmall_service as ts

rules = ts.example_rulebook()
scores = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
result = ts.assess(scores, category="服饰", period=ts.AssessmentPeriod.month(2024, 7), rules=rules)

radar: Axes = ts.plot_radar(result, rules=rules)
on_mine: Axes = ts.plot_radar(
    result, rules=ts.Editions([rules]), ax=Figure().add_subplot(projection="polar"), lang="zh"
)
trend: Axes = ts.plot_trend([result], rules=rules, purposes=[ts.Purpose.MARKETING_ACCESS])
chosen: Axes = ts.plot_trend((r for r in [result]), rules=rules, ax=Figure().add_subplot())
