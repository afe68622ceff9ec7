"""Editors upload images and documents; whatever is too big, is not what its name says or could
run script in our origin is refused with a message in the editor's language, never a 500."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from home.uploads import CONTENT_CHECKS

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
CONTENT_MISMATCH = "The content of this file does not match its extension .%(extension)s."
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


def image_bytes(size=(40, 30), image_format="PNG", colour="teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, image_format)
    return buffer.getvalue()


def admin_upload(client, kind, name, content, collection=None):
    """POST one file to Wagtail's add view for images or documents, as the admin form does."""
    return client.post(
        reverse(f"wagtail{kind}:add"),
        {
            "title": name,
            "collection": (collection or Collection.get_first_root_node()).pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def german(message, **params):
    """A message of Django, Wagtail or ours as the editors read it (German is their default)."""
    with translation.override("de"):
        return translation.gettext(message) % params


def too_big(size, limit):
    with translation.override("de"):  # sizes have a decimal comma in German
        return german(
            "This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s.",
            file_size=filesizeformat(size),
            max_filesize=filesizeformat(limit),
        )


def file_errors(response):
    """The messages shown at the file field of a re-displayed admin form."""
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    return [str(error) for error in response.context["form"].errors["file"]]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _zip(*members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1])
        for name in members:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Kommune"
    workbook.save(buffer)
    return buffer.getvalue()


def _open_document(kind):
    return _zip("content.xml", first=("mimetype", f"application/vnd.oasis.opendocument.{kind}"))


GENUINE = {
    "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "rtf": rb"{\rtf1\ansi Modellprojekte Smart Cities}",
    "zip": _zip("folien/teil-1.txt"),
    "docx": _zip("[Content_Types].xml", "word/document.xml"),
    "pptx": _zip("[Content_Types].xml", "ppt/presentation.xml"),
    "xlsx": _xlsx(),
    "odt": _open_document("text"),
    "ods": _open_document("spreadsheet"),
    "odp": _open_document("presentation"),
    "mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free",
    "webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87\x81\x04",
    "csv": "Kommune;Einwohner\nGütersloh;100000\nLüneburg;77000\n".encode("cp1252"),
    "txt": "Protokoll der Peer-Learning-Runde, 12. März\n".encode(),
    "vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nWillkommen in Gütersloh\n".encode(),
}


def test_every_allowed_document_extension_has_a_content_check():
    assert set(CONTENT_CHECKS) == set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.parametrize("extension", settings.WAGTAILDOCS_EXTENSIONS)
def test_genuine_documents_of_every_allowed_type_are_accepted(editor_client, extension):
    response = admin_upload(editor_client, "docs", f"dokument.{extension}", GENUINE[extension])
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.get(title=f"dokument.{extension}").file_size == len(GENUINE[extension])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programm.pdf", EXECUTABLE),
        ("programm.pdf", HTML),
        ("tabelle.xlsx", GENUINE["docx"]),
        ("folien.zip", EXECUTABLE),
        ("notizen.txt", HTML),
        ("liste.csv", b"\xef\xbb\xbf  " + SVG),
        ("liste.csv", EXECUTABLE),
        ("untertitel.vtt", b"1\n00:00.000 --> 00:02.000\nHallo\n"),
        ("video.mp4", GENUINE["webm"]),
    ],
)
def test_document_whose_content_lies_about_its_extension_is_refused(editor_client, name, content):
    response = admin_upload(editor_client, "docs", name, content)
    assert file_errors(response) == [german(CONTENT_MISMATCH, extension=name.rsplit(".", 1)[1])]
    assert not Document.objects.filter(title=name).exists()


def test_multiple_upload_refuses_a_disguised_document_too(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("bericht.pdf", EXECUTABLE)},
    )
    assert response.status_code == 200
    assert response.json() == {
        "success": False,
        "error_message": german(CONTENT_MISMATCH, extension="pdf"),
    }
    assert not Document.objects.filter(title="bericht.pdf").exists()


@pytest.mark.parametrize("name", ["seite.html", "grafik.svg", "programm.exe"])
def test_documents_of_types_not_allowed_are_refused(editor_client, name):
    response = admin_upload(editor_client, "docs", name, HTML)
    assert file_errors(response) == [
        german(
            "File extension “%(extension)s” is not allowed. Allowed extensions are: "
            "%(allowed_extensions)s.",
            extension=name.rsplit(".", 1)[1],
            allowed_extensions=", ".join(settings.WAGTAILDOCS_EXTENSIONS),
        )
    ]


