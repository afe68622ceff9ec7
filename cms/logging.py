"""Log records as one JSON object per line, stripped of personal data (DSGVO).

The filter makes a record safe: it renders the message with its arguments and replaces
e-mail addresses, IP addresses, query strings and database key values; it scrubs the
traceback the same way; and it replaces the request object by method and path, so nothing
that serialises the record later can reach cookies, headers, the body or the user. The
formatter only writes the fields listed in it, never arbitrary `extra` attributes.
"""

import ipaddress
import json
import logging
import re
from datetime import UTC, datetime

from django.http import HttpRequest

EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")
# Everything after "?" in a path or URL: search terms, tokens and form values end up there.
QUERY_STRING = re.compile(r"(?<=[\w/.-])\?[^\s\"'<>]+")
# PostgreSQL reports the offending value of a unique index, e.g. "Key (email)=(…)".
KEY_VALUE = re.compile(r"(Key \([^)]*\)=\()[^)]*\)")
# Candidates only: ipaddress decides, so times like 12:30:45 and version numbers survive.
IP_CANDIDATE = re.compile(
    r"(?<![\w:.])(?:\d{1,3}(?:\.\d{1,3}){3}(?!\d)|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*)"
)


def _ip_or_text(match):
    try:
        ipaddress.ip_address(match.group())
    except ValueError:
        return match.group()
    return "[ip]"


def scrub(text):
    text = QUERY_STRING.sub("", text)
    text = EMAIL.sub("[email]", text)
    text = KEY_VALUE.sub(r"\1[value])", text)
    return IP_CANDIDATE.sub(_ip_or_text, text)


class RemovePersonalData(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed logging call must not break its caller; the template alone is kept,
            # since personal data arrives in the arguments.
            message = str(record.msg)
        record.msg, record.args = scrub(message), ()
        if record.exc_info and record.exc_info[0] and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            record.http_method, record.http_path = request.method, scrub(request.path)
        record.request = None
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field, attribute in [
            ("status_code", "status_code"),
            ("method", "http_method"),
            ("path", "http_path"),
        ]:
            if hasattr(record, attribute):
                entry[field] = getattr(record, attribute)
        if record.exc_info and record.exc_info[0]:
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
