from flask_login import current_user

from ..pairings.forms import detail_context
from ..postings.views import make_blueprint
from .spec import PROGRAMMES

bp = make_blueprint(PROGRAMMES, detail_extras=lambda posting: detail_context(posting, current_user))
