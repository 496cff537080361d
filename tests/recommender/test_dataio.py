"""Reading the exchange format with file:line errors."""
import json

import pytest

from matchmaking.recommender.dataio import DataError, read_needs, read_programmes, read_qrels

GOOD = {"id": "P1", "title": "酿酒技术", "cluster": "baijiu", "level": "higher_vocational", "district": "翠屏区",
        "description": "固态发酵与窖池管理", "skills": ["大曲生产"], "capacity": 30, "modes": ["order_class"]}


def write(path, records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_reads_documents_in_file_order_and_skips_blank_lines(tmp_path):
    path = write(tmp_path / "p.jsonl", [GOOD, "", dict(GOOD, id="P2", skills=[])])
    docs = read_programmes(path)
    assert [d.id for d in docs] == ["P1", "P2"] and docs[0].modes == ["order_class"]


@pytest.mark.parametrize("change,message", [
    ({"level": "phd"}, "unknown level code 'phd'"),
    ({"modes": ["sabbatical"]}, "unknown mode code 'sabbatical'"),
    ({"district": "成都"}, "unknown district code"),
    ({"title": ""}, "empty text in field 'title'"),
    ({"skills": "焊接"}, "field 'skills' must be a list"),
    ({"capacity": -1}, "non-negative integer"),
    ({"id": None}, "field 'id'"),
])
def test_each_problem_names_the_file_and_line(tmp_path, change, message):
    path = write(tmp_path / "p.jsonl", [GOOD, dict(GOOD, id="P2", **{k: v for k, v in change.items() if k != "id"})
                                        if "id" not in change else dict(GOOD, **change)])
    with pytest.raises(DataError) as err:
        read_programmes(path)
    assert str(err.value).startswith(f"{path}:2: ") and message in str(err.value)


def test_duplicate_ids_and_non_objects_are_refused(tmp_path):
    with pytest.raises(DataError, match=r":2: duplicate id 'P1'"):
        read_programmes(write(tmp_path / "p.jsonl", [GOOD, GOOD]))
    with pytest.raises(DataError, match=r":1: each line must be one JSON object"):
        read_programmes(write(tmp_path / "q.jsonl", ["[1, 2]"]))


def test_needs_check_their_kind(tmp_path):
    need = {"id": "N1", "title": "勾调员", "cluster": "baijiu", "kind": "gig", "level": "vocational_training",
            "district": "翠屏区", "description": "白酒勾调", "skills": ["勾调"], "headcount": 1}
    with pytest.raises(DataError, match="unknown kind code 'gig'"):
        read_needs(write(tmp_path / "n.jsonl", [need]))


def test_qrels_are_checked(tmp_path):
    path = tmp_path / "qrels.tsv"
    path.write_text("need_id\tprogramme_id\tgrade\nN1\tP1\t3\nN1\tP2\t7\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"qrels.tsv:3: grade must be 0–3"):
        read_qrels(path)
    path.write_text("need_id\tprogramme_id\tgrade\nN1\tP1\t2\n", encoding="utf-8")
    assert read_qrels(path, {"N1"}, {"P1"}) == {"N1": {"P1": 2}}


def test_records_for_imports_carry_the_owner_and_require_it(tmp_path):
    from matchmaking.recommender.dataio import read_programme_records

    path = write(tmp_path / "programmes.jsonl", [dict(GOOD, school="宜宾职业技术学院")])
    [record] = read_programme_records(path)
    assert record["school"] == "宜宾职业技术学院" and record["modes"] == ["order_class"] and record["capacity"] == 30
    write(path, [dict(GOOD, school="宜宾职业技术学院"), dict(GOOD, id="P2")])
    with pytest.raises(DataError, match=r"programmes.jsonl:2: field 'school' must be a string"):
        read_programme_records(path)
