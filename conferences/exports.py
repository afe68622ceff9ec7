"""Registrations as tables and files: one column layout for the admin list and the CSV and XLSX
downloads, so organisers see the same headings wherever they look, and everything stored about
one person, registrations and form submissions, for a data-subject request (DSGVO Art. 15)."""

import csv
import datetime
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .answers import display_value, question_columns
from .models import RegistrationStatus

CSV = "csv"
XLSX = "xlsx"
JSON = "json"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JSON: "application/json",
}
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens a double-clicked CSV with the system's list separator, which is ";" in German.
CSV_DELIMITER = ";"
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_MAX_SHEET_TITLE = 31


def in_project_time(value):
    """Registrations are shown in the project's time zone (Europe/Berlin), whatever time zone
    the admin user chose for the rest of the admin."""
    return timezone.localtime(value, timezone.get_default_timezone())


class RegistrationTable:
    """The columns of an event's registrations; the editor's questions sit between the fixed
    columns, labelled in `language` where the event is translated."""

    def __init__(self, event_key, language):
        self.questions = question_columns(event_key, language)

    @property
    def headings(self):
        return [
            _("Registered at"),
            _("Status"),
            _("Language"),
            _("Email"),
            *(label for _key, label in self.questions),
            _("Consent given at"),
            _("Privacy policy version"),
        ]

    def row(self, registration):
        return [
            in_project_time(registration.created_at),
            registration.get_status_display(),
            registration.language,
            registration.email,
            *(display_value(registration.form_data.get(key)) for key, _label in self.questions),
            in_project_time(registration.consent_at),
            registration.privacy_policy_version,
        ]


def csv_cell(value):
    if isinstance(value, datetime.datetime):
        return value.strftime(CSV_DATETIME_FORMAT)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def to_csv(headings, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow([csv_cell(heading) for heading in headings])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    # The byte order mark tells Excel the file is UTF-8; without it umlauts come out garbled.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_cell(sheet, value):
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, timezone.make_naive(value, value.tzinfo))
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    # XML parsers read every CR as LF, and LF is how a spreadsheet cell breaks lines, so the file
    # holds what Excel shows. XML cannot carry other control characters: the replacement mark
    # shows where one was. The CSV keeps both exactly as typed.
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))
    # openpyxl stores text beginning with "=" as a formula; people's answers are never one.
    cell.data_type = "s"
    return cell


def to_xlsx(headings, rows, sheet_title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:XLSX_MAX_SHEET_TITLE])
    sheet.append([xlsx_cell(sheet, heading) for heading in headings])
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def labelled_answers(form_data, labels):
    """Answers to questions removed since are included under their key."""
    return [
        {"question": labels.get(key, key), "key": key, "answer": value}
        for key, value in form_data.items()
    ]


def answers_text(answers):
    return "\n".join(
        f"{answer['question']}: {display_value(answer['answer'])}" for answer in answers
    )


def subject_records(registrations, event_titles):
    """Everything stored about a person's registrations, questions labelled in the language
    they registered in."""
    labels = {}
    records = []
    for registration in registrations:
        lookup = (registration.event_key, registration.language)
        if lookup not in labels:
            labels[lookup] = dict(question_columns(*lookup))
        records.append(
            {
                "event": event_titles.get(registration.event_key, ""),
                "event_key": str(registration.event_key),
                "registered_at": in_project_time(registration.created_at),
                "status": registration.status,
                "status_changed_at": in_project_time(registration.status_changed_at),
                "language": registration.language,
                "email": registration.email,
                "answers": labelled_answers(registration.form_data, labels[lookup]),
                "consent_given_at": in_project_time(registration.consent_at),
                "privacy_policy_version": registration.privacy_policy_version,
                "emails": [
                    {
                        "kind": message.kind,
                        "queued_at": in_project_time(message.created_at),
                        "sent_at": message.sent_at and in_project_time(message.sent_at),
                    }
                    for message in registration.messages.all()
                ],
            }
        )
    return records


def submission_records(submissions):
    """A person's form submissions as (submission, form page, labels of its fields), questions
    labelled in the language of the page they used."""
    return [
        {
            "form": page.title,
            "submitted_at": in_project_time(submission.submit_time),
            "language": page.locale.language_code,
            "answers": labelled_answers(submission.form_data, labels),
        }
        for submission, page, labels in submissions
    ]


def subject_json(registrations, submissions):
    return json.dumps(
        {"registrations": registrations, "form_submissions": submissions},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")


def subject_csv(registrations, submissions):
    """Registrations and form submissions in one table, so the person reads one file; columns
    a form submission does not have stay empty (its consent is among its answers)."""
    headings = [
        _("Record"),
        _("Event or form"),
        _("Received at"),
        _("Status"),
        _("Language"),
        _("Email"),
        _("Answers"),
        _("Consent given at"),
        _("Privacy policy version"),
    ]
    rows = [
        [
            _("Event registration"),
            record["event"],
            record["registered_at"],
            RegistrationStatus(record["status"]).label,
            record["language"],
            record["email"],
            answers_text(record["answers"]),
            record["consent_given_at"],
            record["privacy_policy_version"],
        ]
        for record in registrations
    ]
    rows += [
        [
            _("Form submission"),
            record["form"],
            record["submitted_at"],
            "",
            record["language"],
            "",
            answers_text(record["answers"]),
            "",
            "",
        ]
        for record in submissions
    ]
    return to_csv(headings, rows)
