"""Default reference data: Yibin's clusters, levels, modes, need kinds and districts.

Plain Python, importable without Flask, so the database seed, the exchange-format
validator and the recommender's command line all read the same lists. The database
copy (seeded from here) is what the running platform uses and the bureau may edit.
Labels are Chinese; English labels come through the translation layer.
"""

#: (code, Chinese label, English label) for Yibin's 5+1 modern industrial clusters.
CLUSTERS = [
    ("power_battery", "动力电池与新能源及智能汽车", "Power batteries, new energy & smart vehicles"),
    ("smart_terminal", "智能终端", "Smart terminals"),
    ("advanced_equipment", "高端装备制造", "Advanced equipment manufacturing"),
    ("baijiu", "白酒（食品饮料）", "Baijiu (food & beverage)"),
    ("new_materials", "新材料", "New materials"),
    ("digital_economy", "数字经济", "Digital economy"),
]

#: Education levels, ordered from lowest to highest rank (rank used for level fit).
LEVELS = [
    ("vocational_training", "职业技能培训（社会培训）", "Vocational skills training", 0),
    ("secondary_vocational", "中职", "Secondary vocational", 1),
    ("higher_vocational", "高职（专科）", "Higher vocational (associate)", 2),
    ("undergraduate", "本科", "Undergraduate", 3),
    ("postgraduate", "研究生", "Postgraduate", 4),
]

#: Cooperation modes a programme supports.
MODES = [
    ("order_class", "订单班", "Order class"),
    ("apprenticeship", "新型学徒制", "New-style apprenticeship"),
    ("internship", "实习实训", "Internship & practical training"),
    ("employee_training", "在职培训", "Employee training"),
    ("joint_rd", "联合研发", "Joint R&D"),
]

#: Kinds of enterprise need.
NEED_KINDS = [
    ("talent", "招聘", "Recruitment"),
    ("apprenticeship", "新型学徒制", "New-style apprenticeship"),
    ("internship", "实习实训", "Internship & practical training"),
    ("training", "在职培训", "Employee training"),
    ("joint_rd", "联合研发/技术攻关", "Joint R&D / technical problem-solving"),
]

#: Which programme modes serve which need kind (first one is the ideal fit).
KIND_MODES = {
    "talent": ["order_class", "internship", "apprenticeship"],
    "apprenticeship": ["apprenticeship", "order_class"],
    "internship": ["internship", "order_class"],
    "training": ["employee_training"],
    "joint_rd": ["joint_rd"],
}

#: Yibin's counties and districts with the administrative division code used in
#: 统一社会信用代码 (三江新区 is a new area administered from 叙州区/翠屏区).
DISTRICTS = [
    ("翠屏区", "Cuiping District", "511502"),
    ("叙州区", "Xuzhou District", "511504"),
    ("南溪区", "Nanxi District", "511503"),
    ("三江新区", "Sanjiang New Area", "511504"),
    ("江安县", "Jiang'an County", "511523"),
    ("长宁县", "Changning County", "511524"),
    ("高县", "Gao County", "511525"),
    ("珙县", "Gong County", "511526"),
    ("筠连县", "Junlian County", "511527"),
    ("兴文县", "Xingwen County", "511528"),
    ("屏山县", "Pingshan County", "511529"),
]

#: Districts that share a border, for the "nearby district" tie-breaker.
NEIGHBOURS = {
    "翠屏区": ["叙州区", "南溪区", "三江新区"],
    "叙州区": ["翠屏区", "三江新区", "南溪区", "屏山县", "高县", "长宁县", "江安县"],
    "南溪区": ["翠屏区", "三江新区", "江安县", "叙州区"],
    "三江新区": ["翠屏区", "叙州区", "南溪区"],
    "江安县": ["南溪区", "长宁县", "叙州区"],
    "长宁县": ["江安县", "珙县", "高县", "兴文县", "叙州区"],
    "高县": ["叙州区", "珙县", "筠连县", "长宁县"],
    "珙县": ["高县", "长宁县", "筠连县", "兴文县"],
    "筠连县": ["高县", "珙县"],
    "兴文县": ["长宁县", "珙县"],
    "屏山县": ["叙州区"],
}

#: The implementation plan's 2025 targets: (code, Chinese label, English label, figure, unit).
PLAN_TARGETS = [
    ("provincial_enterprises", "省级产教融合型企业", "Provincial industry-education integration enterprises", 50, "count"),
    ("municipal_enterprises", "市级产教融合型企业", "Municipal industry-education integration enterprises", 100, "count"),
    ("above_scale_share", "规上企业参与校企合作比例", "Share of above-scale enterprises in school-enterprise cooperation", 80, "percent"),
    ("state_owned_share", "国有企业参与产教融合比例", "Share of state-owned enterprises in industry-education integration", 100, "percent"),
    ("vocational_groups", "国家级职业教育集团（联盟）", "National vocational education groups (alliances)", 6, "count"),
    ("industry_colleges", "省级及以上现代产业学院", "Provincial+ modern industry colleges", 6, "count"),
    ("simulation_bases", "省级及以上虚拟仿真实训基地", "Provincial+ virtual-simulation training bases", 5, "count"),
    ("high_skill_bases", "省级及以上高技能人才培训基地", "Provincial+ high-skill talent training bases", 4, "count"),
    ("dual_qualified_share", "“双师型”教师占专业课教师比例", "Share of dual-qualified teachers among professional-course teachers", 50, "percent"),
]


def codes(table):
    """The codes of one reference table, in order."""
    return [row[0] for row in table]


def level_rank(code):
    """The rank of a level code (higher means more advanced); None if unknown."""
    for row in LEVELS:
        if row[0] == code:
            return row[3]
    return None


DISTRICT_NAMES = [row[0] for row in DISTRICTS]
