"""Uploads must contain what their names say, and a damaged one gets a message, not an error.

Wagtail checks only the extension of a document, so a web page or a program renamed to .pdf
would be offered to visitors as a PDF from our own address. Binary formats are recognised by
their signature (filetype, which Wagtail's image library uses too); text formats must be text
and not markup a browser could render. Images are checked by Wagtail itself, except that a
damaged one makes its field fail with a server error.
"""

import re
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# The amount filetype itself reads; every signature below lies within it.
HEAD_BYTES = 8192

_MARKUP = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<[!?a-zA-Z]")
_WEBVTT = re.compile(rb"\A(?:\xef\xbb\xbf)?WEBVTT(?:[ \t\r\n]|\Z)")


def _is_text(head):
    return b"\0" not in head and not _MARKUP.match(head)


def _is_webvtt(head):
    return _is_text(head) and bool(_WEBVTT.match(head))


_BINARY_FORMATS = ("pdf", "rtf", "zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "mp4", "webm")
CONTENT_CHECKS = {
    **{extension: filetype.get_type(ext=extension).match for extension in _BINARY_FORMATS},
    "csv": _is_text,
    "txt": _is_text,
    "vtt": _is_webvtt,
}


def check_document_content(upload):
    """Raise a ValidationError unless the upload's content fits its extension.

    Extensions without a check here are refused by Wagtail (WAGTAILDOCS_EXTENSIONS); a test keeps
    every allowed extension covered.
    """
    extension = PurePath(upload.name).suffix[1:].lower()
    if extension not in CONTENT_CHECKS:
        return
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not CONTENT_CHECKS[extension](head):
        raise ValidationError(
            _("The content of this file does not match its extension .%(extension)s."),
            code="content_does_not_match_extension",
            params={"extension": extension},
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (admin, chooser, multiple upload) with the content check."""

    def clean_file(self):
        file = self.cleaned_data["file"]
        if isinstance(file, UploadedFile):
            check_document_content(file)
        return file

    def _post_clean(self):
        # Wagtail's model check of the extension runs even when the file was refused, and then
        # reports a new document's empty file name as a bad extension next to the real reason.
        if "file" not in self.errors:
            super()._post_clean()


class ImageFileField(WagtailImageField):
    """Wagtail's image field; a file Pillow cannot decode is "not a valid image", not a 500."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        # Pillow's decoders fail in many ways on damaged files (OSError, SyntaxError,
        # RuntimeError …); every one means the upload is no usable image.
        except Exception as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (admin, chooser, multiple upload) refusing damaged images."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ImageFileField(
                label=field.label,
                required=field.required,
                max_length=field.max_length,
                widget=field.widget,
            )
