"""The gettext catalogues: German is complete and in step with the code, English falls back.

These tests read the .po files with polib and scan the source with simple regular expressions,
so they need neither a database nor GNU gettext. The scan is deliberately modest: it finds
single-line, plain string literals, which is how the project marks its interface strings.
"""

import ast
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.utils.text import unescape_string_literal

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
GERMAN_PO = LOCALE_DIR / "de" / "LC_MESSAGES" / "django.po"
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

# Apps whose Python code carries interface strings; those not (yet) in the project are skipped.
PYTHON_SOURCE_DIRS = ["cms", "home", "conferences", "casestudies", "search"]
SKIPPED_DIR_NAMES = {"__pycache__", "node_modules", ".venv", "tests"}

# _("…"), gettext("…"), gettext_lazy("…") with one plain single-line literal as the only argument.
PY_CALL = re.compile(
    r"""(?<![\w.])(?:_|gettext|gettext_lazy)\(\s*"""
    r"""(?P<literal>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*[,)]"""
)
# {% translate "…" %}, {% trans '…' %}, optionally with `context "…"`, `noop` or `as var`.
TEMPLATE_TRANSLATE = re.compile(
    r"""\{%\s*trans(?:late)?\s+(?P<literal>"[^"\n]*"|'[^'\n]*')(?P<options>[^%\n]*)%\}"""
)
TEMPLATE_CONTEXT = re.compile(r"""\bcontext\s+(?P<literal>"[^"\n]*"|'[^'\n]*')""")
# _("…") used as a filter or tag argument inside a template, e.g. {% firstof x _("Our formats") %}.
TEMPLATE_UNDERSCORE = re.compile(r"""(?<![\w.])_\((?P<literal>"[^"\n]*"|'[^'\n]*')\)""")
# Single-line {% blocktranslate %}…{% endblocktranslate %} blocks (not trimmed, no context).
TEMPLATE_BLOCK = re.compile(
    r"""\{%\s*blocktrans(?:late)?(?P<options>[^%\n]*)%\}(?P<body>[^\n]*?)"""
    r"""\{%\s*endblocktrans(?:late)?\s*%\}"""
)
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")

# %(name)s style placeholders, plus unnamed %s / %d; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>\w+)\))?[#0\- +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%%")


def load(path):
    assert path.exists(), f"{path.relative_to(BASE_DIR)} is missing: run `make messages`."
    return polib.pofile(str(path))


@pytest.fixture(scope="module")
def german():
    return load(GERMAN_PO)


@pytest.fixture(scope="module")
def english():
    return load(ENGLISH_PO)


def active(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def key(entry):
    return (entry.msgctxt, entry.msgid)


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def placeholders(text):
    return Counter(match.group(0) for match in PLACEHOLDER.finditer(text) if match.group(0) != "%%")


def source_files(directories, pattern):
    for name in directories:
        directory = BASE_DIR / name
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob(pattern)):
            if not SKIPPED_DIR_NAMES.intersection(path.relative_to(BASE_DIR).parts):
                yield path


def template_files():
    seen = set()
    roots = [BASE_DIR / "cms" / "templates", *sorted(BASE_DIR.glob("*/templates"))]
    for root in roots:
        for path in sorted(root.rglob("*.html")):
            if path not in seen and not SKIPPED_DIR_NAMES.intersection(path.parts):
                seen.add(path)
                yield path


def location(path, text, offset):
    return f"{path.relative_to(BASE_DIR)}:{text.count(chr(10), 0, offset) + 1}"


def template_msgid(literal):
    # Django doubles "%" when it looks a template literal up, and so does makemessages.
    return unescape_string_literal(literal).replace("%", "%%")


def block_msgids(body):
    def as_placeholder(match):
        return f"%({match.group(1)})s"

    texts = re.split(r"\{%\s*plural\s*%\}", body)
    return [TEMPLATE_VARIABLE.sub(as_placeholder, text.replace("%", "%%")) for text in texts]


