"""Every upload is checked by what it contains, not only by its name: a web page or a program
renamed "evidence.pdf" is refused, as is a file over the page's size limit."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from appeals.adjustments.forms import ConsiderationForm
from appeals.malpractice.forms import EvidenceForm
from assessment.forms import SubmitForm
from assessment.models import Submission
from qmr.meetings.forms import CloseActionForm
from qmr.review.forms import AttachForm, CloseForm
from qmr.staff.forms import JobDescriptionForm, QualificationForm, TrainingForm
from registrations.forms import CsvUploadForm
from tests.qmr.test_permission_matrix import Target

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
NOT_REAL = "evidence.pdf is not a real .pdf file"

# Every form that takes a file, with the name of its file field.
FORMS = [(SubmitForm, "files", {}), (CsvUploadForm, "file", {}),
         (CloseActionForm, "file", {}), (JobDescriptionForm, "file", {}),
         (QualificationForm, "evidence", {}), (TrainingForm, "evidence", {}),
         (AttachForm, "file", {}), (CloseForm, "file", {}), (EvidenceForm, "file", {}),
         (ConsiderationForm, "evidence", {"programme": None})]


def _errors(form_class: Any, field: str, kwargs: dict, name: str, content: bytes) -> list:
    form = form_class({}, {field: SimpleUploadedFile(name, content)}, **kwargs)
    form.is_valid()
    return form.errors.get(field, [])


@pytest.mark.django_db
@pytest.mark.parametrize("form_class,field,kwargs", FORMS)
@pytest.mark.parametrize("content", [HTML, EXE], ids=["html", "exe"])
def test_a_disguised_file_is_refused_by_every_upload_form(form_class: Any, field: str,
                                                          kwargs: dict, content: bytes) -> None:
    if form_class is CsvUploadForm:
        errors = _errors(form_class, field, kwargs, "evidence.csv", content)
        # An HTML page is readable text: the import then finds no columns it knows.
        assert errors == ([] if content is HTML else [
            "evidence.csv is not readable text: save it again as UTF-8 text (from a "
            "spreadsheet, as 'CSV UTF-8')."])
    else:
        assert _errors(form_class, field, kwargs, "evidence.pdf", content) == [
            f"{NOT_REAL}: its content is of another kind. Save it again as .pdf and attach "
            f"that."]


@pytest.mark.django_db
@pytest.mark.parametrize("form_class,field,kwargs",
                         [f for f in FORMS if f[0] is not CsvUploadForm])
def test_a_real_pdf_is_taken_by_every_upload_form(form_class: Any, field: str,
                                                  kwargs: dict) -> None:
    assert _errors(form_class, field, kwargs, "evidence.pdf", PDF) == []


@pytest.mark.django_db
@pytest.mark.parametrize("form_class,field,kwargs,limit", [
    (SubmitForm, "files", {}, 25), (CsvUploadForm, "file", {}, 5),
    (CloseActionForm, "file", {}, 20), (AttachForm, "file", {}, 20),
    (EvidenceForm, "file", {}, 20), (ConsiderationForm, "evidence", {"programme": None}, 25)])
def test_a_file_over_the_limit_is_refused(form_class: Any, field: str, kwargs: dict,
                                          limit: int) -> None:
    name = "big.csv" if form_class is CsvUploadForm else "big.pdf"
    content = (b"a,b\n" if form_class is CsvUploadForm else PDF).ljust(limit * 1024 * 1024 + 1)
    assert _errors(form_class, field, kwargs, name, content) == [
        f"{name} is larger than {limit} MB."]


@pytest.mark.parametrize("name,content", [
    ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00"), ("letter.doc", bytes.fromhex(
        "d0cf11e0a1b11ae1") + b"\x00" * 8), ("photo.png", b"\x89PNG\r\n\x1a\n\x00"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"), ("notes.txt", "Café notes\n".encode())])
def test_documents_of_each_kind_are_taken(name: str, content: bytes) -> None:
    assert _errors(CloseActionForm, "file", {}, name, content) == []


@pytest.mark.parametrize("name,content,message", [
    ("notes.txt", b"notes\x00\x00", "notes.txt is not readable text"),
    ("notes.txt", b"\xff\xfe n\x00o\x00", "notes.txt is not readable text"),
    ("letter.docx", b"%PDF-1.4", "letter.docx is not a real .docx file"),
    ("page.html", HTML, "page.html: files of this type are not taken here. Choose a document"),
    ("setup.exe", EXE, "setup.exe: files of this type are not taken here. Choose a document")])
def test_other_content_is_refused(name: str, content: bytes, message: str) -> None:
    errors = _errors(CloseActionForm, "file", {}, name, content)
    assert len(errors) == 1 and errors[0].startswith(message)


@pytest.mark.django_db
def test_a_learner_handing_in_a_disguised_file_is_told_and_nothing_is_kept(client: Any,
                                                                           world: Any) -> None:
    target = Target(world, "own")
    before = Submission.objects.count()
    client.force_login(world["learner"])
    upload = SimpleUploadedFile("evidence.pdf", EXE, content_type="application/pdf")
    response = client.post(reverse("assessment:hand-in", kwargs={"issue_pk": target.issue.pk}),
                           {"files": upload, "declaration": "on"}, follow=True)
    assert NOT_REAL in response.content.decode()
    assert Submission.objects.count() == before
