"""Policy bodies: Markdown rendered to HTML, then sanitised with an allow-list.

Two layers: markdown-it escapes raw HTML in the source and refuses javascript:/data: links;
nh3 then keeps only the tags, attributes and URL schemes listed here, marks every link
rel="noopener noreferrer nofollow", and drops images that are not served by this site."""
import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


def _is_local_path(url):
    """A path on this site ("/static/…"), not a scheme-relative "//host" or "/\\host"."""
    return url.startswith("/") and url[1:2] not in ("/", "\\")


def _render_image(self, tokens, idx, options, env):
    """Images served by this site stay; any other image is replaced by its description."""
    token = tokens[idx]
    if _is_local_path(token.attrGet("src") or ""):
        return self.image(tokens, idx, options, env)
    return escapeHtml(self.renderInlineAsText(token.children or [], options, env))


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"])
_markdown.add_render_rule("image", _render_image)


def _filter_attribute(tag, attribute, value):
    # Must never raise: nh3 would report the exception instead of stripping the attribute.
    if tag == "img" and attribute == "src" and not _is_local_path(value or ""):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    link_rel=LINK_REL,
    url_schemes=URL_SCHEMES,
)


def sanitise(html):
    """HTML reduced to the allow-list (the second layer; also safe on hostile HTML)."""
    return _cleaner.clean(html)


def render(markdown_text):
    """Safe HTML for a Markdown body, ready to insert into a page."""
    return Markup(sanitise(_markdown.render(markdown_text or "")))


def plain_text(markdown_text):
    """The body's text without markup (for list excerpts)."""
    return render(markdown_text).striptags()
