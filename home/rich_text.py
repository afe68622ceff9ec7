"""Links and images in rich text, expanded once per site version instead of on every request.

Wagtail looks the linked pages, documents and embedded images up for every rich text it
renders, a query or more each, so a page of many paragraphs runs many queries. What they
expand to changes only when pages are published, moved or unpublished, or documents and
images change, and each of these replaces the site version. An image's address may be signed
and expire (media in S3): an expanded image is then kept for half the signature's lifetime."""

import hashlib
import json

from django.core.files.storage import default_storage
from django.utils.translation import get_language
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .fragments import KEPT_FOR, cached


def media_url_seconds():
    """How long an address of an uploaded file may be reused: half the lifetime of its
    signature when media addresses are signed, else as long as any fragment."""
    if getattr(default_storage, "querystring_auth", False):
        return default_storage.querystring_expire // 2
    return KEPT_FOR


class CachedExpansion:
    @classmethod
    def seconds(cls):
        return KEPT_FOR

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        expand = super().expand_db_attributes_many
        # A page link leads to the page in the visitor's language.
        language = get_language()
        return [
            cached(
                f"home:rich-text:{cls.identifier}:{language}:{digest(attrs)}",
                lambda attrs=attrs: expand([attrs])[0],
                cls.seconds(),
            )
            for attrs in attrs_list
        ]


def digest(attrs):
    return hashlib.sha256(json.dumps(attrs, sort_keys=True).encode()).hexdigest()


class CachedPageLinkHandler(CachedExpansion, PageLinkHandler):
    pass


class CachedDocumentLinkHandler(CachedExpansion, DocumentLinkHandler):
    pass


class CachedImageEmbedHandler(CachedExpansion, ImageEmbedHandler):
    @classmethod
    def seconds(cls):
        return media_url_seconds()
