"""Known names and the edition in force, as the v1.1 contract in API.md states them.

Categories profiled or excluded, the regions, names normalised everywhere, the dates an
edition applies, and the errors of an unknown name or a period outside the edition.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tmall_service as ts
from contract_values import APPAREL, BEAUTY, DIGITAL, JULY, D

FOOD = "食品"


FOUR = (APPAREL, BEAUTY, DIGITAL, FOOD)


WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


def _book(*profiled: str, **fields: object) -> ts.RuleBook:
    """A rule book with the seed weights for each of *profiled* (default: all four)."""
    names = profiled or FOUR
    return ts.RuleBook(profiles=dict.fromkeys(names, WEIGHTS), **fields)


SEED_SCORE = D("3.30")


# Whitespace that may surround a name: ASCII and the ideographic space U+3000.
SURROUNDING = st.text(alphabet=" \t\n\u3000", max_size=3)


# The seed example: 5×0.2 + 3×0.3 + 4×0.2 + 1×0.2 + 4×0.1 = 1 + 0.9 + 0.8 + 0.2 + 0.4 = 3.30.
SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)


def _assess(rules: ts.RuleBook, category: str = APPAREL, **kwargs: object) -> ts.Assessment:
    kwargs.setdefault("period", JULY)
    return ts.assess(SCORES, category=category, rules=rules, **kwargs)


def _exemption(
    *,
    categories: object = None,
    regions: object = None,
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
) -> ts.Exemption:
    return ts.Exemption(
        start=start, end=end, reason="特大灾害", categories=categories, regions=regions
    )


def _nfkc_strip(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _refused_as_bad_input(call) -> None:
    """*call* raises an error that is both a TmallServiceError and a ValueError."""
    with pytest.raises(ts.TmallServiceError) as caught:
        call()
    assert isinstance(caught.value, ValueError)


EMPTY_NAMES = [
    pytest.param("", id="empty"),
    pytest.param("  ", id="spaces"),
    pytest.param("\u3000", id="ideographic-space"),
    pytest.param(" \t\u3000\n", id="mixed-whitespace"),
]


# China's 34 province-level divisions: short name and full name.
PROVINCES = {
    "北京": "北京市",
    "天津": "天津市",
    "上海": "上海市",
    "重庆": "重庆市",
    "河北": "河北省",
    "山西": "山西省",
    "辽宁": "辽宁省",
    "吉林": "吉林省",
    "黑龙江": "黑龙江省",
    "江苏": "江苏省",
    "浙江": "浙江省",
    "安徽": "安徽省",
    "福建": "福建省",
    "江西": "江西省",
    "山东": "山东省",
    "河南": "河南省",
    "湖北": "湖北省",
    "湖南": "湖南省",
    "广东": "广东省",
    "海南": "海南省",
    "四川": "四川省",
    "贵州": "贵州省",
    "云南": "云南省",
    "陕西": "陕西省",
    "甘肃": "甘肃省",
    "青海": "青海省",
    "台湾": "台湾省",
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}


FULL_NAMES = tuple(PROVINCES.values())


SHORT_NAMES = tuple(PROVINCES)


ALL_REGION_NAMES = frozenset(SHORT_NAMES) | frozenset(FULL_NAMES)


YEAR_END = date(2024, 12, 31)


YEAR_START = date(2024, 1, 1)


def _edition(
    effective_from: date | None = YEAR_START, effective_to: date | None = YEAR_END
) -> ts.RuleBook:
    return _book(name="2024版", effective_from=effective_from, effective_to=effective_to)


class TestRuleBookKnownCategories:
    def test_excluded_categories_defaults_to_empty_frozenset(self):
        assert _book().excluded_categories == frozenset()

    def test_exclude_unknown_categories_defaults_to_false(self):
        assert _book().exclude_unknown_categories is False

    def test_excluded_categories_reads_back(self):
        rules = _book(APPAREL, excluded_categories=frozenset({FOOD, DIGITAL}))
        assert rules.excluded_categories == frozenset({FOOD, DIGITAL})

    def test_exclude_unknown_categories_reads_back(self):
        assert _book(exclude_unknown_categories=True).exclude_unknown_categories is True

    def test_name_both_profiled_and_excluded_is_refused(self):
        with pytest.raises(ts.RuleBookError) as caught:
            _book(APPAREL, BEAUTY, excluded_categories=frozenset({BEAUTY}))
        assert BEAUTY in str(caught.value)

    def test_name_both_profiled_and_excluded_after_normalisation_is_refused(self):
        with pytest.raises(ts.RuleBookError):
            _book(APPAREL, excluded_categories=frozenset({" 服饰\u3000"}))

    def test_excluded_only_book_is_valid(self):
        rules = ts.RuleBook(profiles={}, excluded_categories=frozenset({FOOD}))
        assert rules.excluded_categories == frozenset({FOOD})


class TestAssessCategories:
    def test_profiled_category_is_scored(self):
        result = _assess(_book(), APPAREL)
        assert result.status is ts.Status.SCORED
        assert result.score == SEED_SCORE

    def test_excluded_category_is_category_excluded_with_99(self):
        result = _assess(_book(APPAREL, excluded_categories=frozenset({FOOD})), FOOD)
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.score == D("99")
        assert result.score == ts.NOT_ASSESSED_SCORE

    def test_excluded_category_keeps_its_name(self):
        result = _assess(_book(APPAREL, excluded_categories=frozenset({FOOD})), FOOD)
        assert result.category == FOOD

    def test_excluded_beats_a_covering_exemption(self):
        rules = _book(APPAREL, excluded_categories=frozenset({FOOD}), exemptions=(_exemption(),))
        assert _assess(rules, FOOD).status is ts.Status.CATEGORY_EXCLUDED

    def test_unknown_category_raises(self):
        with pytest.raises(ts.UnknownCategoryError):
            _assess(_book(), "服装")

    def test_unknown_category_error_is_base_and_value_error(self):
        _refused_as_bad_input(lambda: _assess(_book(), "服装"))

    def test_unknown_category_in_an_empty_book_raises(self):
        with pytest.raises(ts.UnknownCategoryError):
            _assess(ts.RuleBook(profiles={}), APPAREL)

    def test_unknown_category_message_names_the_category(self):
        with pytest.raises(ts.UnknownCategoryError) as caught:
            _assess(_book(), "服装")
        assert "服装" in str(caught.value)

    def test_unknown_category_message_lists_every_known_category(self):
        with pytest.raises(ts.UnknownCategoryError) as caught:
            _assess(_book(), "家具")
        message = str(caught.value)
        for name in FOUR:
            assert name in message

    def test_unknown_category_message_lists_excluded_categories_as_known(self):
        rules = _book(APPAREL, BEAUTY, excluded_categories=frozenset({FOOD, DIGITAL}))
        with pytest.raises(ts.UnknownCategoryError) as caught:
            _assess(rules, "家具")
        message = str(caught.value)
        for name in FOUR:
            assert name in message

    @pytest.mark.parametrize(
        ("typo", "closest"),
        [
            pytest.param("服装", APPAREL, id="服装-服饰"),
            pytest.param("美装", BEAUTY, id="美装-美妆"),
            pytest.param("数据", DIGITAL, id="数据-数码"),
            pytest.param("食物", FOOD, id="食物-食品"),
        ],
    )
    def test_unknown_category_message_lists_the_closest_first(self, typo, closest):
        with pytest.raises(ts.UnknownCategoryError) as caught:
            _assess(_book(), typo)
        message = str(caught.value)
        assert typo in message
        for other in FOUR:
            if other != closest:
                assert message.index(closest) < message.index(other), message

    def test_closest_first_counts_excluded_categories(self):
        rules = _book(APPAREL, BEAUTY, DIGITAL, excluded_categories=frozenset({FOOD}))
        with pytest.raises(ts.UnknownCategoryError) as caught:
            _assess(rules, "食物")
        message = str(caught.value)
        for other in (APPAREL, BEAUTY, DIGITAL):
            assert message.index(FOOD) < message.index(other), message

    def test_exclude_unknown_treats_unknown_as_excluded(self):
        result = _assess(_book(exclude_unknown_categories=True), "服装")
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.score == D("99")

    def test_exclude_unknown_still_scores_profiled_categories(self):
        result = _assess(_book(exclude_unknown_categories=True), APPAREL)
        assert result.status is ts.Status.SCORED
        assert result.score == SEED_SCORE

    def test_exclude_unknown_still_excludes_excluded_categories(self):
        rules = _book(
            APPAREL, excluded_categories=frozenset({FOOD}), exclude_unknown_categories=True
        )
        assert _assess(rules, FOOD).status is ts.Status.CATEGORY_EXCLUDED

    @given(
        core=st.text(st.characters(categories=("L", "N")), min_size=1, max_size=6),
        before=SURROUNDING,
        after=SURROUNDING,
    )
    def test_any_unknown_name_raises_and_never_passes(self, core, before, after):
        normalised = _nfkc_strip(core)
        assume(normalised)
        assume(normalised == unicodedata.normalize("NFKC", core))
        assume(normalised not in FOUR)
        with pytest.raises(ts.UnknownCategoryError):
            _assess(_book(), before + core + after)


class TestCategoriesNamedElsewhere:
    def test_exemption_naming_a_profiled_category_is_accepted(self):
        rules = _book(exemptions=(_exemption(categories=[APPAREL]),))
        assert _assess(rules, APPAREL).status is ts.Status.EXEMPT

    def test_exemption_naming_an_excluded_category_is_accepted(self):
        exemption = _exemption(categories=[FOOD])
        rules = _book(APPAREL, excluded_categories=frozenset({FOOD}), exemptions=(exemption,))
        assert tuple(rules.exemptions) == (exemption,)

    def test_exemption_naming_an_unknown_category_is_refused(self):
        with pytest.raises(ts.RuleBookError) as caught:
            _book(exemptions=(_exemption(categories=[APPAREL, "服装"]),))
        message = str(caught.value)
        assert "服装" in message
        assert "categories" in message

    def test_exemption_naming_an_unknown_category_is_refused_even_if_unknown_are_excluded(self):
        # Known means profiled or in excluded_categories; exclude_unknown_categories
        # changes what assess does with an unknown name, not what is known.
        with pytest.raises(ts.RuleBookError) as caught:
            _book(
                exemptions=(_exemption(categories=["服装"]),),
                exclude_unknown_categories=True,
            )
        assert "服装" in str(caught.value)

    def test_exemption_alone_may_name_any_category(self):
        exemption = _exemption(categories=["服装"])
        assert "服装" in set(exemption.categories)

    def test_category_thresholds_for_a_profiled_category_is_accepted(self):
        rules = _book(category_thresholds={FOOD: {ts.Purpose.MARKETING_ACCESS: "4.2"}})
        assert FOOD in rules.category_thresholds

    def test_category_thresholds_for_an_unknown_category_is_refused(self):
        with pytest.raises(ts.RuleBookError) as caught:
            _book(category_thresholds={"家具": {ts.Purpose.MARKETING_ACCESS: "4.2"}})
        message = str(caught.value)
        assert "家具" in message
        assert "category_thresholds" in message

    def test_category_thresholds_keys_are_normalised(self):
        rules = _book(category_thresholds={" 食品\u3000": {ts.Purpose.MARKETING_ACCESS: "4.2"}})
        assert set(rules.category_thresholds) == {FOOD}


class TestNameNormalisation:
    @pytest.mark.parametrize(
        "given_name",
        [
            pytest.param(" 服饰 ", id="spaces"),
            pytest.param("服饰\u3000", id="trailing-ideographic-space"),
            pytest.param("\u3000服饰", id="leading-ideographic-space"),
            pytest.param("\t服饰\n", id="tab-newline"),
            pytest.param("服饰", id="plain"),
        ],
    )
    def test_assess_normalises_the_category(self, given_name):
        result = _assess(_book(), given_name)
        assert result.status is ts.Status.SCORED
        assert result.category == APPAREL

    def test_profile_keys_are_normalised(self):
        rules = ts.RuleBook(profiles={" 服饰\u3000": WEIGHTS})
        assert set(rules.profiles) == {APPAREL}
        assert _assess(rules, APPAREL).status is ts.Status.SCORED

    def test_excluded_categories_are_normalised(self):
        rules = _book(APPAREL, excluded_categories=frozenset({"\u3000食品 "}))
        assert rules.excluded_categories == frozenset({FOOD})
        assert _assess(rules, FOOD).status is ts.Status.CATEGORY_EXCLUDED

    def test_exemption_categories_are_normalised(self):
        exemption = _exemption(categories=[" 服饰\u3000"])
        assert set(exemption.categories) == {APPAREL}

    def test_exemption_category_with_spaces_covers_the_plain_name(self):
        rules = _book(exemptions=(_exemption(categories=["服饰\u3000"]),))
        assert _assess(rules, " 服饰 ").status is ts.Status.EXEMPT

    def test_nfkc_full_width_letters_are_one_category(self):
        rules = ts.RuleBook(profiles={"ＡＢＣ": WEIGHTS})
        assert set(rules.profiles) == {"ABC"}
        result = _assess(rules, "ABC")
        assert result.status is ts.Status.SCORED
        assert result.category == "ABC"

    def test_nfkc_full_width_name_at_assess(self):
        rules = ts.RuleBook(profiles={"T恤": WEIGHTS})
        result = _assess(rules, "Ｔ恤")
        assert result.status is ts.Status.SCORED
        assert result.category == "T恤"

    def test_nfkc_full_width_excluded_category(self):
        rules = _book(APPAREL, excluded_categories=frozenset({"ＡＢＣ"}))
        result = _assess(rules, "ABC\u3000")
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.category == "ABC"

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_category_at_assess_is_refused(self, name):
        _refused_as_bad_input(lambda: _assess(_book(), name))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_category_at_assess_is_refused_even_if_unknown_are_excluded(self, name):
        _refused_as_bad_input(lambda: _assess(_book(exclude_unknown_categories=True), name))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_profile_name_is_refused(self, name):
        _refused_as_bad_input(lambda: ts.RuleBook(profiles={APPAREL: WEIGHTS, name: WEIGHTS}))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_excluded_category_is_refused(self, name):
        _refused_as_bad_input(lambda: _book(excluded_categories=frozenset({name})))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_exemption_category_is_refused(self, name):
        _refused_as_bad_input(lambda: _book(exemptions=(_exemption(categories=[name]),)))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_exemption_region_is_refused(self, name):
        _refused_as_bad_input(lambda: _book(exemptions=(_exemption(regions=[name]),)))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_region_at_assess_is_refused(self, name):
        _refused_as_bad_input(lambda: _assess(_book(), region=name))

    @pytest.mark.parametrize("name", EMPTY_NAMES)
    def test_empty_extra_region_is_refused(self, name):
        _refused_as_bad_input(lambda: _book(extra_regions=frozenset({name})))

    def test_converter_normalises_names_it_structures(self):
        rules = _book(APPAREL, excluded_categories=frozenset({FOOD}))
        raw = ts.converter.unstructure(rules)
        raw["profiles"] = {" 服饰\u3000": raw["profiles"][APPAREL]}
        raw["excluded_categories"] = ["\u3000食品 "]
        assert ts.converter.structure(raw, ts.RuleBook) == rules

    def test_rule_book_file_names_are_normalised(self, tmp_path):
        rules = _book(
            APPAREL,
            excluded_categories=frozenset({FOOD}),
            exemptions=(_exemption(categories=[APPAREL], regions=["浙江"]),),
        )
        raw = ts.converter.unstructure(rules)
        raw["profiles"] = {" 服饰 ": raw["profiles"][APPAREL]}
        raw["excluded_categories"] = ["食品\u3000"]
        raw["exemptions"][0]["categories"] = ["\u3000服饰"]
        raw["exemptions"][0]["regions"] = [" 浙江省 "]
        path = tmp_path / "edition.json"
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        assert ts.load_rulebook(path) == rules

    @given(name=st.sampled_from(FOUR), before=SURROUNDING, after=SURROUNDING)
    def test_any_surrounding_whitespace_is_one_category(self, name, before, after):
        result = _assess(_book(), before + name + after)
        assert result.status is ts.Status.SCORED
        assert result.category == name


class TestRegions:
    @pytest.mark.parametrize("short", SHORT_NAMES)
    def test_short_name_is_known(self, short):
        result = _assess(_book(), region=short)
        assert result.status is ts.Status.SCORED
        assert result.region == short

    @pytest.mark.parametrize(("short", "full"), PROVINCES.items())
    def test_full_name_is_normalised_to_short(self, short, full):
        assert _assess(_book(), region=full).region == short

    @pytest.mark.parametrize(("short", "full"), PROVINCES.items())
    def test_exemption_regions_hold_short_names(self, short, full):
        assert set(_exemption(regions=[full]).regions) == {short}

    def test_exemption_regions_in_a_rule_book_hold_short_names(self):
        rules = _book(exemptions=(_exemption(regions=["浙江省", "内蒙古自治区", "香港"]),))
        assert set(rules.exemptions[0].regions) == {"浙江", "内蒙古", "香港"}

    def test_assessment_region_is_short_for_an_exempt_shop(self):
        rules = _book(exemptions=(_exemption(regions=["浙江"]),))
        result = _assess(rules, region="浙江省")
        assert result.status is ts.Status.EXEMPT
        assert result.region == "浙江"

    def test_exemption_with_full_name_covers_short_name(self):
        rules = _book(exemptions=(_exemption(regions=["浙江省"]),))
        assert _assess(rules, region="浙江").status is ts.Status.EXEMPT

    def test_exemption_with_short_name_covers_full_name(self):
        rules = _book(exemptions=(_exemption(regions=["浙江"]),))
        assert _assess(rules, region="浙江省").status is ts.Status.EXEMPT

    def test_exemption_covers_a_region_with_surrounding_spaces(self):
        rules = _book(exemptions=(_exemption(regions=["河南"]),))
        assert _assess(rules, region=" 河南 ").status is ts.Status.EXEMPT

    def test_region_with_ideographic_space_is_normalised(self):
        assert _assess(_book(), region="河南\u3000").region == "河南"

    def test_exemption_does_not_cover_another_region(self):
        rules = _book(exemptions=(_exemption(regions=["浙江省"]),))
        assert _assess(rules, region="江苏省").status is ts.Status.SCORED

    def test_no_region_is_not_covered_by_a_regional_exemption(self):
        rules = _book(exemptions=(_exemption(regions=["浙江"]),))
        result = _assess(rules, region=None)
        assert result.status is ts.Status.SCORED
        assert result.region is None

    def test_no_region_is_covered_by_an_all_regions_exemption(self):
        rules = _book(exemptions=(_exemption(regions=None),))
        result = _assess(rules, region=None)
        assert result.status is ts.Status.EXEMPT
        assert result.region is None

    def test_region_defaults_to_none(self):
        assert _assess(_book()).region is None

    @pytest.mark.parametrize(
        "region",
        [
            pytest.param("美国", id="美国"),
            pytest.param("火星", id="火星"),
            pytest.param("浙江市", id="wrong-suffix"),
            pytest.param("江浙", id="江浙"),
        ],
    )
    def test_unknown_region_at_assess_raises(self, region):
        with pytest.raises(ts.UnknownRegionError) as caught:
            _assess(_book(), region=region)
        assert region in str(caught.value)

    def test_unknown_region_error_is_base_and_value_error(self):
        _refused_as_bad_input(lambda: _assess(_book(), region="美国"))

    def test_unknown_region_raises_even_for_an_excluded_category(self):
        rules = _book(APPAREL, excluded_categories=frozenset({FOOD}))
        with pytest.raises(ts.UnknownRegionError):
            _assess(rules, FOOD, region="火星")

    def test_exemption_naming_an_unknown_region_is_refused(self):
        with pytest.raises(ts.RuleBookError) as caught:
            _book(exemptions=(_exemption(regions=["浙江", "美国"]),))
        message = str(caught.value)
        assert "美国" in message
        assert "regions" in message

    def test_extra_regions_reads_back(self):
        rules = _book(extra_regions=frozenset({"美国"}))
        assert rules.extra_regions == frozenset({"美国"})

    def test_extra_region_is_known_at_assess(self):
        result = _assess(_book(extra_regions=frozenset({"美国"})), region="美国")
        assert result.status is ts.Status.SCORED
        assert result.region == "美国"

    def test_extra_region_may_be_named_by_an_exemption(self):
        rules = _book(extra_regions=frozenset({"美国"}), exemptions=(_exemption(regions=["美国"]),))
        assert _assess(rules, region="美国").status is ts.Status.EXEMPT
        assert _assess(rules, region="浙江").status is ts.Status.SCORED

    def test_extra_regions_are_normalised(self):
        rules = _book(extra_regions=frozenset({" 美国\u3000"}))
        assert rules.extra_regions == frozenset({"美国"})
        assert _assess(rules, region="美国 ").region == "美国"

    def test_extra_regions_keep_the_34(self):
        rules = _book(extra_regions=frozenset({"美国"}))
        assert _assess(rules, region="浙江省").region == "浙江"

    def test_extra_regions_of_one_edition_are_not_known_to_another(self):
        _book(extra_regions=frozenset({"美国"}))
        with pytest.raises(ts.UnknownRegionError):
            _assess(_book(), region="美国")

    @given(short=st.sampled_from(SHORT_NAMES), before=SURROUNDING, after=SURROUNDING)
    def test_short_name_with_any_surrounding_whitespace(self, short, before, after):
        assert _assess(_book(), region=before + short + after).region == short

    @given(short=st.sampled_from(SHORT_NAMES), before=SURROUNDING, after=SURROUNDING)
    def test_full_name_with_any_surrounding_whitespace(self, short, before, after):
        full = PROVINCES[short]
        assert _assess(_book(), region=before + full + after).region == short

    @given(
        short=st.sampled_from(SHORT_NAMES),
        exemption_full=st.booleans(),
        shop_full=st.booleans(),
        pad=SURROUNDING,
    )
    def test_full_and_short_names_cover_each_other(self, short, exemption_full, shop_full, pad):
        in_exemption = PROVINCES[short] if exemption_full else short
        of_shop = PROVINCES[short] if shop_full else short
        rules = _book(exemptions=(_exemption(regions=[pad + in_exemption + pad]),))
        result = _assess(rules, region=of_shop + pad)
        assert result.status is ts.Status.EXEMPT
        assert result.region == short

    @given(
        core=st.text(st.characters(categories=("L", "N")), min_size=1, max_size=6),
        pad=SURROUNDING,
    )
    def test_any_other_region_is_unknown(self, core, pad):
        normalised = _nfkc_strip(core)
        assume(normalised)
        assume(normalised == unicodedata.normalize("NFKC", core))
        assume(normalised not in ALL_REGION_NAMES)
        with pytest.raises(ts.UnknownRegionError):
            _assess(_book(), region=pad + core + pad)


class TestEditionInForce:
    def test_dates_read_back(self):
        rules = _edition()
        assert rules.effective_from == YEAR_START
        assert rules.effective_to == YEAR_END

    def test_dates_default_to_none(self):
        rules = _book()
        assert rules.effective_from is None
        assert rules.effective_to is None

    @pytest.mark.parametrize(
        "period",
        [
            pytest.param(JULY, id="july"),
            pytest.param(ts.AssessmentPeriod.month(2024, 1), id="first-month"),
            pytest.param(ts.AssessmentPeriod.month(2024, 12), id="last-month"),
            pytest.param(ts.AssessmentPeriod(start=YEAR_START, end=YEAR_END), id="whole-year"),
            pytest.param(ts.AssessmentPeriod(start=YEAR_END, end=YEAR_END), id="last-day"),
            pytest.param(ts.AssessmentPeriod(start=YEAR_START, end=YEAR_START), id="first-day"),
        ],
    )
    def test_period_wholly_inside_is_assessed(self, period):
        result = _assess(_edition(), period=period)
        assert result.status is ts.Status.SCORED
        assert result.score == SEED_SCORE

    @pytest.mark.parametrize(
        "period",
        [
            pytest.param(
                ts.AssessmentPeriod(start=date(2023, 12, 31), end=date(2024, 1, 30)),
                id="one-day-before",
            ),
            pytest.param(
                ts.AssessmentPeriod(start=date(2024, 12, 2), end=date(2025, 1, 1)),
                id="one-day-after",
            ),
            pytest.param(
                ts.AssessmentPeriod(start=date(2023, 12, 1), end=date(2025, 1, 31)),
                id="around",
            ),
            pytest.param(ts.AssessmentPeriod.month(2023, 12), id="month-before"),
            pytest.param(ts.AssessmentPeriod.month(2025, 1), id="month-after"),
        ],
    )
    def test_period_not_wholly_inside_is_refused(self, period):
        with pytest.raises(ts.InvalidPeriodError):
            _assess(_edition(), period=period)

    def test_refusal_names_the_edition_and_its_iso_dates(self):
        with pytest.raises(ts.InvalidPeriodError) as caught:
            _assess(_edition(), period=ts.AssessmentPeriod.month(2025, 1))
        message = str(caught.value)
        assert "2024版" in message
        assert "2024-01-01" in message
        assert "2024-12-31" in message

    def test_refusal_is_base_and_value_error(self):
        _refused_as_bad_input(
            lambda: _assess(_edition(), period=ts.AssessmentPeriod.month(2025, 1))
        )

    def test_refusal_whatever_the_category(self):
        rules = _book(
            APPAREL,
            name="2024版",
            effective_from=YEAR_START,
            effective_to=YEAR_END,
            excluded_categories=frozenset({FOOD}),
        )
        with pytest.raises(ts.InvalidPeriodError):
            _assess(rules, FOOD, period=ts.AssessmentPeriod.month(2025, 1))

    def test_refusal_even_when_an_exemption_would_cover(self):
        exemption = _exemption(start=date(2025, 1, 1), end=date(2025, 1, 31))
        rules = _book(
            name="2024版",
            effective_from=YEAR_START,
            effective_to=YEAR_END,
            exemptions=(exemption,),
        )
        with pytest.raises(ts.InvalidPeriodError):
            _assess(rules, period=ts.AssessmentPeriod.month(2025, 1))

    @pytest.mark.parametrize(
        "period",
        [
            pytest.param(ts.AssessmentPeriod.month(1999, 1), id="long-ago"),
            pytest.param(JULY, id="july-2024"),
            pytest.param(ts.AssessmentPeriod.month(2099, 12), id="far-ahead"),
        ],
    )
    def test_book_without_dates_applies_to_any_period(self, period):
        assert _assess(_book(), period=period).status is ts.Status.SCORED

    def test_only_start_set_is_open_ended_after(self):
        rules = _edition(effective_to=None)
        assert _assess(rules, period=ts.AssessmentPeriod.month(2099, 12)).score == SEED_SCORE

    def test_only_start_set_refuses_before(self):
        with pytest.raises(ts.InvalidPeriodError) as caught:
            _assess(_edition(effective_to=None), period=ts.AssessmentPeriod.month(2023, 12))
        message = str(caught.value)
        assert "2024版" in message
        assert "2024-01-01" in message

    def test_only_end_set_is_open_ended_before(self):
        rules = _edition(effective_from=None)
        assert _assess(rules, period=ts.AssessmentPeriod.month(1999, 1)).score == SEED_SCORE

    def test_only_end_set_refuses_after(self):
        with pytest.raises(ts.InvalidPeriodError) as caught:
            _assess(_edition(effective_from=None), period=ts.AssessmentPeriod.month(2025, 1))
        message = str(caught.value)
        assert "2024版" in message
        assert "2024-12-31" in message


class TestErrorsV11:
    @pytest.mark.parametrize(
        "leaf",
        [
            ts.InvalidScoreError,
            ts.InvalidWeightsError,
            ts.InvalidPeriodError,
            ts.MissingDataError,
            ts.RuleBookError,
            ts.UnknownCategoryError,
            ts.UnknownRegionError,
        ],
        ids=lambda leaf: leaf.__name__,
    )
    def test_leaf_is_base_and_value_error(self, leaf):
        assert issubclass(leaf, ts.TmallServiceError)
        assert issubclass(leaf, ValueError)

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(lambda: _assess(_book(), "服装"), id="unknown-category"),
            pytest.param(lambda: _assess(_book(), region="美国"), id="unknown-region"),
            pytest.param(
                lambda: _book(APPAREL, excluded_categories=frozenset({APPAREL})),
                id="profiled-and-excluded",
            ),
            pytest.param(
                lambda: _book(exemptions=(_exemption(categories=["服装"]),)),
                id="exemption-unknown-category",
            ),
            pytest.param(
                lambda: _book(exemptions=(_exemption(regions=["美国"]),)),
                id="exemption-unknown-region",
            ),
            pytest.param(
                lambda: _assess(_edition(), period=ts.AssessmentPeriod.month(2025, 1)),
                id="edition-not-in-force",
            ),
            pytest.param(lambda: _assess(_book(), " "), id="empty-category"),
        ],
    )
    def test_caught_as_base_and_value_error(self, call):
        _refused_as_bad_input(call)
