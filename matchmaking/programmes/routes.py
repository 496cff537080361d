from ..postings.views import make_blueprint
from .spec import PROGRAMMES

bp = make_blueprint(PROGRAMMES)
