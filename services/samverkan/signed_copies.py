"""The signed copy of an agreement: what may be stored and how it is served.

A file is accepted by what it is, not by its name: its first bytes must be those of a PDF, a PNG or a
JPEG, or it must be a DOCX (a ZIP holding `word/document.xml`), and it may be at most `MAX_BYTES`. The
stored content type comes from that check, never from the browser, and the file is only ever offered as
a download (an attachment), so nothing in it is run or shown as a page.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from services.shared.errors import ValidationError

MAX_BYTES = 10 * 1024 * 1024
KINDS: dict[str, tuple[str, str]] = {  # kind -> (content type, file extension)
    "pdf": ("application/pdf", ".pdf"),
    "png": ("image/png", ".png"),
    "jpeg": ("image/jpeg", ".jpg"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
}


@dataclass(frozen=True)
class Checked:
    filename: str
    content_type: str


def kind_of(data: bytes) -> str | None:
    """Which allowed kind the bytes are, by their content; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def safe_filename(name: str | None, extension: str) -> str:
    """A plain file name for the download: letters, digits, a few marks; the extension of the kind found."""
    stem = unicodedata.normalize("NFC", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._")[:120] or "avtal"
    return f"{stem}{extension}"


def check(name: str | None, data: bytes) -> Checked:
    """The file's safe name and content type, or `ValidationError` (field "file") saying what is wrong."""
    if not data:
        raise ValidationError.single("file", "errors.required")
    if len(data) > MAX_BYTES:
        raise ValidationError.single("file", "samverkan.file_too_large", mb=MAX_BYTES // (1024 * 1024))
    kind = kind_of(data)
    if kind is None:
        raise ValidationError.single("file", "samverkan.file_type_refused")
    content_type, extension = KINDS[kind]
    return Checked(safe_filename(name, extension), content_type)
