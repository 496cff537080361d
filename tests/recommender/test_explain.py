"""Reason texts: Chinese templates, marked for extraction, translatable."""
import re
from pathlib import Path

from matchmaking.recommender import Reason, describe
from matchmaking.recommender import explain


def test_describe_gives_the_chinese_text():
    assert describe(Reason("shared_terms", ("电芯", "极片"))) == "共同关键词：电芯、极片"
    assert describe(Reason("same_cluster")) == "同一产业集群"
    assert describe(Reason("level_fits")) == "学历层次符合"
    assert describe(Reason("mode_fits:apprenticeship")) == "支持新型学徒制"
    assert describe(Reason("same_district")) == "同区县"
    assert describe(Reason("nearby_district")) == "邻近区县"
    assert describe(Reason("mode_fits:mentoring")) == "支持合作方式：mentoring"
    assert describe(Reason("something_new")) == "something_new"


def test_translate_is_applied_to_the_template_before_formatting():
    english = {"共同关键词：{terms}": "Shared key terms: {terms}", "、": ", ", "同一产业集群": "Same cluster"}
    tr = lambda s: english.get(s, s)  # noqa: E731
    assert describe(Reason("shared_terms", ("PLC", "MES")), translate=tr) == "Shared key terms: PLC, MES"
    assert describe(Reason("same_cluster"), translate=tr) == "Same cluster"


def test_every_template_is_written_as_a_literal_n_call():
    source = Path(explain.__file__).read_text(encoding="utf-8")
    marked = set(re.findall(r'N_\("([^"]+)"\)', source))
    assert set(explain.TEMPLATES.values()) <= marked
    assert explain.N_("x") == "x"
