"""One check for every uploaded file: not too large, of a type the page takes, and with
content that really is that type. A file's name is the uploader's claim; its first bytes say
what it is, so a web page or a program renamed "evidence.pdf" is refused."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError

MB = 1024 * 1024

ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx and the OpenDocument formats are ZIP archives
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Word, Excel and PowerPoint files
TEXT = ()  # no signature: must read as UTF-8 text with no NUL bytes
ISO_MEDIA = "ftyp"  # MP4, M4A and HEIC carry "ftyp" at bytes 4-8

# Extension -> the leading bytes a file of that kind starts with.
SIGNATURES: dict[str, tuple[bytes, ...] | str] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "heic": ISO_MEDIA,
    "rtf": (b"{\\rtf",),
    "docx": ZIP, "xlsx": ZIP, "pptx": ZIP, "odt": ZIP, "ods": ZIP, "odp": ZIP, "zip": ZIP,
    "doc": OLE, "xls": OLE, "ppt": OLE,
    "txt": TEXT, "csv": TEXT,
    "mp4": ISO_MEDIA, "m4a": ISO_MEDIA,
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
}

# What the record pages take as evidence: documents and photos.
DOCUMENTS = frozenset({"pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods",
                       "ppt", "pptx", "odp", "jpg", "jpeg", "png", "gif", "heic"})
CSV = frozenset({"csv"})
DOCUMENTS_HELP = "a document (PDF, Word, Excel, PowerPoint, OpenDocument, text) or a photo"
DOCUMENT_MAX_MB = 20


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _matches(kind: str, head: bytes, whole: Any) -> bool:
    signature = SIGNATURES[kind]
    if signature == ISO_MEDIA:
        return head[4:8] == b"ftyp"
    if signature == TEXT:
        text = _read(whole)
        if b"\x00" in text:
            return False
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return head.startswith(signature)


def _read(file: Any, size: int = -1) -> bytes:
    """Read from the start and rewind, so the file is saved whole afterwards."""
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data


def check_upload(file: Any, *, max_mb: int, types: Collection[str], described: str) -> Any:
    """Refuse (ValidationError) a file larger than max_mb, of a type not in types, or whose
    content is not what its name says. described names the allowed types for the message,
    for example "a document (PDF, Word, Excel, PowerPoint) or a photo"."""
    kind = extension(file.name)
    if kind not in types:
        raise ValidationError(f"{file.name}: files of this type are not taken here. "
                              f"Choose {described}.")
    if file.size > max_mb * MB:
        raise ValidationError(f"{file.name} is larger than {max_mb} MB.")
    if _matches(kind, _read(file, 16), file):
        return file
    if SIGNATURES[kind] == TEXT:
        raise ValidationError(f"{file.name} is not readable text: save it again as UTF-8 text "
                              f"(from a spreadsheet, as 'CSV UTF-8').")
    raise ValidationError(f"{file.name} is not a real .{kind} file: its content is of "
                          f"another kind. Save it again as .{kind} and attach that.")


def check_document(file: Any, max_mb: int = DOCUMENT_MAX_MB) -> Any:
    """Evidence attached to a record: a document or a photo."""
    return check_upload(file, max_mb=max_mb, types=DOCUMENTS, described=DOCUMENTS_HELP)
