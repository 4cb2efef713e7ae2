"""The expression language of validation rules: arithmetic on indicator codes, nothing else.

    [3.3.1] = [3.3.1.a] + [3.3.1.b] + [3.3.1.c] + [3.3.1.d]
    ROUND([1.1.b] / [1.1.a] * 100, 1)
    SUM([tthc:*:received]) = [tthc:tong-cong:received]

- Numbers are written the Vietnamese way ("1.377.189.270", "81,95"); a comma directly between
  digits is a decimal comma, so arguments are separated by ", " (comma and space) or ";".
- ``[code]`` is an indicator of the template; ``[table:row:column]`` a cell of a table by field,
  where ``*`` stands for every row (except the total row) or every column, inside SUM, MIN, MAX.
- Functions: SUM, SUM_CHILDREN([code]) (the rows directly under a row), ROUND(x, n), ABS, MIN,
  MAX. Names are case-insensitive; TONG, TONG_CON, LAM_TRON, TRI_TUYET_DOI are aliases.

The text is tokenized and parsed by hand (recursive descent): no ``eval``, no Python ``ast``, so
a rule can only ever compute numbers. Values are exact decimals; a blank is ``None`` and the
rule's missing-value strategy decides what it means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from core.errors import DomainError
from core.numbers import NumberOutOfBounds, parse_number

MAX_LENGTH = 500
MAX_DEPTH = 40

MSG_AT = "Lỗi ở ký tự thứ {column}: {message}"
MSG_EMPTY = "Biểu thức đang để trống."
MSG_TOO_LONG = "Biểu thức dài quá {limit} ký tự."
MSG_UNEXPECTED_CHAR = "ký tự “{char}” không được dùng trong biểu thức."
MSG_UNCLOSED_REF = "thiếu dấu “]” đóng tham chiếu."
MSG_EMPTY_REF = "tham chiếu “[]” để trống."
MSG_BAD_REF = (
    "tham chiếu “[{text}]” không hợp lệ: viết [mã chỉ tiêu] như [3.3.1], hoặc "
    "[bảng:dòng:cột] như [tthc:tong-cong:received]."
)
MSG_BAD_NUMBER = "“{text}” không phải là một số."
MSG_UNKNOWN_NAME = (
    "“{name}” không phải là hàm được phép (SUM, SUM_CHILDREN, ROUND, ABS, MIN, MAX); "
    "chỉ tiêu phải đặt trong ngoặc vuông, ví dụ [3.3.1]."
)
MSG_CALL_EXPECTED = "sau tên hàm {name} phải có dấu “(”."
MSG_UNEXPECTED_END = "biểu thức kết thúc giữa chừng."
MSG_UNEXPECTED_TOKEN = "không mong đợi “{text}” ở đây."
MSG_CLOSE_PAREN = "thiếu dấu “)”."
MSG_TOO_DEEP = "quá nhiều ngoặc lồng nhau."
MSG_ARITY = "hàm {name} cần {expected}."
MSG_CHILDREN_ARG = "SUM_CHILDREN cần đúng một chỉ tiêu, ví dụ SUM_CHILDREN([3.3.1])."
MSG_WILDCARD_PLACE = "dấu * trong tham chiếu bảng chỉ dùng được bên trong SUM, MIN hoặc MAX."

_REF_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
_REF_PART = re.compile(r"^(\*|[0-9A-Za-z][0-9A-Za-z._-]*)$")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

ALIASES = {
    "TONG": "SUM",
    "TONG_CON": "SUM_CHILDREN",
    "LAM_TRON": "ROUND",
    "TRI_TUYET_DOI": "ABS",
}
FUNCTIONS = {"SUM", "SUM_CHILDREN", "ROUND", "ABS", "MIN", "MAX"}
AGGREGATES = {"SUM", "MIN", "MAX"}


class ParseError(DomainError, ValueError):
    """A syntax error, with the (0-based) position of the offending character."""

    def __init__(self, message: str, position: int) -> None:
        self.detail = message
        self.position = position
        super().__init__(MSG_AT.format(column=position + 1, message=message))


# Tokens ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "ref", "name", "op", "(", ")", ",", "end"
    text: str
    position: int
    value: Decimal | None = None


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ParseError(MSG_TOO_LONG.format(limit=MAX_LENGTH), MAX_LENGTH)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "[":
            end = text.find("]", i + 1)
            if end == -1:
                raise ParseError(MSG_UNCLOSED_REF, i)
            tokens.append(Token("ref", text[i + 1 : end], i))
            i = end + 1
        elif char in "0123456789":
            match = _NUMBER.match(text, i)
            assert match is not None
            raw = match.group(0)
            try:
                number = parse_number(raw)
            except NumberOutOfBounds as error:  # a figure compared with it never exceeds it
                raise ParseError(error.message, i) from None
            except ValueError:
                number = None
            if number is None:
                raise ParseError(MSG_BAD_NUMBER.format(text=raw), i)
            tokens.append(Token("number", raw, i, number))
            i = match.end()
        elif char.isalpha() or char == "_":
            match = _NAME.match(text, i)
            if match is None:  # a letter outside ASCII ("ố"): not part of any name
                raise ParseError(MSG_UNEXPECTED_CHAR.format(char=char), i)
            name = match.group(0)
            # Names are function names and nothing else: refused where they stand.
            if ALIASES.get(name.upper(), name.upper()) not in FUNCTIONS:
                raise ParseError(MSG_UNKNOWN_NAME.format(name=name), i)
            tokens.append(Token("name", name, i))
            i = match.end()
        elif char in "+-*/":
            tokens.append(Token("op", char, i))
            i += 1
        elif char in "()":
            tokens.append(Token(char, char, i))
            i += 1
        elif char in ",;":
            tokens.append(Token(",", char, i))
            i += 1
        else:
            raise ParseError(MSG_UNEXPECTED_CHAR.format(char=char), i)
    tokens.append(Token("end", "", len(text)))
    return tokens


# Syntax tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A reference: an indicator (``code``) or a table cell (``table``, ``row``, ``column``)."""

    code: str
    position: int = field(default=0, compare=False)
    table: str = ""
    row: str = ""
    column: str = ""

    @property
    def is_cell(self) -> bool:
        return bool(self.table)

    @property
    def is_wildcard(self) -> bool:
        return self.row == "*" or self.column == "*"

    def __str__(self) -> str:
        return f"[{self.code}]"


