"""The command-line contract: recommend and evaluate, and how bad input is refused."""
import json

import pytest
from click.testing import CliRunner

from matchmaking.recommender.cli import evaluate, recommend

from .support import catalogue, need

PROGRAMME = {"id": "P1", "school": "宜宾职业技术学院", "title": "新能源汽车技术", "cluster": "power_battery",
             "level": "higher_vocational", "district": "翠屏区", "skills": ["动力电池检修", "高压安全"],
             "description": "培养新能源汽车装调、检测与维修人才，课程含动力电池及管理系统检修、驱动电机、整车CAN网络。",
             "capacity": 60, "modes": ["order_class", "internship"]}
NEED = {"id": "N1", "enterprise": "宜宾某汽车有限公司", "title": "新能源汽车维修技师", "cluster": "power_battery",
        "kind": "talent", "level": "higher_vocational", "district": "三江新区", "skills": ["动力电池检修", "CAN网络"],
        "description": "负责新能源汽车动力电池及管理系统检修、高压安全作业和整车CAN网络故障诊断。", "headcount": 5}


def write(tmp_path, programmes, needs, qrels=None):
    (tmp_path / "programmes.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in programmes),
                                               encoding="utf-8")
    (tmp_path / "needs.jsonl").write_text("".join(json.dumps(n, ensure_ascii=False) + "\n" for n in needs),
                                          encoding="utf-8")
    if qrels is not None:
        (tmp_path / "qrels.tsv").write_text("need_id\tprogramme_id\tgrade\n" + qrels, encoding="utf-8")
    return tmp_path


@pytest.fixture
def data(tmp_path):
    programmes = [PROGRAMME] + [
        {"id": p.id, "school": "某校", "title": p.title, "cluster": p.cluster, "level": p.level,
         "district": p.district, "description": p.description, "skills": p.skills, "capacity": 10, "modes": p.modes}
        for p in catalogue()
    ]
    n = need("N2")
    needs = [NEED, {"id": n.id, "enterprise": "某公司", "title": n.title, "cluster": n.cluster, "kind": n.kind,
                    "level": n.level, "district": n.district, "description": n.description, "skills": n.skills,
                    "headcount": 3}]
    return write(tmp_path, programmes, needs, "N1\tP1\t3\nN2\tP-battery\t3\nN2\tP-plc\t1\n")


def test_recommend_writes_one_line_per_need_in_input_order(data):
    result = CliRunner().invoke(recommend, ["--data", str(data), "--top", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["need_id"] for line in lines] == ["N1", "N2"]
    first = lines[0]["programmes"]
    assert len(first) == 2 and first[0]["id"] == "P1"
    assert first[0]["score"] >= first[1]["score"] and 0 <= first[1]["score"] <= 1
    assert any(r.startswith("共同关键词：") for r in first[0]["reasons"])
    assert lines[1]["programmes"][0]["id"] == "P-battery"


def test_recommend_can_rank_needs_for_each_programme(data):
    result = CliRunner().invoke(recommend, ["--data", str(data), "--top", "1", "--direction", "programmes"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["programme_id"] for line in lines][:2] == ["P1", "P-battery"]
    assert set(lines[0]) == {"programme_id", "needs"}
    assert lines[0]["needs"][0]["id"] == "N1"


def test_evaluate_prints_the_engine_and_both_baselines(data):
    result = CliRunner().invoke(evaluate, ["--data", str(data), "--folds", "0"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for label in ("engine", "BM25", "TF-IDF, character bigrams", "nDCG@10", "MRR", "P@5"):
        assert label in out


def _bad(tmp_path, case):
    programmes, needs = [dict(PROGRAMME)], [dict(NEED)]
    if case == "missing":
        write(tmp_path, programmes, needs)
        (tmp_path / "needs.jsonl").unlink()
        return "needs.jsonl", None
    if case == "broken":
        write(tmp_path, programmes + [dict(PROGRAMME, id="P2")], needs)
        path = tmp_path / "programmes.jsonl"
        path.write_text(path.read_text(encoding="utf-8") + '{"id": "P3", "title": \n', encoding="utf-8")
        return "programmes.jsonl", 3
    if case == "cluster":
        write(tmp_path, programmes, [dict(NEED), dict(NEED, id="N2", cluster="tourism")])
        return "needs.jsonl", 2
    if case == "empty":
        write(tmp_path, [dict(PROGRAMME, description="   ")], needs)
        return "programmes.jsonl", 1
    raise AssertionError(case)


@pytest.mark.parametrize("command", [recommend, evaluate])
@pytest.mark.parametrize("case", ["missing", "broken", "cluster", "empty"])
def test_bad_input_is_one_clear_line_and_exit_status_2(tmp_path, command, case):
    name, line = _bad(tmp_path, case)
    if command is evaluate:
        (tmp_path / "qrels.tsv").write_text("need_id\tprogramme_id\tgrade\nN1\tP1\t3\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(tmp_path), "--folds", "0"] if command is evaluate
                                else ["--data", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("错误：")
    assert name in message
    if line is not None:
        assert f"{name}:{line}:" in message


def test_a_missing_directory_and_bad_qrels_are_refused(tmp_path):
    result = CliRunner().invoke(recommend, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "directory not found" in result.stderr and result.stdout == ""
    write(tmp_path, [PROGRAMME], [NEED], "N1\tP9\t3\n")
    result = CliRunner().invoke(evaluate, ["--data", str(tmp_path), "--folds", "0"])
    assert result.exit_code == 2 and "qrels.tsv:2:" in result.stderr and "P9" in result.stderr
