from ..main.detail import posting_detail_context
from ..postings.routes import make_blueprint
from .spec import NEEDS

bp = make_blueprint(NEEDS, detail_extras=posting_detail_context)
