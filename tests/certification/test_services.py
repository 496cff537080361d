"""The certification services' own rules: notice periods in working days, concluding, upheld objections."""
from datetime import date

import pytest
from flask import current_app
from sqlalchemy import select

from matchmaking.audit.models import AuditEntry
from matchmaking.certification import services
from matchmaking.core.errors import Conflict
from matchmaking.extensions import db


@pytest.fixture
def in_department_review(chain, app):
    with current_app.test_request_context("/"):
        certification = services.apply(chain.enterprise, by=chain.applicant, plan="合作规划" * 30, pledge_agreed=True,
                                       pledge_signed_by="张伟", uploads=[("a.pdf", b"%PDF-1.4 x")])
        services.decide(certification, by=chain.district, decision="pass")
        db.session.commit()
    return certification


def test_the_notice_skips_the_national_day_holiday_and_counts_the_make_up_workday(app, chain, in_department_review):
    with current_app.test_request_context("/"):
        services.start_notice(in_department_review, today=date(2026, 9, 30))
    # 10-01…10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up workday), 10-12 Mon, 10-13 Tue.
    assert in_department_review.notice_starts_on == date(2026, 10, 8)
    assert in_department_review.notice_ends_on == date(2026, 10, 13)
    assert not in_department_review.notice_is_over(date(2026, 10, 13))
    assert in_department_review.notice_is_over(date(2026, 10, 14))


def test_the_notice_skips_the_spring_festival(app, chain, in_department_review):
    with current_app.test_request_context("/"):
        services.start_notice(in_department_review, today=date(2026, 2, 13))
    # 02-14 (Sat) is a make-up workday; 02-15…02-23 off.
    assert in_department_review.notice_starts_on == date(2026, 2, 14)
    assert in_department_review.notice_ends_on == date(2026, 2, 27)


def test_an_open_objection_holds_the_certificate_and_an_upheld_one_refuses(app, chain, in_department_review):
    with current_app.test_request_context("/"):
        services.start_notice(in_department_review, today=date(2026, 9, 30))
        objection = services.file_objection(in_department_review, name="匿名群众", contact="13900002222",
                                            text="企业提交的实训基地照片为其他企业场地。", today=date(2026, 10, 9))
        assert services.conclude_notices(today=date(2026, 10, 20)) == 0  # over, but an objection is unanswered
        with pytest.raises(Conflict):
            services.file_objection(in_department_review, name="张三", contact="13900003333",
                                    text="公示期结束后才提交的异议内容。", today=date(2026, 10, 14))
        services.answer_objection(objection, by=chain.education, outcome="upheld",
                                  answer="经现场核查，照片确为其他企业场地。", today=date(2026, 10, 20))
    assert in_department_review.status == "refused" and "异议经核查成立" in in_department_review.refusal_reason
    assert "现场核查" not in in_department_review.refusal_reason  # the answer stays with the reviewers
    assert "certification.objection_upheld" in [e.action for e in db.session.scalars(select(AuditEntry))]


def test_certificate_numbers_run_per_year(app, chain, make):
    make.certification(chain.other_enterprise, certificate_no="宜产教融企〔2026〕007号")
    assert services.next_certificate_no(2026) == "宜产教融企〔2026〕008号"
    assert services.next_certificate_no(2027) == "宜产教融企〔2027〕001号"
