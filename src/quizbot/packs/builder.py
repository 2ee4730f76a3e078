"""Building the model from a tree of values with places, reporting every problem at its place.

The tree is read through one small interface, the nodes of ``packs.nodes``: mappings,
lists and scalars, each knowing where it starts. The YAML reader (``packs.yamlsafe``)
makes them from a pack file; the importers make them from their own files' lines
(``packs.tree``). Every check of the pack format lives here, so a pack is held to the
same rules however it was written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import yaml

from quizbot.lexicon import units
from quizbot.packs import cloze
from quizbot.packs.model import (
    QUESTION_TYPES,
    Fact,
    Gap,
    GradingTests,
    Pack,
    Place,
    Question,
    QuestionType,
    Reject,
    Source,
    Tolerance,
    Topic,
)
from quizbot.packs.nodes import YAML
from quizbot.packs.problems import Problem
from quizbot.packs.schema import (
    DIFFICULTY_RANGE,
    FACT,
    FACT_KEYS,
    FACT_REQUIRED,
    ID_PATTERN,
    PACK,
    PACK_KEYS,
    PACK_REQUIRED,
    QUESTION,
    QUESTION_KEYS,
    QUESTION_REQUIRED,
    REJECT,
    REJECT_KEYS,
    REJECT_REQUIRED,
    SOURCE,
    SOURCE_KEYS,
    SOURCE_REQUIRED,
    TESTS,
    TESTS_KEYS,
    TOPIC,
    TOPIC_KEYS,
    TOPIC_REQUIRED,
    TYPE_SYNONYMS,
    UNITS,
)
from quizbot.packs.yamlsafe import place_of
from quizbot.safetext import describe, forbidden_character

T = TypeVar("T")
# Tags as the composer gives them, spelt out once: they are compared for every scalar.
NULL, INT, BOOL = YAML + "null", YAML + "int", YAML + "bool"
Fields = dict[str, yaml.Node]


def build_pack(root: yaml.Node, file: str) -> tuple[Pack | None, list[Problem]]:
    """The pack a tree describes and every problem in it, in the order of the file.

    ``file`` names the file the places are in. The pack is None when any problem is found.
    """
    builder = PackBuilder(file)  # never deeper than the composer's depth limit
    pack = builder.build(root)
    problems = sorted(builder.problems, key=lambda p: (p.place.line, p.place.column))
    return (pack if not problems else None), problems


def nearest(word: str, known: Sequence[str]) -> str | None:
    """The known word closest to a misspelt one, if any is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=60)
    return best[0] if best is not None else None


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest known word, or a list of them."""
    best = nearest(word, known)
    if best is not None:
        return f" (did you mean {best!r}?)"
    return f" (known: {', '.join(known)})"


class PackBuilder:
    """Walks the YAML nodes of one file, building the model and noting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.source_ids: dict[str, Place] = {}
        self.topic_ids: dict[str, Place] = {}
        self.fact_ids: dict[str, Place] = {}
        self.pack_id = ""  # given to every question as it is built

    # -- reporting and reading nodes -------------------------------------------------

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(place_of(self.file, node), message))

    def place(self, node: yaml.Node) -> Place:
        return place_of(self.file, node)

    def fields(
        self, node: yaml.Node, what: str, known: Sequence[str], required: Sequence[str] = ()
    ) -> Fields | None:
        """A mapping's fields by key; unknown, duplicate and missing keys reported."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values, not {_kind(node)}")
            return None
        found: Fields = {}
        misspelt: set[str | None] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"a key in {what} must be a plain word")
                continue
            key = str(key_node.value)
            if key in found:
                self.problem(key_node, f"key {key!r} appears twice in {what} (keep one)")
            elif key not in known:
                self.problem(key_node, f"unknown key {key!r} in {what}{did_you_mean(key, known)}")
                misspelt.add(nearest(key, known))
            else:
                found[key] = value_node
        for key in required:
            # A misspelt key already says "did you mean"; its absence needs no second line.
            if key not in found and key not in misspelt:
                self.problem(node, f"{what} has no {key!r} (it is required)")
        return found

    def text(self, node: yaml.Node | None, what: str, *, allow_empty: bool = False) -> str | None:
        """A scalar as the author wrote it (``70.40`` stays ``70.40``)."""
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            self.problem(
                node,
                f"{what} was read by YAML as a mapping because it starts with '{{'; "
                'put the whole text in quotes: "..."',
            )
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be text, not {_kind(node)}")
            return None
        if node.tag == NULL:
            if not allow_empty:
                self.problem(node, f"{what} is empty (write a value)")
            return None
        value = str(node.value)
        self.check_characters(node, value, what)
        if not value.strip() and not allow_empty:
            self.problem(node, f"{what} is empty (write a value)")
            return None
        return value

    def check_characters(self, node: yaml.Node, value: str, what: str) -> None:
        """A pack string may not hold control characters or bidi overrides (the contract):
        shown, they could drive the terminal or reorder what the reader sees."""
        found = forbidden_character(value)
        if found is not None:
            index, char = found
            self.problem(
                node,
                f"{what} holds the character {describe(char)} at character {index + 1}: "
                "control and text-direction characters are not allowed (remove it)",
            )

    def integer(self, node: yaml.Node | None, what: str) -> int | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == INT:
            try:
                return int(str(node.value).replace("_", ""), 0)
            except ValueError:
                pass
        self.problem(node, f"{what} must be a whole number, not {_kind(node)}")
        return None

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        """A list of strings; a single string is taken as a list of one."""
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode):
            one = self.text(node, what)
            return (one,) if one is not None else ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list of texts, not {_kind(node)}")
            return ()
        items = (self.text(item, f"an item of {what}") for item in node.value)
        return tuple(item for item in items if item is not None)

    def identifier(self, node: yaml.Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is None or node is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.problem(
                node,
                f"{what} {value!r} may use only letters, digits, '-', '_' and '.' "
                f"(try {slug(value)!r})",
            )
            return None
        return value

    def each(
        self, node: yaml.Node | None, what: str, build: Callable[[yaml.Node], T | None]
    ) -> list[T]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list (each item starting with '- ')")
            return []
        built = (build(item) for item in node.value)
        return [item for item in built if item is not None]

    def reference(
        self, fields: Fields, key: str, declared: dict[str, Place], what: str
    ) -> str | None:
        node = fields.get(key)
        value = self.text(node, key)
        if value is None or node is None:
            return None
        if value not in declared:
            hint = (
                did_you_mean(value, list(declared)) if declared else f" (declare it under {what}s)"
            )
            self.problem(node, f"{key} {value!r} is not declared in this pack{hint}")
        return value

    # -- the pack ------------------------------------------------------------------------

    def build(self, root: yaml.Node) -> Pack | None:
        if not isinstance(root, yaml.MappingNode):
            self.problem(
                root, f"a pack must be a mapping (pack: ID, title: ...), not {_kind(root)}"
            )
            return None
        top = self.fields(root, PACK.what, PACK_KEYS, PACK_REQUIRED)
        if top is None:
            return None
        pack_id = self.identifier(top.get("pack"), "pack id")
        self.pack_id = pack_id or ""
        title = self.text(top.get("title"), "title")
        version = self.integer(top.get("version"), "version")
        language = self.text(top.get("language"), "language")
        description = self.text(top.get("description"), "description", allow_empty=True)

        sources = self.each(top.get("sources"), "sources", self.source)
        topics = self.each(top.get("topics"), "topics", self.topic)
        self.source_ids = self.unique_ids(sources, "source")
        self.topic_ids = self.unique_ids(topics, "topic")
        facts = self.each(top.get("facts"), "facts", self.fact)
        self.fact_ids = self.unique_ids(facts, "fact")
        questions = self.each(top.get("questions"), "questions", self.question)
        cloze_questions = [q for fact in facts for q in self.cloze_questions(fact)]
        self.unique_ids(questions, "question")
        no_questions = "questions" not in top or (
            isinstance(top["questions"], yaml.SequenceNode) and not top["questions"].value
        )
        if no_questions and not cloze_questions:
            self.problem(
                root, "the pack has no questions (add 'questions:' or facts with {{blanks}})"
            )
        if pack_id is None or title is None:
            return None
        return Pack(
            id=pack_id,
            title=title,
            version=version if version is not None else 1,
            language=language or "en",
            description=description or "",
            sources=tuple(sources),
            topics=tuple(topics),
            facts=tuple(facts),
            questions=(*questions, *cloze_questions),
            place=self.place(root),
        )

    def unique_ids(
        self, items: Sequence[Source | Topic | Fact | Question], kind: str
    ) -> dict[str, Place]:
        seen: dict[str, Place] = {}
        for item in items:
            if item.id in seen:
                first = seen[item.id]
                self.problems.append(
                    Problem(
                        item.place,
                        f"{kind} id {item.id!r} is used twice (first at line {first.line})",
                    )
                )
            else:
                seen[item.id] = item.place
        return seen

    def source(self, node: yaml.Node) -> Source | None:
        f = self.fields(node, SOURCE.what, SOURCE_KEYS, SOURCE_REQUIRED)
        if f is None:
            return None
        source_id = self.identifier(f.get("id"), "source id")
        title = self.text(f.get("title"), "title")
        if source_id is None or title is None:
            return None
        return Source(
            id=source_id,
            title=title,
            publisher=self.text(f.get("publisher"), "publisher", allow_empty=True) or "",
            author=self.text(f.get("author"), "author", allow_empty=True) or "",
            date=self.text(f.get("date"), "date", allow_empty=True) or "",
            url=self.text(f.get("url"), "url", allow_empty=True) or "",
            place=self.place(node),
        )

    def topic(self, node: yaml.Node) -> Topic | None:
        f = self.fields(node, TOPIC.what, TOPIC_KEYS, TOPIC_REQUIRED)
        if f is None:
            return None
        topic_id = self.identifier(f.get("id"), "topic id")
        title = self.text(f.get("title"), "title")
        if topic_id is None or title is None:
            return None
        return Topic(topic_id, title, self.place(node))

    def fact(self, node: yaml.Node) -> Fact | None:
        f = self.fields(node, FACT.what, FACT_KEYS, FACT_REQUIRED)
        if f is None:
            return None
        fact_id = self.identifier(f.get("id"), "fact id")
        text = self.text(f.get("text"), "fact text")
        topic = self.reference(f, "topic", self.topic_ids, "topic")
        source = self.reference(f, "source", self.source_ids, "source")
        found: list[cloze.Blank] = []  # read once: a fact may hold thousands of blanks
        if text is not None:
            text_node = f["text"]
            bad = cloze.unbalanced_at(text)
            if bad is None:
                found = cloze.blanks(text)
            if bad is not None:
                self.problem(
                    text_node,
                    f"unbalanced '{text[bad : bad + 2]}' at character {bad + 1} of the fact text "
                    "(each blank is {{answer}})",
                )
                text = None
            elif any(not all(b.forms) for b in found):
                self.problem(
                    text_node,
                    "a blank has an empty answer or alias (write {{answer}} or "
                    "{{answer|alias}}, with no empty part)",
                )
                text = None
            elif "{{#" in text:
                self.check_blank_names(text_node, found)
        if fact_id is None or text is None:
            return None
        tests = self.blank_tests(f.get("tests"), found)
        return Fact(fact_id, text, topic, source, self.place(node), tests)

    def check_blank_names(self, node: yaml.Node, found: Sequence[cloze.Blank]) -> None:
        """Two blanks of one fact may not share a name (they would share an id)."""
        names = [blank.name for blank in found if blank.name is not None]
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.problem(node, f"two blanks of this fact are named {name!r} (rename one)")

    def blank_tests(
        self, node: yaml.Node | None, found: Sequence[cloze.Blank]
    ) -> tuple[tuple[int, GradingTests], ...]:
        """A fact's ``tests``, keyed by blank number or name: ``{2: {rejected: [8 hours]}}``."""
        if node is None:
            return ()
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "a fact's tests are keyed by blank number: {1: {accepted: [...]}}")
            return ()
        blanks = len(found)
        named = {blank.name: index + 1 for index, blank in enumerate(found) if blank.name}
        found_tests = []
        for key, value in node.value:
            number = key.value.strip() if isinstance(key, yaml.ScalarNode) else ""
            if number in named:
                number = str(named[number])
            if not number.isdigit() or not 1 <= int(number) <= blanks:
                self.problem(
                    key,
                    f"tests key {number or '?'!r} is no blank of this fact "
                    f"(its blanks are numbered 1 to {blanks})",
                )
                continue
            tests = self.grading_tests(value)
            if tests is not None:
                found_tests.append((int(number), tests))
        return tuple(found_tests)

    def cloze_questions(self, fact: Fact) -> list[Question]:
        """One question per blank, each prompt kept as a Gap: linear in the fact's size."""
        from quizbot.lexicon.numbers import read_number

        found = cloze.blanks(fact.text)
        filled, spans = cloze.filled_in(fact.text, found)
        made = []
        for index, (blank, (start, end)) in enumerate(zip(found, spans, strict=True)):
            reading = read_number(blank.answer)
            made.append(
                Question(
                    id=cloze.blank_id(fact.id, blank, index),
                    type="number" if reading is not None else "text",
                    prompt="",
                    answer=blank.answer,
                    pack=self.pack_id,
                    accept=blank.forms[1:],
                    unit="percent" if reading is not None and reading.percent else None,
                    topic=fact.topic,
                    fact=fact.id,
                    source=fact.source,
                    explanation=filled,
                    cloze_of=fact.id,
                    tests=dict(fact.tests).get(index + 1),
                    place=fact.place,
                    gap=Gap(filled, start, end),
                )
            )
        return made

    # -- questions -----------------------------------------------------------------------

    def question(self, node: yaml.Node) -> Question | None:
        f = self.fields(node, QUESTION.what, QUESTION_KEYS, QUESTION_REQUIRED)
        if f is None:
            return None
        question_id = self.identifier(f.get("id"), "question id")
        qtype = self.question_type(f.get("type"))
        prompt = self.text(f.get("prompt"), "prompt")
        accept = self.texts(f.get("accept"), "accept")
        options = self.texts(f.get("options"), "options")
        answer, answers = self.answer(node, f, qtype, options)
        need = self.integer(f.get("need"), "need")
        tolerance = self.tolerance(f.get("tolerance"))
        unit = self.unit(f.get("unit"))
        difficulty = self.integer(f.get("difficulty"), "difficulty")
        self.check_type_keys(f, qtype, options, answers, need)
        if difficulty is not None and not DIFFICULTY_RANGE[0] <= difficulty <= DIFFICULTY_RANGE[1]:
            self.problem(
                f["difficulty"], f"difficulty {difficulty} is out of range (use 1, 2 or 3)"
            )
        reject = self.rejects(f.get("reject"), answer, accept)
        question = Question(
            id=question_id or "",
            type=qtype or "text",
            prompt=prompt or "",
            answer=answer or "",
            pack=self.pack_id,
            answers=answers,
            accept=accept,
            reject=reject,
            options=options,
            need=need,
            tolerance=tolerance,
            unit=unit,
            topic=self.reference(f, "topic", self.topic_ids, "topic"),
            fact=self.reference(f, "fact", self.fact_ids, "fact"),
            source=self.reference(f, "source", self.source_ids, "source"),
            hint=self.text(f.get("hint"), "hint"),
            explanation=self.text(f.get("explanation"), "explanation"),
            difficulty=difficulty,
            tags=self.texts(f.get("tags"), "tags"),
            tests=self.grading_tests(f.get("tests")),
            place=self.place(node),
        )
        if question_id is None or qtype is None or prompt is None or not (answer or answers):
            return None
        if unit is not None and answer:
            self.unit_conflict(f["unit"], answer, unit)
        return question

    def unit_conflict(self, node: yaml.Node, answer: str, unit: str) -> None:
        """The answer's text naming one unit and ``unit:`` another is a problem."""
        from quizbot.lexicon.numbers import clean_for_numbers, find_numbers

        named = units.lookup(unit)
        found = find_numbers(answer)
        if named is None or not found:
            return
        written = units.around(clean_for_numbers(answer), found[0].start, found[0].end).unit
        if written is not None and written != named and not written.generic:
            self.problem(
                node,
                f"the answer {answer!r} is in {written.name} but unit is {unit!r} (keep one)",
            )

    def question_type(self, node: yaml.Node | None) -> QuestionType | None:
        value = self.text(node, "type")
        if value is None or node is None:
            return None
        for known in QUESTION_TYPES:
            if value == known:
                return known
        synonym = TYPE_SYNONYMS.get(value.strip().lower().replace(" ", "-"))
        hint = f" (did you mean {synonym!r}?)" if synonym else did_you_mean(value, QUESTION_TYPES)
        self.problem(node, f"unknown question type {value!r}{hint}")
        return None

    def answer(
        self, node: yaml.Node, f: Fields, qtype: QuestionType | None, options: tuple[str, ...]
    ) -> tuple[str | None, tuple[tuple[str, ...], ...]]:
        """The key (``answer``, or a list question's ``answers``), checked against its type."""
        if qtype == "list":
            if "answer" in f:
                self.problem(
                    f["answer"], "a list question takes 'answers:' (a list), not 'answer:'"
                )
            if "answers" not in f:
                self.problem(node, "a list question has no 'answers' (it is required)")
                return None, ()
            items = self.each(f["answers"], "answers", self.list_item)
            if not items:
                self.problem(f["answers"], "answers is empty (list the items)")
            return ", ".join(item[0] for item in items), tuple(items)
        if "answers" in f:
            self.problem(f["answers"], "only a list question takes 'answers:' (use 'answer:')")
        if "answer" not in f:
            self.problem(node, "the question has no 'answer' (it is required)")
            return None, ()
        answer_node = f["answer"]
        if qtype == "truefalse":
            return self.truth(answer_node), ()
        answer = self.text(answer_node, "answer")
        if answer is None:
            return None, ()
        if qtype == "number":
            from quizbot.lexicon.numbers import read_number

            if read_number(answer) is None:
                self.problem(
                    answer_node,
                    f"the number reader cannot read {answer!r} as a number "
                    "(write e.g. 900 million, 70.4 or 1997)",
                )
        if qtype == "choice" and options and answer not in options:
            self.problem(
                answer_node,
                f"the answer {answer!r} is not one of the options{did_you_mean(answer, options)}",
            )
        return answer, ()

    def truth(self, node: yaml.Node) -> str | None:
        """A truefalse key: YAML's booleans, or any of the contract's true/false words."""
        from quizbot.lexicon.truth import FALSE_WORDS, TRUE_WORDS

        if isinstance(node, yaml.ScalarNode):
            value = str(node.value).strip().lower()
            if node.tag == BOOL:
                return "true" if value in ("true", "yes", "on", "y") else "false"
            if value in TRUE_WORDS or value in FALSE_WORDS:
                return "true" if value in TRUE_WORDS else "false"
        self.problem(node, "a truefalse answer must be true or false")
        return None

    def list_item(self, node: yaml.Node) -> tuple[str, ...] | None:
        forms = self.texts(node, "a list item")
        if not forms and isinstance(node, yaml.SequenceNode):
            self.problem(node, "a list item is empty (write the item, or a list of its forms)")
        return forms or None

    def check_type_keys(
        self,
        f: Fields,
        qtype: QuestionType | None,
        options: tuple[str, ...],
        answers: tuple[tuple[str, ...], ...],
        need: int | None,
    ) -> None:
        if qtype == "choice":
            if "options" not in f:
                self.problems.append(
                    Problem(self.place(f["type"]), "a choice question needs 'options:'")
                )
            elif len(options) < 2:
                self.problem(f["options"], "a choice question needs at least two options")
            elif len(set(options)) != len(options):
                self.problem(f["options"], "two options are the same (make each option different)")
        elif "options" in f and qtype is not None:
            self.problem(
                f["options"], f"only a choice question takes options, not a {qtype} question"
            )
        if need is not None:
            if qtype != "list":
                self.problem(f["need"], "only a list question takes 'need'")
            elif need < 1:
                self.problem(f["need"], "need must be at least 1")
            elif answers and need > len(answers):
                self.problem(
                    f["need"], f"need is {need} but the list has only {len(answers)} answers"
                )
        for key in ("tolerance", "unit"):
            if key in f and qtype not in (None, "number"):
                self.problem(f[key], f"only a number question takes {key!r}")

    def tolerance(self, node: yaml.Node | None) -> Tolerance | None:
        value = self.text(node, "tolerance")
        if value is None or node is None:
            return None
        raw = value.strip()
        relative = raw.endswith("%")
        try:
            amount = Decimal(raw.rstrip("%").strip())
        except InvalidOperation:
            self.problem(node, f"tolerance {raw!r} is not a number (write 0.5 or 2%)")
            return None
        if not amount.is_finite() or amount < 0:
            self.problem(node, f"tolerance {raw!r} must be zero or more")
            return None
        return Tolerance(amount / 100 if relative else amount, relative)

    def unit(self, node: yaml.Node | None) -> str | None:
        """A known unit (``lexicon.units``) is graded; a plain counting noun (``people``) is a
        label; anything else, a misspelt unit above all, would silently change grading."""
        value = self.text(node, "unit")
        if value is None or node is None:
            return None
        if value.strip().lower() in ("percent", "%", "per cent", "percentage"):
            return "percent"
        if units.lookup(value) is not None:
            return value
        suggestion = units.suggest(value)
        if suggestion is None and nearest(value.strip().lower(), UNITS) is not None:
            suggestion = "percent"
        if suggestion is not None:
            self.problem(node, f"unknown unit {value!r} (did you mean {suggestion!r}?)")
            return None
        if not units.is_counting_noun(value):
            self.problem(
                node,
                f"unknown unit {value!r} (name a unit such as minutes, km, kg, °C, yuan, GB, "
                "Mbps or percent, or a plain counting noun such as people)",
            )
            return None
        return value

    def rejects(
        self, node: yaml.Node | None, answer: str | None, accept: tuple[str, ...]
    ) -> tuple[Reject, ...]:
        def one(item: yaml.Node) -> Reject | None:
            if isinstance(item, yaml.MappingNode):
                f = self.fields(item, REJECT.what, REJECT_KEYS, REJECT_REQUIRED)
                if f is None:
                    return None
                text = self.text(f.get("answer"), "answer")
                feedback = self.text(f.get("feedback"), "feedback")
            else:
                text, feedback = self.text(item, "a reject entry"), None
            if text is None:
                return None
            key = plain(text)
            if answer is not None and key == plain(answer):
                self.problem(item, f"reject entry {text!r} is the answer itself (remove it)")
                return None
            if any(key == plain(a) for a in accept):
                self.problem(item, f"reject entry {text!r} is also under accept (keep one)")
                return None
            return Reject(text, feedback, self.place(item))

        return tuple(self.each(node, "reject", one))

    def grading_tests(self, node: yaml.Node | None) -> GradingTests | None:
        if node is None:
            return None
        f = self.fields(node, TESTS.what, TESTS_KEYS)
        if f is None:
            return None
        accepted = self.scalar_items(f.get("accepted"), "accepted")
        rejected = self.scalar_items(f.get("rejected"), "rejected")
        return GradingTests(
            accepted=tuple(text for text, _ in accepted),
            rejected=tuple(text for text, _ in rejected),
            accepted_places=tuple(place for _, place in accepted),
            rejected_places=tuple(place for _, place in rejected),
        )

    def scalar_items(self, node: yaml.Node | None, what: str) -> list[tuple[str, Place]]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list of responses")
            return []
        items = []
        for item in node.value:
            text = self.text(item, f"a response under {what}", allow_empty=True)
            if text is not None or isinstance(item, yaml.ScalarNode):
                items.append((text or "", self.place(item)))
        return items


def plain(text: str) -> str:
    """Text as the checks compare it: NFKC, case folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def slug(text: str) -> str:
    """An id suggested for text that is not one: other characters become '-'."""
    made = "".join(c if c.isalnum() or c in "-_." else "-" for c in text.strip())
    return made.strip("-") or "my-id"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{node.value!r}"