def marked_strings():
    """(msgctxt, msgid, where) for every interface string the simple scan finds."""
    found = []
    for path in source_files(PYTHON_SOURCE_DIRS, "*.py"):
        text = path.read_text(encoding="utf-8")
        for match in PY_CALL.finditer(text):
            msgid = ast.literal_eval(match.group("literal"))
            found.append((None, msgid, location(path, text, match.start())))
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_TRANSLATE.finditer(text):
            context = TEMPLATE_CONTEXT.search(match.group("options"))
            msgctxt = unescape_string_literal(context.group("literal")) if context else None
            msgid = template_msgid(match.group("literal"))
            found.append((msgctxt, msgid, location(path, text, match.start())))
        for match in TEMPLATE_UNDERSCORE.finditer(text):
            msgid = template_msgid(match.group("literal"))
            found.append((None, msgid, location(path, text, match.start())))
        for match in TEMPLATE_BLOCK.finditer(text):
            options = match.group("options")
            if "trimmed" in options.split() or "context" in options.split():
                continue
            msgid = block_msgids(match.group("body"))[0]
            found.append((None, msgid, location(path, text, match.start())))
    return found


def test_every_interface_string_has_a_german_translation(german):
    untranslated = [entry.msgid for entry in active(german) if not all(translations(entry))]
    assert not untranslated, "German visitors would see English for:\n" + "\n".join(untranslated)


def test_no_german_translation_is_left_fuzzy(german):
    fuzzy = [entry.msgid for entry in active(german) if entry.fuzzy]
    assert not german.metadata_is_fuzzy, "The German catalogue's header is marked fuzzy."
    assert not fuzzy, "gettext ignores fuzzy translations, so these show in English:\n" + "\n".join(
        fuzzy
    )


def test_german_plural_messages_have_both_forms(german):
    incomplete = [
        entry.msgid
        for entry in active(german)
        if entry.msgid_plural and sorted(entry.msgstr_plural) != [0, 1]
    ]
    assert not incomplete, "German plurals need msgstr[0] and msgstr[1]:\n" + "\n".join(incomplete)


def test_german_translations_keep_every_placeholder(german):
    broken = []
    for entry in active(german):
        if "python-format" not in entry.flags:
            continue
        known = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for index, translation in enumerate(translations(entry)):
            # A singular may leave out the number ("Diese Anmeldung"), as its source does.
            source = entry.msgid if index == 0 else entry.msgid_plural
            found = placeholders(translation)
            missing = set(placeholders(source)) - set(found)
            unknown = set(found) - set(known)
            if missing or unknown:
                broken.append(
                    f"{entry.msgid!r} -> {translation!r}: "
                    f"missing {sorted(missing)}, unknown {sorted(unknown)}"
                )
    assert not broken, "Values would be lost or crash the page:\n" + "\n".join(broken)


def test_every_string_marked_in_code_and_templates_is_in_the_german_catalogue(german):
    catalogue = {key(entry): entry for entry in active(german)}
    problems = []
    for msgctxt, msgid, where in marked_strings():
        entry = catalogue.get((msgctxt, msgid))
        if entry is None:
            problems.append(f"{where}: {msgid!r} is not in the catalogue (run `make messages`)")
        elif not all(translations(entry)):
            problems.append(f"{where}: {msgid!r} has no German translation")
    assert not problems, "The German catalogue is out of date:\n" + "\n".join(problems)


def test_the_source_scan_finds_the_interface_strings():
    """Guards the scan itself: an empty result would make the test above pass vacuously."""
    msgids = {msgid for _context, msgid, _where in marked_strings()}
    assert {
        "Skip to main content",
        "Our formats",
        "accessibility statement",
        "This statement was prepared on %(date)s.",
    } <= msgids


def test_english_catalogue_lists_the_same_strings_as_the_german_one(german, english):
    only_german = {key(e) for e in active(german)} - {key(e) for e in active(english)}
    only_english = {key(e) for e in active(english)} - {key(e) for e in active(german)}
    assert not only_german and not only_english, (
        f"Run `make messages`: only in German {sorted(only_german, key=str)}, "
        f"only in English {sorted(only_english, key=str)}"
    )


def test_english_catalogue_falls_back_to_the_source_text(english):
    fuzzy = [entry.msgid for entry in active(english) if entry.fuzzy]
    assert not english.metadata_is_fuzzy, "The English catalogue's header is marked fuzzy."
    assert not fuzzy, "Fuzzy entries in the English catalogue:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("path, language", [(GERMAN_PO, "de"), (ENGLISH_PO, "en")])
def test_catalogues_declare_their_language_charset_and_plural_rule(path, language):
    metadata = load(path).metadata
    assert metadata.get("Language") == language
    assert metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    assert metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