def test_document_over_the_size_limit_is_refused(editor_client, settings):
    # 200 MB are too much for a test run: the same check at a smaller limit.
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = admin_upload(editor_client, "docs", "gross.txt", b"x" * 1001)
    assert file_errors(response) == [too_big(1001, 1000)]


NOT_AN_IMAGE = (
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
)
WRONG_IMAGE_FORMAT = (
    "Not a valid .%(extension)s image. The extension does not match the file format "
    "(%(image_format)s)"
)


def test_image_whose_bytes_are_not_an_image_is_refused(editor_client):
    response = admin_upload(editor_client, "images", "foto.jpg", EXECUTABLE)
    assert german(NOT_AN_IMAGE) != NOT_AN_IMAGE
    assert file_errors(response) == [german(NOT_AN_IMAGE)]
    assert not Image.objects.filter(title="foto.jpg").exists()


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP", "AVIF"])
def test_damaged_image_is_refused_with_a_message_instead_of_an_error(editor_client, image_format):
    photo = io.BytesIO()
    PILImage.effect_noise((120, 90), 60).convert("RGB").save(photo, image_format)
    truncated = photo.getvalue()[: len(photo.getvalue()) * 2 // 3]
    response = admin_upload(editor_client, "images", f"foto.{image_format.lower()}", truncated)
    assert file_errors(response) == [german(NOT_AN_IMAGE)]


def test_image_whose_content_is_another_format_is_refused(editor_client):
    response = admin_upload(editor_client, "images", "foto.png", image_bytes(image_format="GIF"))
    assert file_errors(response) == [
        german(WRONG_IMAGE_FORMAT, extension="png", image_format="gif")
    ]


def test_svg_image_is_refused(editor_client):
    response = admin_upload(editor_client, "images", "logo.svg", SVG)
    assert file_errors(response) == [
        german(
            "Not a supported image format. Supported formats: %(supported_formats)s.",
            supported_formats="GIF, JPG, JPEG, PNG, WEBP, AVIF",
        )
    ]


def test_svg_disguised_as_png_is_refused(editor_client):
    response = admin_upload(editor_client, "images", "logo.png", SVG)
    assert file_errors(response) == [
        german(WRONG_IMAGE_FORMAT, extension="png", image_format="svg")
    ]


def test_multiple_image_upload_refuses_svg_too(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile("logo.svg", SVG)}
    )
    assert response.json()["success"] is False
    assert (
        response.json()["error_message"]
        == file_errors(admin_upload(editor_client, "images", "logo.svg", SVG))[0]
    )
    assert not Image.objects.exists()


def test_image_over_the_size_limit_is_refused(editor_client):
    padded = image_bytes() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    response = admin_upload(editor_client, "images", "riesig.png", padded)
    assert file_errors(response) == [too_big(len(padded), settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)]


def test_image_with_more_pixels_than_allowed_is_refused(editor_client):
    # A one-bit image compresses to a few kilobytes, however many pixels it has.
    width, height = 8000, settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 8000 + 1
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")
    response = admin_upload(editor_client, "images", "riesig.png", buffer.getvalue())
    assert file_errors(response) == [
        german(
            "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s.",
            num_pixels=width * height,
            max_pixels_count=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        )
    ]


def test_genuine_image_is_accepted(editor_client):
    response = admin_upload(editor_client, "images", "foto.jpg", image_bytes(image_format="JPEG"))
    assert response.status_code == 302
    assert Image.objects.get(title="foto.jpg").width == 40


@pytest.fixture
def local_media(settings, tmp_path):
    """The default storage without S3: files on disk, served by Wagtail's document view."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def stored_document(name, content):
    return Document.objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=Collection.get_first_root_node(),
    )


@pytest.mark.parametrize(("name", "content"), [("angriff.html", HTML), ("angriff.svg", SVG)])
def test_stored_html_or_svg_document_cannot_run_script_in_our_origin(
    client, local_media, name, content
):
    # Uploads refuse both types; this is a file that got in before, or by another way.
    response = client.get(stored_document(name, content).url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdf_documents_are_downloaded_not_shown_in_our_origin(client, local_media):
    response = client.get(stored_document("bericht.pdf", GENUINE["pdf"]).url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == GENUINE["pdf"]
