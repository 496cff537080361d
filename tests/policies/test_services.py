"""Policy services: who may act, what is checked, what is audited, and that repeats are harmless."""
from datetime import date

import pytest

from matchmaking.audit.models import AuditEntry
from matchmaking.core.errors import DomainError, Forbidden
from matchmaking.extensions import db
from matchmaking.policies import queries, services
from matchmaking.policies.models import Policy


def _data(**overrides):
    data = {
        "title": " 技能大师工作室建设支持 ", "body": "依托高技能人才建设工作室。", "category": "platform",
        "effective_from": date(2026, 1, 1), "effective_until": date(2027, 12, 31), "lead_unit": "宜宾市人力资源和社会保障局",
        "responsible_units": ["宜宾市财政局"], "source_document": "实施方案",
    }
    data.update(overrides)
    return data


def _actions():
    return [e.action for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]


def test_create_saves_a_draft_and_audits(officer):
    policy = services.create(_data(), by=officer)
    db.session.commit()
    assert policy.status == "draft" and policy.published_at is None
    assert policy.title == "技能大师工作室建设支持" and policy.created_by_id == officer.id
    assert _actions() == ["policy.create"]


@pytest.mark.parametrize("kind", ["school", "enterprise"])
def test_only_the_bureau_may_write(make, officer, kind):
    outsider = make.user(make.organisation(kind))
    with pytest.raises(Forbidden):
        services.create(_data(), by=outsider)
    policy = services.create(_data(), by=officer)
    for action in (lambda: services.update(policy, _data(), by=outsider), lambda: services.publish(policy, by=outsider),
                   lambda: services.archive(policy, by=outsider)):
        with pytest.raises(Forbidden):
            action()
    assert policy.status == "draft"


@pytest.mark.parametrize("overrides, field", [
    ({"effective_until": date(2025, 12, 31)}, "effective_until"),
    ({"category": "lottery"}, "category"),
    ({"title": "  "}, "title"),
    ({"effective_from": None}, "effective_from"),
])
def test_rules_are_checked_by_the_service(officer, overrides, field):
    with pytest.raises(DomainError) as error:
        services.create(_data(**overrides), by=officer)
    assert error.value.field == field
    assert db.session.scalar(db.select(db.func.count(Policy.id))) == 0


def test_until_may_equal_from_or_be_open(officer):
    services.create(_data(effective_until=date(2026, 1, 1)), by=officer)
    services.create(_data(effective_until=None), by=officer)


def test_update_changes_fields_and_audits(officer, policy):
    item = policy(status="draft")
    services.update(item, _data(title="新标题", responsible_units=[]), by=officer)
    db.session.commit()
    assert db.session.get(Policy, item.id).title == "新标题"
    assert _actions() == ["policy.update"]


def test_publish_twice_is_harmless(officer, policy):
    item = policy(status="draft")
    assert services.publish(item, by=officer) is True
    db.session.commit()
    first = item.published_at
    assert first is not None and item.status == "published"
    assert services.publish(item, by=officer) is False
    db.session.commit()
    assert item.published_at == first
    assert _actions() == ["policy.publish"]


def test_archive_then_publish_again(officer, policy):
    item = policy()
    assert services.archive(item, by=officer) is True
    assert services.archive(item, by=officer) is False
    assert item.status == "archived" and item.archived_at is not None
    assert services.publish(item, by=officer) is True
    assert item.status == "published" and item.archived_at is None
    assert _actions() == ["policy.archive", "policy.publish"]


def test_a_stale_copy_cannot_publish_twice(app, officer, policy):
    """Two requests that both loaded the draft: only the first changes it and is audited."""
    item = policy(status="draft")
    assert services.publish(item, by=officer) is True
    db.session.commit()
    db.session.execute(db.update(Policy).where(Policy.id == item.id).values(status="draft"))  # what the second request saw
    db.session.commit()
    stale = db.session.get(Policy, item.id)
    db.session.execute(db.update(Policy).where(Policy.id == item.id).values(status="published"))
    assert services.publish(stale, by=officer) is False
    assert stale.status == "published"


def test_unknown_transition(officer, policy):
    with pytest.raises(DomainError):
        services.transition(policy(), "delete", by=officer)


def test_in_force_query_bounds_are_inclusive(policy):
    today = services.local_today()
    starts_today = policy(title="今天生效", days_from=0)
    ends_today = policy(title="今天截止", days_from=-10, days_until=0)
    policy(title="明天生效", days_from=1)
    policy(title="昨天失效", days_from=-10, days_until=-1)
    policy(title="草稿", status="draft")
    found = {p.title for p in db.session.scalars(queries.public_query(in_force=True, today=today))}
    assert found == {starts_today.title, ends_today.title}
    assert starts_today.in_force_on(today) and ends_today.in_force_on(today)


def test_read_filters_ignore_unknown_values():
    from werkzeug.datastructures import MultiDict

    filters = queries.read_filters(MultiDict({"category": "lottery", "sort": "random", "in_force": "yes", "q": " 学徒 "}))
    assert filters == {"q": "学徒", "category": "", "in_force": False, "sort": "newest"}


def test_keyword_search_treats_like_wildcards_literally(policy):
    policy(title="奖励100%到位")
    policy(title="奖励一半")
    titles = [p.title for p in db.session.scalars(queries.public_query(q="100%"))]
    assert titles == ["奖励100%到位"]
    assert [p.title for p in db.session.scalars(queries.public_query(q="奖励_"))] == []


def test_get_hides_unpublished_policies_and_guards_management(make, officer, policy):
    from flask_login import AnonymousUserMixin

    from matchmaking.core.errors import NotFound

    draft, published = policy(status="draft"), policy()
    school_user = make.user(make.school())
    for viewer in (AnonymousUserMixin(), school_user, None):
        assert services.get(published.id, viewer) == published
        with pytest.raises(NotFound):
            services.get(draft.id, viewer)
    assert services.get(draft.id, officer, manage=True) == draft
    with pytest.raises(Forbidden):
        services.get(published.id, school_user, manage=True)
    with pytest.raises(NotFound):
        services.get(999999, officer, manage=True)
