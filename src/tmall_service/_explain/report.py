"""One shop's full report for the command line: account, gaps and advice."""

from __future__ import annotations

from tmall_service._rules.assessment import Assessment
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.gap import Gap, gap
from tmall_service._values.catalogue import say
from tmall_service._values.language import Language
from tmall_service._values.text import number, score_text

from .account import dimension_name, explain, purpose_name
from .advice import advise

__all__ = ["report"]


def report(assessment: Assessment, *, rules: RuleBook, lang: Language, advice: int) -> str:
    """The account of *assessment*, what each failed standard takes, and advice.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> text = report(shop, rules=rules, lang="en", advice=1)
    >>> print(text[text.index("To reach merchant"):])
    To reach merchant assessment (商家考核) ≥ 3.50:
      product alone: unreachable
      logistics alone: 3.65 (+0.65)
      after_sales alone: 4.98 (+0.98)
      dispute alone: 1.98 (+0.98)
      consultation alone: unreachable
      cheapest plan: logistics→3.65, raising 0.65 points in all → score 3.50
    ...
    Advice, most points lost first:
    1. Complaints and disputes (loses 0.80)
       - Handle customers' complaints promptly.
       - Give complete after-sales service.
       - Meet a negative review by talking it through with the buyer and seeking a fair ...
    """
    sections = [explain(assessment, rules=rules, lang=lang)]
    if assessment.assessed:
        for purpose in Purpose:
            target = rules.threshold(purpose, assessment.category)
            if target is not None and assessment.score < target:
                sections.append(_gap_lines(gap(assessment, purpose, rules=rules), purpose, lang))
    pieces = advise(assessment, rules=rules, lang=lang, limit=advice)
    if pieces:
        lines = [say("report.advice", lang, advice=say("word.advice", lang))]
        for rank, piece in enumerate(pieces, 1):
            lost = say("report.lost", lang, lost=number(piece.lost)) if piece.lost else ""
            lines.append(f"{rank}. {piece.title}{lost}")
            lines += [f"   - {tip}" for tip in piece.tips]
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _gap_lines(result: Gap, purpose: Purpose, lang: Language) -> str:
    name = purpose_name(purpose, lang)
    lines = [say("report.reach", lang, purpose=name, target=number(result.target))]
    for entry in result:
        dimension = dimension_name(entry.dimension, lang)
        if entry.needed is None:
            lines.append(say("report.never", lang, dimension=dimension))
        else:
            lines.append(
                say(
                    "report.alone",
                    lang,
                    dimension=dimension,
                    needed=number(entry.needed),
                    increase=number(entry.increase),
                )
            )
    plan = result.plan
    moves = say("sep.list", lang).join(
        f"{dimension_name(d, lang)}→{number(s)}" for d, s in plan.changes.items()
    )
    # Under the default cost model (1 a point) the cost is the points raised.
    lines.append(
        say(
            "report.plan",
            lang,
            moves=moves,
            raised=number(plan.cost),
            score=score_text(plan.after.score),
        )
    )
    return "\n".join(lines)
