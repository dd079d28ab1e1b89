"""Make ``history.csv``: a year of made-up shops, to try ``standing`` and ``report`` on.

Every shop, name and number in it is made up (虚构): 300 shops over the
twelve months of 2024, the year of the example edition. Each shop keeps its
category and region; its scores drift from month to month, so that some
shops slip below a standard for a few months in a row, some recover, a few
miss a month (a gap in the history) and a few are not assessed some months
(every score 0, the dashboard's "no data"). The same seed gives the same
file, so the docs' examples stay as shown.

    python examples/make_history.py            # writes examples/history.csv
"""

import csv
import random
from pathlib import Path

SHOPS = 300
SEED = 20240101
CATEGORIES = ["服饰", "美妆", "食品", "家电", "数码", "图书"]  # 图书 is not assessed
REGIONS = ["浙江", "江苏", "广东", "河南", "上海", "四川", ""]
DIMENSIONS = ["product", "logistics", "after_sales", "dispute", "consultation"]
FIRST = ["云", "锦", "北", "简", "山", "青", "乐", "星", "禾", "木", "拾", "遇"]
SECOND = ["裳", "衣", "纬", "素", "野", "橙", "居", "河", "田", "子", "光", "见"]
KIND = ["旗舰店", "专营店", "小铺", "生活馆", "优品", "工作室"]
MISSING_A_MONTH = 0.05  # shops with a month missing from their history
NOT_ASSESSED = 0.02  # months with every score 0


def names(rng: random.Random) -> list[str]:
    """*SHOPS* made-up shop names, no two alike."""
    found: list[str] = []
    while len(found) < SHOPS:
        name = rng.choice(FIRST) + rng.choice(SECOND) + rng.choice(KIND)
        if name not in found:
            found.append(name)
    return found


def main() -> None:
    """Write the history beside this script."""
    rng = random.Random(SEED)
    rows = []
    for shop in names(rng):
        category, region = rng.choice(CATEGORIES), rng.choice(REGIONS)
        level = rng.uniform(3.2, 4.9)  # where the shop's scores sit
        missing = rng.random() < MISSING_A_MONTH and rng.randint(2, 11)  # a month missing
        for month in range(1, 13):
            level = min(5.0, max(2.5, level + rng.gauss(0, 0.18)))
            if month == missing:
                continue
            row = {"shop": shop, "period": f"2024-{month:02d}", "category": category}
            row["region"] = region
            not_assessed = rng.random() < NOT_ASSESSED
            for name in DIMENSIONS:
                score = min(5.0, max(0.0, rng.gauss(level, 0.25)))
                row[name] = "0" if not_assessed else f"{score:.2f}"
            row["orders"] = str(rng.choice([12, 45, 180, 420, 1280, 5600]))
            rows.append(row)
    target = Path(__file__).with_name("history.csv")
    with target.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows of {SHOPS} made-up shops to {target}")


if __name__ == "__main__":
    main()
