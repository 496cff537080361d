"""Templates ask the domains' rules and properties; they never decide from a raw status."""
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
#: `x.status == 'draft'`, `status != "open"`, `r.status in ('a', 'b')`, `status not in [...]`.
STATUS_COMPARISON = re.compile(r"""\bstatus\s*(==|!=|\bin\b|\bnot\s+in\b)\s*[('"\[]""")


def test_no_template_compares_a_status_string():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STATUS_COMPARISON.search(line):
                offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_catches_what_it_should():
    for text in ("{% if r.status == 'pending' %}", '{% if event.status in ("open", "closed") %}',
                 "{% if status != 'x' %}", "{% if m.status not in ['held'] %}"):
        assert STATUS_COMPARISON.search(text), text
    for text in ("{{ status_badge(o.status) }}", "class=\"status-{{ p.status }}\"", "{{ request_labels[r.status] }}"):
        assert not STATUS_COMPARISON.search(text), text