@dataclass(frozen=True)
class Number:
    value: Decimal


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]
    position: int = field(default=0, compare=False)


Node = Number | Ref | Negate | Binary | Call


@dataclass(frozen=True)
class Expression:
    text: str
    root: Node

    def references(self) -> tuple[Ref, ...]:
        found: list[Ref] = []
        _collect_refs(self.root, found)
        return tuple(found)

    def codes(self) -> tuple[str, ...]:
        """Every code referenced, in order, once (cells as "table:row:column")."""
        seen: dict[str, None] = {}
        for ref in self.references():
            seen.setdefault(ref.code, None)
        return tuple(seen)


def _collect_refs(node: Node, found: list[Ref]) -> None:
    if isinstance(node, Ref):
        found.append(node)
    elif isinstance(node, Negate):
        _collect_refs(node.operand, found)
    elif isinstance(node, Binary):
        _collect_refs(node.left, found)
        _collect_refs(node.right, found)
    elif isinstance(node, Call):
        for arg in node.args:
            _collect_refs(arg, found)


# Parser ------------------------------------------------------------------------------------


class _Parser:
    """expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | primary
    primary    := number | ref | name "(" arguments ")" | "(" expression ")"
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ParseError(MSG_EMPTY, 0)
        node = self.expression()
        if self.current.kind != "end":
            raise self.unexpected()
        return node

    def unexpected(self) -> ParseError:
        token = self.current
        if token.kind == "end":
            return ParseError(MSG_UNEXPECTED_END, token.position)
        return ParseError(MSG_UNEXPECTED_TOKEN.format(text=token.text), token.position)

    def expression(self) -> Node:
        node = self.term()
        while self.current.kind == "op" and self.current.text in "+-":
            token = self.advance()
            node = Binary(token.text, node, self.term(), token.position)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.current.kind == "op" and self.current.text in "*/":
            token = self.advance()
            node = Binary(token.text, node, self.unary(), token.position)
        return node

    def unary(self) -> Node:
        token = self.current
        if token.kind == "op" and token.text in "+-":
            self.advance()
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return Negate(operand) if token.text == "-" else operand
        return self.primary()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(MSG_TOO_DEEP, token.position)

    def primary(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            assert token.value is not None
            return Number(token.value)
        if token.kind == "ref":
            self.advance()
            return parse_ref(token.text, token.position)
        if token.kind == "name":
            return self.call()
        if token.kind == "(":
            self.advance()
            self.enter(token)
            node = self.expression()
            self.depth -= 1
            if self.current.kind != ")":
                raise ParseError(MSG_CLOSE_PAREN, self.current.position)
            self.advance()
            return node
        raise self.unexpected()

    def call(self) -> Node:
        token = self.advance()
        name = ALIASES.get(token.text.upper(), token.text.upper())
        if name not in FUNCTIONS:
            raise ParseError(MSG_UNKNOWN_NAME.format(name=token.text), token.position)
        if self.current.kind != "(":
            raise ParseError(MSG_CALL_EXPECTED.format(name=name), self.current.position)
        self.enter(self.advance())
        args: list[Node] = []
        if self.current.kind != ")":
            args.append(self.expression())
            while self.current.kind == ",":
                self.advance()
                args.append(self.expression())
        self.depth -= 1
        if self.current.kind != ")":
            raise ParseError(MSG_CLOSE_PAREN, self.current.position)
        self.advance()
        node = Call(name, tuple(args), token.position)
        _check_call(node)
        return node


def _check_call(node: Call) -> None:
    count = len(node.args)
    if node.name in AGGREGATES and count < 1:
        raise ParseError(
            MSG_ARITY.format(name=node.name, expected="ít nhất 1 đối số"), node.position
        )
    if node.name == "ABS" and count != 1:
        raise ParseError(MSG_ARITY.format(name=node.name, expected="đúng 1 đối số"), node.position)
    if node.name == "ROUND" and count not in (1, 2):
        raise ParseError(
            MSG_ARITY.format(name=node.name, expected="1 hoặc 2 đối số: ROUND(x, n)"),
            node.position,
        )
    if node.name == "SUM_CHILDREN" and (
        count != 1 or not isinstance(node.args[0], Ref) or node.args[0].is_cell
    ):
        raise ParseError(MSG_CHILDREN_ARG, node.position)
    for arg in node.args:
        if isinstance(arg, Ref) and arg.is_wildcard and node.name not in AGGREGATES:
            raise ParseError(MSG_WILDCARD_PLACE, arg.position)
        _check_no_bare_wildcard(arg, top=True)


def _check_no_bare_wildcard(node: Node, *, top: bool = False) -> None:
    """A wildcard stands for many cells: only an aggregate's direct argument may be one."""
    if isinstance(node, Ref):
        if node.is_wildcard and not top:
            raise ParseError(MSG_WILDCARD_PLACE, node.position)
    elif isinstance(node, Negate):
        _check_no_bare_wildcard(node.operand)
    elif isinstance(node, Binary):
        _check_no_bare_wildcard(node.left)
        _check_no_bare_wildcard(node.right)


def parse_ref(text: str, position: int) -> Ref:
    inner = text.strip()
    if not inner:
        raise ParseError(MSG_EMPTY_REF, position)
    if ":" in inner:
        parts = [part.strip() for part in inner.split(":")]
        if (
            len(parts) != 3
            or not _REF_CODE.match(parts[0])
            or not all(_REF_PART.match(part) for part in parts[1:])
        ):
            raise ParseError(MSG_BAD_REF.format(text=inner), position)
        table, row, column = parts
        return Ref(f"{table}:{row}:{column}", position, table, row, column)
    if not _REF_CODE.match(inner):
        raise ParseError(MSG_BAD_REF.format(text=inner), position)
    return Ref(inner.rstrip("."), position)


@lru_cache(maxsize=1024)
def parse(text: str) -> Expression:
    """The expression ``text`` means; raises ParseError (Vietnamese message, position)."""
    parser = _Parser(text)
    root = parser.parse()
    _check_no_bare_wildcard(root, top=False)
    return Expression(text, root)
