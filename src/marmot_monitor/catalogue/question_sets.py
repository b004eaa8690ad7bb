"""Self-assessment question sets shipped as data, and the checked reader of such files.

A question set (TOML) has a ``key``, ``name``, ``description``, a rating ``scale`` (the
labels of ratings 1, 2, 3..., lowest first), one ``[[principle]]`` table per principle
(``number``, ``title``, ``short_name``) and one ``[[question]]`` table per question
(``code``, ``principle``, ``text`` and one ``descriptors`` entry per rating: what that rating
looks like for this question). Two sets ship beside this module: ``marmot`` (the 8 Marmot
Principles) and ``durham-wellbeing`` (County Durham's six wellbeing principles, seed 001).
docs/assessment.md describes every field.

:func:`read_question_set` checks the whole file first: every problem is named with the file,
the table and the field, and the fix; one problem means no set (:class:`QuestionSetError`).
Pure: no Django, no database.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

SHIPPED = {
    "marmot": Path(__file__).with_name("assessment_marmot.toml"),
    "durham-wellbeing": Path(__file__).with_name("assessment_durham.toml"),
}
MAX_BYTES = 1_000_000
MAX_QUESTIONS = 500
SHOWN = 20

UNREADABLE = "{file}: cannot read the question set ({reason}): check the path"
TOO_LARGE = "{file}: the file is over {limit:,} bytes, far more than a question set holds"
NOT_TOML = "{file}: not valid TOML ({error}): correct the syntax there (see docs/assessment.md)"
NOT_LOADED = "{file}: {count} problem(s), so the question set was not loaded:"
MORE = "... and {count} more"
PROBLEM = "{file}, {where}, field {field!r}: {rule}: {fix}"

MISSING = ("is missing", "add {field} = {example}")
WRONG_KIND = ("must be {kind}", "write it as {example}")
EMPTY = ("is empty", "write {example}")
TOO_LONG = ("is {length:,} characters long, more than {limit:,}", "shorten it")
BAD_KEY = (
    "{value!r} is not a usable key",
    'use lower-case letters, digits and "-" (at most 50), e.g. "marmot"',
)
BAD_CODE = ("{value!r} is not a usable code", 'use letters, digits, "-" or "." (at most 20)')
SCALE_SIZE = ("has {count} ratings", "give 2 to 10 labels, lowest first")
NO_PRINCIPLE = ("{value!r} is not a principle of this set", "use one of {choices}")
REPEATED = ("{value!r} is used twice", "give each its own")
DESCRIPTOR_COUNT = (
    "has {count} descriptors for a scale of {scale}",
    "give one descriptor per rating, lowest first",
)
TOO_MANY = ("the set has {count:,} questions", "keep to at most {limit:,}")
UNKNOWN_FIELD = ("is not a field of this table", "remove it (see docs/assessment.md)")
NO_TABLES = ("has no [[{field}]] tables", "add one [[{field}]] table per {field}")

TOP_FIELDS = {"key": 50, "name": 200, "description": 2000}
PRINCIPLE_TEXTS = {"title": 300, "short_name": 80}
QUESTION_TEXTS = {"text": 1000}
DESCRIPTOR_LENGTH = 500
EXAMPLES = {
    "key": '"marmot"',
    "name": '"Marmot Principles self-assessment"',
    "description": '"..."',
    "scale": '["Not yet", "Beginning", "Developing", "Embedded"]',
    "principle": "1",
    "number": "1",
    "title": '"Give every child the best start in life"',
    "short_name": '"Best start in life"',
    "code": '"M1.1"',
    "text": '"Does your work ...?"',
    "descriptors": '["...", "...", "...", "..."]',
}
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,49}")
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,19}")


@dataclass(frozen=True)
class SetPrincipleSpec:
    number: int
    title: str
    short_name: str


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    principle: int
    text: str
    descriptors: tuple[str, ...]


@dataclass(frozen=True)
class QuestionSetSpec:
    """A checked question set, ready to store."""

    key: str
    name: str
    description: str
    scale: tuple[str, ...]
    principles: tuple[SetPrincipleSpec, ...]
    questions: tuple[QuestionSpec, ...]


class QuestionSetError(ValueError):
    """A question set file that cannot be loaded; ``problems`` lists every problem."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        lines = [NOT_LOADED.format(file=file, count=len(problems)), *problems[:SHOWN]]
        if len(problems) > SHOWN:
            lines.append(MORE.format(count=len(problems) - SHOWN))
        super().__init__("\n".join(lines))


def shipped_question_set(key: str) -> QuestionSetSpec:
    """One of the sets shipped with the package, by key (``marmot``, ``durham-wellbeing``)."""
    return read_question_set(SHIPPED[key])


def read_question_set(path: Path, *, name: str | None = None) -> QuestionSetSpec:
    """The question set in the TOML file ``path``, checked whole.

    Raises :class:`QuestionSetError` naming every problem, with where it is and the fix.
    """
    file = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise QuestionSetError(file, [TOO_LARGE.format(file=file, limit=MAX_BYTES)])
        content = path.read_bytes()
    except OSError as error:
        raise QuestionSetError(
            file, [UNREADABLE.format(file=file, reason=error.strerror or error)]
        ) from None
    return parse_question_set(content, file=file)


