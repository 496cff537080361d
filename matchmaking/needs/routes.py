from ..postings.views import make_blueprint
from .spec import NEEDS

bp = make_blueprint(NEEDS)
