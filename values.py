"""The checks of single values that come from outside: curated facts, query parameters, command-line options.

Each check matches the whole value (``fullmatch``), never ``re.match`` with
``^…$``: ``$`` also matches before a final newline, so ``"81.03\\n"`` would
pass as a Kemendagri code and end up inside an IRI. Digits are ASCII only
(``\\d`` would take "٨١"). Each check returns the value or raises
``ValueError`` saying what is wrong; the caller adds the file and field.
"""

from __future__ import annotations

import datetime as dt
import re

_KEMENDAGRI_CODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2})?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates (not encodable as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def kemendagri_code(text: str) -> str:
    """``text`` if it is a dotted Kemendagri region code: "63" (a province) or "63.03" (a regency or city)."""
    if not _KEMENDAGRI_CODE.fullmatch(text):
        raise ValueError(f"{text!r:.40} is not a Kemendagri code (two digits, or two digits, a dot and two digits)")
    return text


def iso_date(text: str) -> str:
    """``text`` if it is a real calendar date written ``YYYY-MM-DD`` (not "2021-02-30", not "20210329")."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"{text!r:.40} is not a date written YYYY-MM-DD")
    try:
        dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a calendar date: {exc}") from None
    return text


def variable_name(text: str) -> str:
    """``text`` if it can name a SPARQL variable (``?text``) as lankg's queries and parameters do."""
    if not _VARIABLE.fullmatch(text):
        raise ValueError(f"{text!r:.40} is not a SPARQL variable name")
    return text


def sha256_hex(text: str) -> str:
    """``text`` if it is a SHA-256 digest as 64 lower-case hex digits."""
    if not _SHA256.fullmatch(text):
        raise ValueError(f"{text!r:.80} is not a SHA-256 digest (64 lower-case hex digits)")
    return text


def control_character(text: str) -> str | None:
    """How the first control character or lone surrogate in ``text`` is written (``U+001B``), or None if there is none."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def without_controls(text: str) -> str:
    """``text`` with each control character (tab and line ends kept) replaced by a space, so offsets into it do not move."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def plain_text(text: str) -> str:
    """``text`` if it holds no control character (tab and line ends allowed) and no lone surrogate."""
    bad = control_character(text)
    if bad is not None:
        kind = "a lone surrogate" if 0xD800 <= int(bad[2:], 16) <= 0xDFFF else "a control character"
        raise ValueError(f"contains {kind} ({bad})")
    return text


def bare_file_name(text: str) -> str:
    """``text`` if it is a file name without any folder: no ``/`` or ``\\``, not ``.`` or ``..``, no control character."""
    plain_text(text)
    if "/" in text or "\\" in text or text in (".", "..") or not text.strip():
        raise ValueError(f"{text!r:.60} is not a bare file name (no folders: the article is found among the inputs)")
    return text


def base_iri(text: str) -> str:
    """``text`` if instance IRIs can be minted under it: an absolute IRI (as oxigraph reads IRIs) ending in ``/`` or ``#``."""
    import pyoxigraph as ox  # here, not at the top: the command line imports this module before any RDF library

    try:
        ox.NamedNode(text)
    except ValueError as exc:
        raise ValueError(f"{text!r:.80} is not an absolute IRI: {exc}") from None
    if not text.endswith(("/", "#")):
        raise ValueError(f"{text!r:.80} must end with '/' or '#', so that minted IRIs stay under it")
    return text


#: Characters that a terminal would act on rather than show: C0 controls but tab and line feed, DEL, C1 controls (ESC, CSI, OSC...).
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: each control character (tab and line feed kept) written as its ``\\xNN`` escape.

    Literals come from news articles and facts files; an ESC or OSC sequence
    in one must not recolour, retitle or rewrite the reader's terminal.
    """
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


__all__ = [
    "base_iri", "bare_file_name", "control_character", "iso_date", "kemendagri_code", "plain_text", "printable", "sha256_hex",
    "variable_name", "without_controls",
]
