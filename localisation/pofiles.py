"""Importing a PO file into a translation: all of it or nothing.

wagtail-localize's own upload view fails with a server error on an empty file or one without
its header, imports the entries it knows from a file that does not match the page and reports
success, and stores broken HTML over a working translation. Here a file is checked completely
before anything is stored, and a file that does not match the page's current strings exactly
is refused with what to do about it.
"""

import tempfile

import polib
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment
from wagtail_localize.strings import StringValue, validate_translation_links

# A page's PO file has a few kilobytes; the largest demo page's has 5 KB.
MAX_PO_FILE_SIZE = 2 * 1024 * 1024
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


class RejectedPOFile(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _nothing_imported(message):
    return RejectedPOFile(f"{message} {_('Nothing was imported.')}")


def read_po_file(upload):
    """The parsed PO file, or RejectedPOFile saying why it cannot be one."""
    if upload is None:
        raise RejectedPOFile(_("Choose a PO file to upload."))
    if upload.size > MAX_PO_FILE_SIZE:
        raise _nothing_imported(
            _("The file is larger than %(size)s, too large for the PO file of a page.")
            % {"size": filesizeformat(MAX_PO_FILE_SIZE)}
        )
    content = upload.read(MAX_PO_FILE_SIZE + 1)
    if not content.strip():
        raise _nothing_imported(_("The file is empty."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _nothing_imported(_("The file is not a PO file in UTF-8.")) from error
    if "\x00" in text:
        raise _nothing_imported(_("The file is not a PO file in UTF-8."))
    # polib takes a string for the file's path if such a file exists, so it reads the upload
    # from a file of its own.
    with tempfile.NamedTemporaryFile(suffix=".po") as po_file:
        po_file.write(text.encode("utf-8"))
        po_file.flush()
        try:
            return polib.pofile(po_file.name, encoding="utf-8")
        except (OSError, ValueError) as error:
            # polib names the file, which here is the temporary one.
            problem = str(error).replace(f" {po_file.name}", "")
            raise _nothing_imported(
                _("The file is not a valid PO file: %(error)s.") % {"error": problem}
            ) from error


def check_po_file(translation, po):
    """Raises RejectedPOFile unless the file belongs to the translation, has exactly the
    source's current strings and only translations wagtail-localize can use."""
    translation_id = po.metadata.get(TRANSLATION_ID_HEADER)
    if translation_id is None:
        raise _nothing_imported(
            _("This PO file was not downloaded from a translation editor of this site.")
        )
    if translation_id != str(translation.uuid):
        raise _nothing_imported(_("This PO file belongs to another page or language."))

    # Obsolete entries carry earlier translations for reference; they are never applied.
    entries = [entry for entry in po if not entry.obsolete]
    expected = {
        (segment.context.path, segment.string.data)
        for segment in StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("context", "string")
        .order_by("order")
    }
    found = {(entry.msgctxt, entry.msgid) for entry in entries}
    unknown, missing = found - expected, expected - found
    if unknown or missing:
        example = min(unknown or missing, key=lambda key: (key[0] or "", key[1]))[1]
        raise _nothing_imported(
            _(
                "The PO file does not match the current text of the page: entries the page "
                "does not have: %(unknown)d, strings of the page missing from the file: "
                "%(missing)d (for example “%(example)s”). The source text has probably "
                "changed since the file was downloaded: download the PO file again, copy your "
                "translations into it and upload that one."
            )
            % {
                "unknown": len(unknown),
                "missing": len(missing),
                "example": Truncator(example).chars(80),
            }
        )

    for entry in entries:
        if not entry.msgstr:
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            raise _nothing_imported(
                _("The translation of “%(source)s” cannot be used: %(error)s.")
                % {"source": Truncator(entry.msgid).chars(80), "error": error}
            ) from error


@transaction.atomic
def import_po_file(translation, upload, user):
    """Stores the translations of an uploaded PO file; returns how many strings it translates.
    Strings the file leaves untranslated keep what is stored."""
    po = read_po_file(upload)
    check_po_file(translation, po)
    current = polib.POFile()
    current.metadata = po.metadata
    current.extend(entry for entry in po if not entry.obsolete)
    translation.import_po(current, user=user, tool_name="PO File")
    return sum(1 for entry in current if entry.msgstr)
