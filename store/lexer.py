"""The one SPARQL lexer lankg needs: comments, IRIs and strings told apart from the code around them.

Named queries are checked on their code alone (``sparql_code``: which
variables occur, which are projected), and the remote store finds where a
query's WHERE pattern opens (``query_form``), so braces, ``?`` and ``#`` inside
an IRI or a string never count. IRIs are written as the grammar's IRIREF:
no space, control character or ``<>"{}|^`\\`` inside.
"""

from __future__ import annotations

import re

from lankg.errors import QueryError

_SKIPPED = r"""\#[^\n]*|<[^<>"{}|^`\\\x00-\x20]*>|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
#: A comment, an IRI or a string literal.
SKIPPED = re.compile(_SKIPPED, re.DOTALL)
#: What ``query_form`` reads: skipped text, a word, or a brace.
TOKEN = re.compile(rf"(?P<skip>{_SKIPPED})|(?P<word>[A-Za-z]+)|(?P<open>\{{)|(?P<close>\}})", re.DOTALL)


def sparql_code(text: str) -> str:
    """The query with string literals, IRIs and comments blanked out, so what is left is keywords and variables."""
    return SKIPPED.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)


def query_form(sparql: str) -> tuple[str, int]:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) and the offset of the ``{`` opening its WHERE pattern (-1: none).

    Comments, IRIs and strings are skipped, so braces inside them do not count.
    """
    depth, form, previous = 0, "", ""
    for match in TOKEN.finditer(sparql):
        if match.group("skip"):
            continue
        word = match.group("word")
        if word:
            if depth == 0:
                upper = word.upper()
                if not form and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                    form = upper
                previous = upper
            continue
        if match.group("open"):
            if depth == 0 and form and (form != "CONSTRUCT" or previous == "WHERE"):
                return form, match.start()
            depth += 1
            previous = "{"
        else:
            depth -= 1
    if not form:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form, -1
