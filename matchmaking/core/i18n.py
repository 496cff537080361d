"""Locale selection and helpers that pick the right label of reference data."""
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale, gettext
from flask_babel.speaklater import LazyString


def N_(text):
    """Mark a string for extraction without translating it now."""
    return text


def select_locale():
    """The user's chosen language, else Simplified Chinese (never the browser's guess:
    the platform is Chinese-first)."""
    if has_request_context():
        lang = session.get("lang")
        if lang in current_app.config["LANGUAGES"]:
            return lang
        if request.args.get("lang") in current_app.config["LANGUAGES"]:
            return request.args["lang"]
        if request.path.startswith("/api/v1/"):
            # API clients state their language on purpose; pages still ignore the browser's guess.
            best = request.accept_languages.best_match(current_app.config["LANGUAGES"])
            if best:
                return best
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def is_english():
    locale = get_locale()
    return locale is not None and locale.language == "en"


def label(obj):
    """The display label of a reference row (cluster, level, district …) in the UI language."""
    if obj is None:
        return ""
    if is_english() and getattr(obj, "name_en", None):
        return obj.name_en
    return obj.name_zh


def portable(message):
    """A (lazy) message as JSON that can be stored (a job's result) and translated later, in the reader's language."""
    if isinstance(message, LazyString) and message._args:
        params = {key: value if isinstance(value, (int, float)) else str(value) for key, value in message._kwargs.items()}
        return {"msgid": message._args[0], "params": params}
    return {"text": str(message)}


def translated(stored):
    return gettext(stored["msgid"], **stored.get("params", {})) if "msgid" in stored else stored.get("text", "")
