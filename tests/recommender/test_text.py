"""Tokens for Chinese postings: bigrams, Latin abbreviations, the domain thesaurus."""
import numpy as np

from matchmaking.recommender import text as T
from matchmaking.recommender.vectorise import TextConfig, TextModel


def _features(model, row):
    return {model.feature_text(int(c)).casefold() for c in row.indices}


def test_latin_abbreviations_are_whole_and_case_folded():
    model = TextModel()
    rows = model.fit_transform([("PLC编程", ["plc"], "熟悉 Plc 与 MES"), ("ＰＬＣ实训", [], "CNC 与 BMS")])
    assert "plc" in _features(model, rows[0]) and "mes" in _features(model, rows[0])
    # Full-width letters fold to the same feature as the ASCII ones.
    assert "plc" in _features(model, rows[1]) and "cnc" in _features(model, rows[1])
    assert model.feature_text(model.n_features - 1) != ""


def test_latin_tokens_need_a_letter_and_keep_hyphenated_parts():
    assert T.latin_tokens("月薪5500-7500元，18-35周岁") == []
    assert T.latin_keys("ICP-OES") == ["icp-oes", "icp", "oes"]
    assert T.latin_tokens("1+X证书、C++、IPC-A-610") == ["1+X", "C++", "IPC-A-610"]


def test_han_bigrams_stay_inside_runs_of_han_characters():
    cp, joined = T.corpus(["电芯，极片", "酒"])
    keys, pos = T.corpus_han_keys(cp)
    assert sorted(T.key_text(k) for k in keys) == sorted(["电芯", "极片", "酒"])
    assert joined.split("\x00")[:2] == ["电芯,极片", "酒"]  # full-width punctuation folded


def test_thesaurus_lets_a_spelled_out_term_meet_its_abbreviation():
    docs = [("设备维修", [], "会调试可编程控制器"), ("电气自动化", ["PLC"], "课程")]
    plain = TextModel(TextConfig(thesaurus=False, stop_words=False))
    rows = plain.fit_transform(docs)
    assert (rows[0] @ rows[1].T).sum() == 0
    model = TextModel()
    rows = model.fit_transform(docs)
    assert (rows[0] @ rows[1].T).sum() > 0


def test_stop_words_do_not_become_features():
    model = TextModel()
    rows = model.fit_transform([("岗位职责", [], "负责熟悉岗位"), ("涂布", [], "涂布工艺")])
    assert "岗位" not in _features(model, rows[0]) and "负责" not in _features(model, rows[0])


def test_field_weights_make_a_title_term_count_more_than_a_description_term():
    model = TextModel(TextConfig(max_df=1.0, stop_words=False))
    rows = model.fit_transform([("电芯", [], "极片"), ("其他", [], "材料")])
    weights = {model.feature_text(int(c)): v for c, v in zip(rows[0].indices, rows[0].data)}
    assert weights["电芯"] > weights["极片"]


def test_transform_with_a_frozen_vocabulary_ignores_new_terms_and_is_normalised():
    model = TextModel()
    model.fit_transform([("电芯制造", ["涂布"], "极片"), ("酿酒", ["大曲"], "固态发酵")])
    row = model.transform([("全新名词", [], "电芯")])
    assert row.shape == (1, model.n_features)
    assert np.isclose((row.multiply(row)).sum(), 1.0)


def test_segment_uses_the_domain_dictionary():
    words = T.segment("负责电芯极片工序与工业互联网平台")
    assert "电芯" in words and "极片" in words and "工业互联网" in words
