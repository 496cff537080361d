"""The evaluation metrics."""
import pytest

from matchmaking.recommender import metrics


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise():
    grades = {"a": 3, "b": 2, "c": 1}
    assert metrics.ndcg_at(["a", "b", "c", "x"], grades) == pytest.approx(1.0)
    assert metrics.ndcg_at(["c", "b", "a"], grades) < 1.0
    assert metrics.ndcg_at([], grades) == 0.0


def test_mrr_counts_the_first_good_item_and_p5_the_good_share():
    grades = {"a": 1, "b": 2, "c": 3}
    assert metrics.reciprocal_rank(["a", "x", "b"], grades) == pytest.approx(1 / 3)
    assert metrics.reciprocal_rank(["a"], grades) == 0.0
    assert metrics.precision_at(["b", "c", "a"], grades) == pytest.approx(2 / 5)


def test_evaluate_averages_over_judged_needs():
    qrels = {"n1": {"a": 3}, "n2": {"b": 2}}
    s = metrics.evaluate({"n1": ["a"], "n2": ["x", "b"]}, qrels)
    assert s.n == 2 and s.mrr == pytest.approx(0.75)
