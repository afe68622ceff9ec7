"""StreamField blocks shared by every page type that has a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .i18n import url_in_active_language


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Keep headings in order: a subsection follows a section."),
        # The level shapes the page; its name ("Section (h2)") is no text the page shows.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading_block.html"
        preview_value = {"text": "Daten in der Smart City", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote_block.html"
        preview_value = {
            "quote": "Von den Modellprojekten lernen heißt, Fehler nicht zweimal zu machen.",
            "attribution": "Teilnehmerin einer Themenwerkstatt",
        }


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        if page:
            return url_in_active_language(page)
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Internal page"), required=False)
    external_url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action_block.html"
        value_class = LinkStructValue
        preview_value = {
            "title": "Erstberatung",
            "text": "Wir beraten Ihre Kommune zum Einstieg in die Smart City.",
            "link_label": "Beratung anfragen",
            "external_url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(
                        _("Choose either an internal page or an external link.")
                    )
                }
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Downloads")
        template = "home/blocks/document_links_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul"])


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "home/blocks/accordion_block.html"
        preview_value = {
            "heading": "Häufige Fragen",
            "items": [
                {"question": "Wer kann teilnehmen?", "answer": "<p>Alle Kommunen.</p>"},
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=30)
    label = blocks.CharBlock(label=_("Label"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        label = _("Key figures")
        template = "home/blocks/key_figures_block.html"
        preview_value = {
            "heading": "",
            "figures": [
                {"figure": "73", "label": "Modellprojekte"},
                {"figure": "820 Mio. €", "label": "Fördervolumen"},
            ],
        }


class VideoBlock(blocks.StructBlock):
    """A video served from our own media storage: no third-party player, no tracking."""

    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"), required=False, help_text=_("A .vtt subtitle file.")
    )
    poster = ImageChooserBlock(label=_("Preview image"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "home/blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video = value.get("video")
        if video and video.file_extension.lower() not in ("mp4", "webm"):
            errors["video"] = blocks.BlockValidationError(_("Choose an MP4 or WebM file."))
        captions = value.get("captions")
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = blocks.BlockValidationError(_("Choose a WebVTT (.vtt) file."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="home/blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentLinksBlock()
    accordion = AccordionBlock()
    key_figures = KeyFiguresBlock()
    video = VideoBlock()


class FormatCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Format"), max_length=120)
    text = blocks.TextBlock(label=_("Description"))
    page = blocks.PageChooserBlock(label=_("More about it"), required=False)

    class Meta:
        icon = "group"
        label = _("Programme format")
        template = "home/blocks/format_card_block.html"
        value_class = LinkStructValue
