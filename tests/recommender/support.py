"""Small documents for the recommender tests (plain data, no app)."""
import json
import random
from pathlib import Path

from matchmaking.recommender import NeedDoc, ProgrammeDoc

#: The judged dev set, kept with the tests (a copy of data/dev from the shared folder).
DEV = Path(__file__).resolve().parents[1] / "data" / "dev"

BATTERY = ("本专业面向动力电池产业链，主要课程：锂离子电池原理、电极制备工艺（制浆、涂布、辊压、分切）、"
           "电芯装配（卷绕、叠片、注液）、化成分容与性能检测，可取得电池制造工证书。")
BAIJIU = "培养浓香型白酒酿造人才，主要课程：大曲生产、固态发酵、窖池管理、蒸馏技术、白酒品评与勾兑。"
DATA = "培养数据分析人才，主要课程：Python、SQL、统计建模、机器学习、数据可视化、Power BI 报表开发。"
WELDING = "培养焊接技术技能人才，主要课程：焊条电弧焊、CO2气体保护焊、氩弧焊、焊接识图、焊缝质量检验。"
PLC = "培养电气自动化人才，主要课程：电气控制与PLC、变频器与伺服、自动化生产线调试、低压电工作业证。"


def programme(id, title="动力电池制造订单班", cluster="power_battery", level="higher_vocational", district="翠屏区",
              description=BATTERY, skills=("涂布辊压分切", "电芯装配", "化成分容"), modes=("order_class", "internship")):
    """A programme with battery defaults."""
    return ProgrammeDoc(id=id, title=title, cluster=cluster, level=level, district=district,
                        description=description, skills=list(skills), modes=list(modes), capacity=40)


def need(id, title="电芯制造操作工", cluster="power_battery", kind="talent", level="secondary_vocational",
         district="翠屏区", description="负责极片涂布、辊压分切、电芯装配等工序设备操作，执行首件确认和5S管理。",
         skills=("极片涂布", "辊压分切", "电芯装配")):
    """A need with battery defaults."""
    return NeedDoc(id=id, title=title, cluster=cluster, kind=kind, level=level, district=district,
                   description=description, skills=list(skills), headcount=10)


def catalogue():
    """Five programmes of different trades and clusters."""
    return [
        programme("P-battery"),
        programme("P-baijiu", title="酿酒技术", cluster="baijiu", description=BAIJIU,
                  skills=("大曲生产", "固态发酵", "窖池管理"), modes=("order_class", "apprenticeship")),
        programme("P-data", title="大数据技术", cluster="digital_economy", description=DATA,
                  skills=("Python", "SQL", "统计建模", "Power BI"), district="三江新区"),
        programme("P-weld", title="焊接技术应用", cluster="advanced_equipment", level="secondary_vocational",
                  description=WELDING, skills=("焊条电弧焊", "氩弧焊", "焊缝检验"), modes=("internship", "apprenticeship")),
        programme("P-plc", title="电气自动化技术", cluster="advanced_equipment", description=PLC,
                  skills=("电气控制与PLC", "变频器与伺服", "低压电工作业证"), modes=("order_class", "employee_training")),
    ]


def load_dev():
    """The judged dev set as documents, or None if it is missing."""
    if not (DEV / "programmes.jsonl").is_file():
        return None
    with open(DEV / "programmes.jsonl", encoding="utf-8") as fh:
        progs = [json.loads(line) for line in fh]
    with open(DEV / "needs.jsonl", encoding="utf-8") as fh:
        needs = [json.loads(line) for line in fh]
    return ([ProgrammeDoc(**{k: v for k, v in p.items() if k != "school"}) for p in progs],
            [NeedDoc(**{k: v for k, v in n.items() if k != "enterprise"}) for n in needs])


def recombined(n_programmes, n_needs, seed=3):
    """Documents recombined from the dev set's phrases within each cluster, with exact
    duplicates mixed in (ties), for checks that need more items than the dev set has."""
    dev = load_dev()
    if dev is None:
        return None
    progs, needs = dev
    rng = random.Random(seed)

    def mix(docs, make, prefix, count):
        out = []
        for i in range(count):
            base = rng.choice(docs)
            same = [d for d in docs if d.cluster == base.cluster]
            other = rng.choice(same)
            parts = base.description.split("，")[: rng.randint(2, 6)] + other.description.split("，")[-2:]
            skills = rng.sample(base.skills, min(3, len(base.skills))) + other.skills[:1]
            out.append(make(base, f"{prefix}{i:04d}", "，".join(parts), skills))
            if rng.random() < 0.05:
                out.append(make(base, f"{prefix}{i:04d}dup", "，".join(parts), skills))
        return out

    def make_p(base, id, description, skills):
        return ProgrammeDoc(id=id, title=base.title, cluster=base.cluster, level=base.level, district=base.district,
                            description=description, skills=skills, modes=base.modes)

    def make_n(base, id, description, skills):
        return NeedDoc(id=id, title=base.title, cluster=base.cluster, kind=base.kind, level=base.level,
                       district=base.district, description=description, skills=skills)

    return mix(progs, make_p, "P", n_programmes), mix(needs, make_n, "N", n_needs)
