from ..main.detail import posting_detail_context
from ..postings.routes import make_blueprint
from .spec import PROGRAMMES

bp = make_blueprint(PROGRAMMES, detail_extras=posting_detail_context)
