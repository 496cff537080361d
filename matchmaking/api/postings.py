"""Programmes and needs: one set of routes for both kinds, like postings.routes for the pages.

Input arrives with FORMAT.md's names, is checked by its schema (api/schemas/postings) and
by the pages' form; the same services write it."""
from flask import request

from ..core.i18n import N_
from ..extensions import db
from ..needs.spec import NEEDS
from ..postings import lifecycle, queries, services
from ..postings.routes import read_filters
from ..programmes.spec import PROGRAMMES
from ..recommendations import views as suggestions
from . import permissions, serializers
from .auth import authenticated, current_user_or_none
from .blueprint import bp
from .inputs import query, with_form
from .registry import Patch, describe, route
from .schemas import postings as schemas

#: name → (spec, input, output, page, search query, suggestions, how it is serialized, the other kind)
KINDS = {
    "programmes": (PROGRAMMES, schemas.ProgrammeInput, schemas.Programme, schemas.ProgrammePage,
                   schemas.ProgrammeSearch, schemas.NeedSuggestions, serializers.programme, "programme"),
    "needs": (NEEDS, schemas.NeedInput, schemas.Need, schemas.NeedPage, schemas.NeedSearch,
              schemas.ProgrammeSuggestions, serializers.need, "need"),
}
#: name → the texts of its operations (msgids).
TEXTS = {
    "programmes": {
        "index": N_("搜索已发布的培训项目"), "create": N_("创建培训项目草稿"), "detail": N_("一个培训项目"),
        "update": N_("修改培训项目（仅所有者）"), "archive": N_("归档培训项目（仅所有者；草稿和已关闭的）"),
        "recommendations": N_("为培训项目推荐的企业需求"),
        "publish": N_("发布培训项目（草稿 → 已发布）"), "close": N_("关闭培训项目（已发布 → 已关闭）"),
        "reopen": N_("重新发布培训项目（已关闭 → 已发布）"), "archive_action": N_("归档培训项目（草稿或已关闭 → 已归档）"),
    },
    "needs": {
        "index": N_("搜索已发布的企业需求"), "create": N_("创建企业需求草稿"), "detail": N_("一条企业需求"),
        "update": N_("修改企业需求（仅所有者）"), "archive": N_("归档企业需求（仅所有者；草稿和已关闭的）"),
        "recommendations": N_("为企业需求推荐的培训项目"),
        "publish": N_("发布企业需求（草稿 → 已发布）"), "close": N_("关闭企业需求（已发布 → 已关闭）"),
        "reopen": N_("重新发布企业需求（已关闭 → 已发布）"), "archive_action": N_("归档企业需求（草稿或已关闭 → 已归档）"),
    },
}


def _data(form):
    return form.to_data()


def _current_values(serialize, posting, model):
    record = serialize(posting).dump()
    return {name: record[name] for name in model.model_fields}


def _register(name, spec, model, output, page_model, search, suggestion_list, serialize, noun):
    texts = TEXTS[name]
    one = f"/{name}/<int:{noun}_id>"

    @route("GET", f"/{name}", endpoint=f"{name}_index", summary=texts["index"], tag=name, auth="none", query=search, ok=(200, page_model))
    def index():
        search_values = query(search)  # paging and sort: 400 when out of range
        filters = read_filters(spec, request.args)  # codes: unknown ones are ignored, as on the pages
        result = queries.search(spec, filters, page=search_values.page, per_page=search_values.per_page)
        return serializers.respond(serializers.page(page_model, result, serialize))

    @route("POST", f"/{name}", endpoint=f"{name}_create", summary=texts["create"], tag=name, body=model, ok=(201, output), errors=(403, 422))
    def create():
        user = authenticated()
        permissions.create_posting(spec, user)
        posting = services.create_posting(spec, _data(with_form(model, spec.form_class)), by=user)
        db.session.commit()
        return serializers.respond(serialize(posting), 201)

    @route("GET", one, endpoint=f"{name}_detail", summary=texts["detail"], tag=name, auth="optional", ok=(200, output), errors=(401, 404),
           description=N_("已发布的内容公开；草稿、已关闭和已归档的只有所有者和人社局能看到。"))
    def detail(**ids):
        return serializers.respond(serialize(services.get_visible(spec, ids[f"{noun}_id"], current_user_or_none())))

    @route("PATCH", one, endpoint=f"{name}_update", summary=texts["update"], tag=name, body=Patch(model, f"{output.__name__}Patch"),
           ok=(200, output), errors=(404, 409, 422), description=N_("只发送要改的字段；合并后的值作为整体校验。"))
    def update(**ids):
        user = authenticated()
        posting = services.get_owned(spec, ids[f"{noun}_id"], user)
        form = with_form(model, spec.form_class, current=_current_values(serialize, posting, model))
        services.update_posting(spec, posting, _data(form), by=user)
        db.session.commit()
        return serializers.respond(serialize(posting))

    def transition(action, **ids):
        user = authenticated()
        posting = services.get_owned(spec, ids[f"{noun}_id"], user)
        services.transition_posting(posting, action, by=user)
        db.session.commit()
        return serializers.respond(serialize(posting))

    @route("DELETE", one, endpoint=f"{name}_archive", summary=texts["archive"], tag=name, ok=(200, output), errors=(404, 409))
    def archive(**ids):
        return transition("archive", **ids)

    @route("GET", f"{one}/recommendations", endpoint=f"{name}_recommendations", summary=texts["recommendations"], tag=name, auth="optional",
           query=schemas.SuggestionQuery, ok=(200, suggestion_list), errors=(401, 404),
           description=N_("理由是请求语言的句子（Accept-Language 或 ?lang=en）。"))
    def recommendations(**ids):
        posting = services.get_visible(spec, ids[f"{noun}_id"], current_user_or_none())
        top = query(schemas.SuggestionQuery).top
        rows = suggestions.for_posting(posting, None, top=top)  # reasons in the request's language
        return serializers.respond(serializers.suggestions(rows, perspective="need" if spec is NEEDS else "programme"))

    actions = "<any(" + ", ".join(lifecycle.TRANSITIONS) + "):action>"
    bp.add_url_rule(f"{one}/{actions}", f"{name}_transition", transition, methods=["POST"])
    for action in lifecycle.TRANSITIONS:
        describe("POST", f"{one}/{action}", summary=texts["archive_action" if action == "archive" else action],
                 tag=name, ok=(200, output), errors=(403, 404, 409))


for _name, _kind in KINDS.items():
    _register(_name, *_kind)