def parse_question_set(content: bytes, *, file: str) -> QuestionSetSpec:
    """The question set in ``content`` (TOML bytes); see :func:`read_question_set`."""
    if len(content) > MAX_BYTES:
        raise QuestionSetError(file, [TOO_LARGE.format(file=file, limit=MAX_BYTES)])
    try:
        data = tomllib.loads(content.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise QuestionSetError(file, [NOT_TOML.format(file=file, error=error)]) from None
    checker = _Checker(file)
    spec = checker.question_set(data)
    if checker.problems:
        raise QuestionSetError(file, checker.problems)
    return spec


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def add(self, where: str, field: str, problem: tuple[str, str], **values) -> None:
        rule, fix = problem
        self.problems.append(
            PROBLEM.format(
                file=self.file,
                where=where,
                field=field,
                rule=rule.format(field=field, **values),
                fix=fix.format(field=field, example=EXAMPLES.get(field, '"..."'), **values),
            )
        )

    def text(self, table: dict, where: str, field: str, limit: int) -> str:
        value = table.get(field)
        if value is None:
            self.add(where, field, MISSING)
            return ""
        if not isinstance(value, str):
            self.add(where, field, WRONG_KIND, kind="text")
            return ""
        value = value.strip()
        if not value:
            self.add(where, field, EMPTY)
        elif len(value) > limit:
            self.add(where, field, TOO_LONG, length=len(value), limit=limit)
        return value

    def number(self, table: dict, where: str, field: str) -> int:
        value = table.get(field)
        if value is None:
            self.add(where, field, MISSING)
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(where, field, WRONG_KIND, kind="a whole number above 0")
            return 0
        return value

    def unknown(self, table: dict, where: str, known) -> None:
        for field in table:
            if field not in known:
                self.add(where, field, UNKNOWN_FIELD)

    def tables(self, data: dict, field: str) -> list[dict]:
        value = data.get(field)
        if not value:
            self.add("the file", field, NO_TABLES)
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.add("the file", field, WRONG_KIND, kind=f"[[{field}]] tables")
            return []
        return value

    def question_set(self, data: dict) -> QuestionSetSpec:
        where = "the file"
        self.unknown(data, where, {*TOP_FIELDS, "scale", "principle", "question"})
        texts = {field: self.text(data, where, field, limit) for field, limit in TOP_FIELDS.items()}
        if texts["key"] and not KEY_PATTERN.fullmatch(texts["key"]):
            self.add(where, "key", BAD_KEY, value=texts["key"])
        scale = self.scale(data.get("scale"))
        principles = self.principles(self.tables(data, "principle"))
        questions = self.questions(self.tables(data, "question"), principles, len(scale))
        return QuestionSetSpec(
            key=texts["key"],
            name=texts["name"],
            description=texts["description"],
            scale=scale,
            principles=tuple(principles.values()),
            questions=tuple(questions),
        )

    def scale(self, value) -> tuple[str, ...]:
        if value is None:
            self.add("the file", "scale", MISSING)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add("the file", "scale", WRONG_KIND, kind="a list of labels")
            return ()
        if not 2 <= len(value) <= 10:
            self.add("the file", "scale", SCALE_SIZE, count=len(value))
        return tuple(label.strip() for label in value)

    def principles(self, tables: list[dict]) -> dict[int, SetPrincipleSpec]:
        found: dict[int, SetPrincipleSpec] = {}
        for index, table in enumerate(tables, start=1):
            where = f"principle {index}"
            self.unknown(table, where, {"number", *PRINCIPLE_TEXTS})
            number = self.number(table, where, "number")
            texts = {f: self.text(table, where, f, limit) for f, limit in PRINCIPLE_TEXTS.items()}
            if number in found:
                self.add(where, "number", REPEATED, value=number)
            elif number:
                found[number] = SetPrincipleSpec(number, texts["title"], texts["short_name"])
        return dict(sorted(found.items()))

    def questions(
        self, tables: list[dict], principles: dict[int, SetPrincipleSpec], scale: int
    ) -> list[QuestionSpec]:
        if len(tables) > MAX_QUESTIONS:
            self.add("the file", "question", TOO_MANY, count=len(tables), limit=MAX_QUESTIONS)
            return []
        questions, codes = [], set()
        choices = ", ".join(str(n) for n in principles) or "the numbers of [[principle]] tables"
        for index, table in enumerate(tables, start=1):
            where = f"question {index} ({table.get('code', 'no code')})"
            self.unknown(table, where, {"code", "principle", "descriptors", *QUESTION_TEXTS})
            code = self.text(table, where, "code", 20)
            if code and not CODE_PATTERN.fullmatch(code):
                self.add(where, "code", BAD_CODE, value=code)
            elif code in codes:
                self.add(where, "code", REPEATED, value=code)
            codes.add(code)
            principle = self.number(table, where, "principle")
            if principle and principle not in principles:
                self.add(where, "principle", NO_PRINCIPLE, value=principle, choices=choices)
            text = self.text(table, where, "text", QUESTION_TEXTS["text"])
            descriptors = self.descriptors(table, where, scale)
            questions.append(QuestionSpec(code, principle, text, descriptors))
        return questions

    def descriptors(self, table: dict, where: str, scale: int) -> tuple[str, ...]:
        value = table.get("descriptors")
        if value is None:
            self.add(where, "descriptors", MISSING)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(where, "descriptors", WRONG_KIND, kind="a list of texts")
            return ()
        if scale and len(value) != scale:
            self.add(where, "descriptors", DESCRIPTOR_COUNT, count=len(value), scale=scale)
        if any(len(v) > DESCRIPTOR_LENGTH for v in value):
            longest = max(len(v) for v in value)
            self.add(where, "descriptors", TOO_LONG, length=longest, limit=DESCRIPTOR_LENGTH)
        return tuple(v.strip() for v in value)
