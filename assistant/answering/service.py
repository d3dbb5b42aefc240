"""answer() / answer_stream(): retrieve, then refuse, quote (extractive) or generate with checks.

The flow for one question:
1. Follow-up questions ("Und für Kinder?") are completed with the previous question for retrieval.
2. Retrieval with the audience's filter (citizens never see internal units); nothing relevant → refusal,
   without calling a model.
3. Backend `extractive` (the default): the best sentences of the top units, each with its [n].
4. A model backend: a quick reachability probe, then streaming; the finished text is checked
   (citations must name shown sources, figures must occur in a cited source). Any model failure
   (down, timeout, unknown model, empty output) falls back to the extractive answer with a notice.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..catalog import StoredUnit
from ..config import Settings
from ..embedding import query_vector_later
from ..faq.parts import question_parts
from ..model import Audience
from ..retrieval.lexical import words
from ..retrieval.lookup import UnitLookup
from ..retrieval.query import QueryAnalysis, too_long_text
from . import prompts
from .checks import CITATION_RE, check_answer, statements
from .extractive import extract, supporting_lines
from .llm import LLMUnavailable, prepare, probe, stream_chat
from .types import Answer, AnswerChecks, AnswerMode, Source

if TYPE_CHECKING:
    from ..retrieval.retriever import Hit, Retriever

log = logging.getLogger(__name__)

__all__ = ["answer", "answer_stream", "make_source", "normalize_history", "retrieval_question"]

History = Sequence[tuple[str, str] | Sequence[str] | Mapping[str, Any]] | None

FOLLOW_UP_RE = re.compile(
    r"^\s*(und|aber|auch|gilt\s+das|was\s+ist\s+mit|wie\s+ist\s+es\s+mit|wie\s+sieht\s+es\s+mit|"
    r"and|what\s+about|how\s+about|also|ve|peki|а|и|і|а\s+як|а\s+что|و)\b",
    re.IGNORECASE,
)
RETRIEVAL_K = 8
HISTORY_ANSWER_CHARS = 800
THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)


# --- history -------------------------------------------------------------------------------------


def _content(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return str(value.get("text") or value.get("content") or "")
    if isinstance(value, Sequence):
        return " ".join(_content(v) for v in value)
    return "" if value is None else str(value)


def normalize_history(history: History) -> list[tuple[str, str]]:
    """(user, assistant) pairs from pairs or OpenAI/Gradio-style message dicts."""
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for item in history or ():
        if isinstance(item, Mapping):
            role, content = item.get("role"), _content(item.get("content"))
            if role == "user":
                if pending is not None:
                    pairs.append((pending, ""))
                pending = content
            elif role == "assistant":
                if pending is not None:
                    pairs.append((pending, content))
                    pending = None
                elif pairs:
                    pairs[-1] = (pairs[-1][0], (pairs[-1][1] + "\n" + content).strip())
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) >= 2:
            pairs.append((_content(item[0]), _content(item[1])))
    if pending is not None:
        pairs.append((pending, ""))
    return [(u.strip(), a.strip()) for u, a in pairs if u and u.strip()]


DEICTIC_RE = re.compile(r"\b(das|dies\w*|es|dafür|dazu|davon|darauf|damit|dabei|dann|that|this|it|they|bu|şu|это|"
                        r"то|це|ذلك|هذا)\b", re.IGNORECASE)


def is_follow_up(question: str) -> bool:
    """Elliptic or referring back: "Und für Kinder?", "Gilt das auch …?", "Wie lange dauert das?", "Wie viel?"."""
    if FOLLOW_UP_RE.match(question):
        return True
    content = [w for w in words(question) if w not in ("wie", "viel", "hoch", "lange", "wann", "wo", "wer")]
    return not content or (len(question.split()) <= 6 and bool(DEICTIC_RE.search(question)))


def retrieval_question(question: str, pairs: Sequence[tuple[str, str]], limit: int | None = None) -> str:
    """The question as retrieval sees it: short or elliptic follow-ups get the previous question in front
    (as much of it as fits with the question into `limit` characters)."""
    if pairs and is_follow_up(question):
        previous = pairs[-1][0]
        if limit is not None:
            previous = previous[: max(0, limit - len(question) - 1)].rstrip()
        return f"{previous} {question}" if previous else question
    return question


# --- building blocks -----------------------------------------------------------------------------


def make_source(number: int, su: StoredUnit, highlights: Sequence[str] = ()) -> Source:
    u = su.unit
    return Source(number=number, citation=str(su.citation), doc=u.doc, label=u.label,
                  title=u.title, stand=su.stand, kind=su.kind, visibility=su.visibility, passage=u.text,
                  link=u.link, page=u.page, highlights=tuple(highlights))


def _notice(main: str, audience: Audience, language: str, extra: str = "") -> str:
    """The notice under an answer ("extractive", "fallback", "generated"): in the citizen's language for citizens."""
    parts = [prompts.notice_text(main, audience, language), extra,
             prompts.notice_text("citizen", audience, language) if audience.is_citizen else ""]
    return " ".join(p for p in parts if p)


def _refusal(question: str, audience: Audience, language: str, office: str | None = None) -> Answer:
    if office and office in i18n.OFFICES and audience.is_citizen:
        text = prompts.office_refusal_text(office, language)
    else:
        text = prompts.refusal_text(audience, language)
    return Answer(question=question, audience=audience.value, text=text, mode=AnswerMode.REFUSED, language=language)


MORE_SOURCES = 3  # retrieval results shown under a curated or computed answer ("Weitere Fundstellen")


def _with_more_sources(cited: list[StoredUnit], hits: Sequence[Hit]) -> tuple[list[StoredUnit], list[StoredUnit]]:
    seen = {su.chroma_id for su in cited}
    more = [h.unit for h in hits if h.unit.chroma_id not in seen][:MORE_SOURCES]
    return cited, more


def _more_line(more_start: int, more: Sequence[StoredUnit], language: str) -> str:
    if not more:
        return ""
    refs = "; ".join(f"[{more_start + i}] {su.citation}"
                     for i, su in enumerate(more))
    return f"\n\n**{i18n.text('label.more_sources', language)}:** {refs}"


class _Numbering:
    """Source numbers [n] in the order units are first cited; a unit cited again keeps its number."""

    def __init__(self) -> None:
        self.units: list[StoredUnit] = []
        self._numbers: dict[str, int] = {}

    def number(self, su: StoredUnit) -> int:
        if su.chroma_id not in self._numbers:
            self.units.append(su)
            self._numbers[su.chroma_id] = len(self.units)
        return self._numbers[su.chroma_id]

    def marks(self, units: Sequence[StoredUnit]) -> str:
        return "".join(f"[{n}]" for n in dict.fromkeys(self.number(su) for su in units))


def _entry_block(hit, language: str, numbering: _Numbering) -> str:
    """An entry's answer with the numbers of its sources, and its next step."""
    t = hit.stored.entry.text(language)
    return (f"{t.answer} {numbering.marks(hit.stored.units)}\n\n"
            f"**{i18n.text('label.next_steps', language)}:** {t.next_step}")


def _also_blocks(extras: Sequence, language: str, numbering: _Numbering) -> str:
    """The further parts of a question that asks several things, each answered by its own entry."""
    text = ""
    for hit in extras:
        entry = hit.stored.entry
        shown = language if language in entry.texts else "de"
        questions = entry.text(shown).questions
        heading = questions[0] if questions else entry.topic
        text += f"\n\n**{i18n.text('label.also', shown)}: {heading}**\n\n{_entry_block(hit, shown, numbering)}"
    return text


def _curated(question: str, audience: Audience, language: str, hit, hits: Sequence[Hit],
             extras: Sequence = (), suggested: bool = False) -> Answer:
    """A reviewed entry of the Redaktion, in the citizen's language, its cited units as sources [1…k]; entries
    for the question's further parts follow ("Außerdem"). `suggested`: the entry of a similar question, said
    so before it, with its own question as the heading."""
    entry = hit.stored.entry
    shown = i18n.shown_language(language) if language in entry.texts else "de"
    numbering = _Numbering()
    text = _entry_block(hit, shown, numbering) + _also_blocks(extras, shown, numbering)
    if suggested:
        questions = entry.text(shown).questions
        heading = f"**{questions[0]}**\n\n" if questions else ""
        text = (f"{i18n.text('label.suggested', shown)}\n\n{heading}{text}\n\n"
                f"_{i18n.text('label.suggested_check', shown)}_")
    cited, more = _with_more_sources(numbering.units, hits)
    text += _more_line(len(cited) + 1, more, shown)
    sources = tuple(make_source(i + 1, su) for i, su in enumerate(cited + more))
    notice = " ".join(p for p in (i18n.text("label.reviewed", shown, date=_german_date(entry.reviewed)),
                                  i18n.text("label.law_in_german", shown) if shown != "de" else "",
                                  prompts.notice_text("citizen", audience, shown)) if p)
    return Answer(question=question, audience=audience.value, text=text,
                  mode=AnswerMode.SUGGESTED if suggested else AnswerMode.CURATED, sources=sources,
                  notice=notice, language=shown, entry_id=entry.id)


def _computed(question: str, audience: Audience, language: str, calc, units: Sequence[StoredUnit],
              hits: Sequence[Hit], lookup: UnitLookup | None = None, extras: Sequence = ()) -> Answer:
    """A calculator's worked result; the units it read its figures from are the sources. Entries for the
    question's further parts follow ("Außerdem")."""
    from ..faq.integrity import resolve_citation

    lookup = lookup or UnitLookup(list(units))  # the retriever's own (building one costs ~0.2 s)
    numbering = _Numbering()
    for citation in calc.citations:
        for su in resolve_citation(citation, lookup):
            if audience.may_see(su.visibility):
                numbering.number(su)
    from ..calculators import shown_language

    shown = shown_language(language)  # the calculators' languages; French gets German, as curated answers do
    marks = "".join(f"[{i + 1}]" for i in range(len(numbering.units)))
    next_step = f"\n\n{prompts.next_step_text(calc.topic, shown)}" if calc.topic else ""
    text = f"{calc.render(shown)}\n\n{marks}{next_step}" + _also_blocks(extras, shown, numbering)
    cited, more = _with_more_sources(numbering.units, hits)
    text += _more_line(len(cited) + 1, more, shown)
    sources = tuple(make_source(i + 1, su) for i, su in enumerate(cited + more))
    return Answer(question=question, audience=audience.value, text=text, mode=AnswerMode.COMPUTED, sources=sources,
                  notice=prompts.notice_text("citizen", audience, shown), language=shown, entry_id=calc.kind)


def _german_date(iso: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(iso).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return iso


def _extractive(question: str, query: QueryAnalysis, audience: Audience, language: str, hits: Sequence[Hit],
                reason: str = "") -> Answer:
    pinned = sum(1 for h in hits if h.exact)
    ex = extract(query.text, [h.unit for h in hits], audience, language, pinned=pinned, query=query)
    sources = tuple(make_source(i + 1, su, hl) for i, (su, hl) in enumerate(zip(ex.units, ex.highlights)))
    cleaned, checks, _ = check_answer(ex.text, {s.number: s.passage for s in sources})
    main = "fallback" if reason else "extractive"
    return Answer(question=question, audience=audience.value, text=cleaned, mode=AnswerMode.EXTRACTIVE,
                  sources=sources, checks=checks, notice=_notice(main, audience, language), language=language,
                  fallback_reason=reason)


def _messages(question: str, audience: Audience, language: str, sources: Sequence[Source],
              pairs: Sequence[tuple[str, str]], turns: int) -> list[tuple[str, str]]:
    messages = [("system", prompts.system_prompt(audience, language))]
    for user, assistant in list(pairs)[-turns:] if turns > 0 else []:
        messages.append(("user", user))
        if assistant:
            earlier = CITATION_RE.sub("", assistant).strip()  # old numbers refer to old sources
            messages.append(("assistant", earlier[:HISTORY_ANSWER_CHARS]))
    blocks = [prompts.source_block(s.number, s.citation, s.stand, s.passage) for s in sources]
    messages.append(("user", prompts.user_prompt(question, blocks)))
    return messages


def _visible(text: str) -> str:
    """The model's text without reasoning blocks (`<think>…</think>`) of reasoning models."""
    return THINK_RE.sub("", text).lstrip()


def _finish_generated(question: str, audience: Audience, language: str, text: str,
                      shown: Sequence[Source], units: Mapping[int, StoredUnit]) -> Answer:
    cleaned, checks, cited = check_answer(text.strip(), {s.number: s.passage for s in shown})
    by_number = {s.number: s for s in shown}
    parts = statements(cleaned)
    sources: list[Source] = []
    for n in cited:
        s = by_number[n]
        citing = [p for p in parts if f"[{n}]" in p]
        sources.append(make_source(n, units[n], supporting_lines(citing, s.passage, question)))
    extra = (prompts.notice_text("unsupported", audience, language, figures=", ".join(checks.unsupported))
             if checks.unsupported else "")
    return Answer(question=question, audience=audience.value, text=cleaned, mode=AnswerMode.GENERATED,
                  sources=tuple(sources) if sources else tuple(shown), checks=checks,
                  notice=_notice("generated", audience, language, extra), language=language)


def _special_answer(question: str, query: str, audience: Audience, language: str, hits: Sequence[Hit],
                    retriever: Retriever, settings: Settings, in_scope: bool,
                    question_vector: Callable[[], Any] | None = None,
                    part_vectors: Sequence[Callable[[], Any]] | None = None) -> Answer | None:
    """A calculator's result for a "how much" question with the person's figures, else a curated entry; the
    question's further parts get their own entries."""
    units = getattr(retriever, "units", None)  # a stand-in retriever (tests) may hold no index
    calc = None
    if settings.calculators_enabled and units:
        from ..calculators import calculate

        try:
            calc = calculate(question, units)
        except Exception:  # noqa: BLE001 - a calculator bug must not cost the answer
            log.exception("calculator failed")
        calc = calc if calc is not None and calc.computable else None
    scope_allows = in_scope or not settings.faq_respect_scope
    # follow-up questions are not matched on their own
    book = None
    if settings.faq_enabled and scope_allows and query == question and hasattr(retriever, "ws"):
        from ..faq.book import faq_book

        book = faq_book(retriever.ws)
    vector = question_vector() if book is not None and question_vector is not None else None

    def parts(answered: Collection[str] | None, limit: int) -> list:
        if book is None:
            return []
        try:
            return book.find_parts(question, audience, vector, answered=answered, limit=limit,
                                   part_vectors=part_vectors)
        except Exception:  # noqa: BLE001
            log.exception("curated answers unavailable")
            return []

    hit = None
    if book is not None:
        try:
            hit = book.find(question, audience, query_vector=vector, evidence=[h.unit for h in hits])
        except Exception:  # noqa: BLE001
            log.exception("curated answers unavailable")
    if calc is not None:
        from ..faq.calculations import answered_by_calculation

        # the entry for the whole question, when it is about more than the computed figure ("Schulranzen und
        # Klassenfahrt" → Schulbedarf computed, the class trip's entry below it)
        answered = set(answered_by_calculation(calc.kind))
        extras = [hit] if hit is not None and hit.stored.entry.id not in answered else []
        answered.update(e.stored.entry.id for e in extras)
        extras += parts(answered, settings.faq_parts - len(extras))
        return _computed(question, audience, language, calc, units, hits, getattr(retriever, "lookup", None), extras)
    if book is None:
        return None
    if hit is not None:
        return _curated(question, audience, language, hit, hits, parts({hit.stored.entry.id}, settings.faq_parts))
    # no entry for the whole question: its parts may each have one ("Der Bescheid ist falsch. Wie lange habe
    # ich Zeit für den Widerspruch?")
    found = parts(None, 1 + settings.faq_parts)
    if found:
        return _curated(question, audience, language, found[0], hits, found[1:])
    # unsure: the entry of a similar question, said so, where retrieval finds the question covered (a question
    # on a neighbouring topic gets the refusal with the office responsible instead)
    if not in_scope:
        return None
    try:
        near = book.suggest(question, audience, vector)
    except Exception:  # noqa: BLE001
        log.exception("curated answers unavailable")
        return None
    return _curated(question, audience, language, near, hits, suggested=True) if near is not None else None


# --- the entry points ----------------------------------------------------------------------------


def _with_store_notice(stream):
    """While the vector search is not usable (retrieval answers lexically), every answer says so first."""

    @functools.wraps(stream)
    def wrapped(*args: Any, retriever: Retriever, **kwargs: Any) -> Iterator[Answer]:
        for item in stream(*args, retriever=retriever, **kwargs):
            note = getattr(retriever, "store_notice", "")  # a stand-in retriever (tests) may have none
            yield dataclasses.replace(item, notice=f"{note} {item.notice}".strip()) if note else item

    return wrapped


@_with_store_notice
def answer_stream(question: str, audience: Audience | str = Audience.CITIZEN, history: History = None, *,
                  retriever: Retriever, settings: Settings | None = None,
                  as_of: str | None = None) -> Iterator[Answer]:
    """Yield partial answers (growing text, complete=False) and finally the complete, checked answer.

    Never raises for model trouble: a failing backend yields the extractive answer with a notice.
    """
    audience = Audience.coerce(audience)
    settings = settings or retriever.ws.settings
    question = question.strip()
    if len(question) > settings.max_question_chars:  # refused with a message, never cut
        yield Answer(question=question, audience=audience.value, mode=AnswerMode.REFUSED,
                     text=too_long_text(len(question), settings.max_question_chars))
        return
    pairs = normalize_history(history)
    query = retrieval_question(question, pairs, settings.max_question_chars)

    special_first = bool(question) and audience.is_citizen and as_of is None
    # the curated answers' matcher embeds the question itself; started now, it shares retrieval's forward pass
    matching = special_first and settings.faq_enabled and query == question and hasattr(retriever, "ws")
    question_vector = query_vector_later(retriever.ws.embedder, question) if matching else None
    # so are the vectors of the question's parts when it asks several things
    parts = question_parts(question) if matching else []
    part_vectors = ([query_vector_later(retriever.ws.embedder, p) for p in parts]
                    if parts and parts != [question] else None)
    result = retriever.retrieve(query, audience, k=max(RETRIEVAL_K, settings.answer_sources), as_of=as_of,
                                asked=question)
    language = result.query.language if audience.is_citizen else "de"
    # defence in depth: retrieval filters already, but internal text must never reach a citizen
    hits = [h for h in result.hits if audience.may_see(h.unit.visibility)]
    if special_first:
        special = _special_answer(question, query, audience, language, hits, retriever, settings, result.relevant,
                                  question_vector, part_vectors)
        if special is not None:
            yield special
            return
    if not question or not result.relevant or not hits:
        yield _refusal(question, audience, language, getattr(result, "office", None))
        return

    if settings.llm_backend == "extractive":
        yield _extractive(question, result.query, audience, language, hits)
        return

    try:
        probe(settings)  # its own short timeout (JCA_LLM_PROBE_TIMEOUT_S)
        model = prepare(settings)
    except LLMUnavailable as exc:
        log.info("LLM backend %s unavailable: %s", settings.llm_backend, exc.message)
        yield _extractive(question, result.query, audience, language, hits, exc.message)
        return

    units = {i + 1: h.unit for i, h in enumerate(hits[: settings.answer_sources])}
    shown = [make_source(n, su) for n, su in units.items()]
    messages = _messages(question, audience, language, shown, pairs, settings.answer_history_turns)
    notice = _notice("generated", audience, language)
    text = ""
    try:
        deadline = time.monotonic() + settings.llm_timeout_s  # one deadline for the whole generated answer
        for delta in stream_chat(settings, messages, deadline, model):
            text += delta
            visible = _visible(text)
            if visible:
                yield Answer(question=question, audience=audience.value, text=visible, mode=AnswerMode.GENERATED,
                             sources=tuple(shown), checks=AnswerChecks(), notice=notice, complete=False,
                             language=language)
    except LLMUnavailable as exc:
        log.info("LLM backend %s failed: %s", settings.llm_backend, exc.message)
        yield _extractive(question, result.query, audience, language, hits, exc.message)
        return
    except Exception as exc:  # noqa: BLE001 - nothing from the model layer reaches the caller
        log.warning("LLM streaming failed: %r", exc)
        log.debug("LLM streaming failed", exc_info=True)
        yield _extractive(question, result.query, audience, language, hits,
                          f"Das Sprachmodell hat einen Fehler gemeldet ({type(exc).__name__}).")
        return
    final = _visible(text).strip()
    if not final:
        yield _extractive(question, result.query, audience, language, hits, "Das Sprachmodell hat keine Antwort geliefert.")
        return
    yield _finish_generated(question, audience, language, final, shown, units)


def answer(question: str, audience: Audience | str = Audience.CITIZEN, history: History = None, *,
           retriever: Retriever, settings: Settings | None = None, as_of: str | None = None) -> Answer:
    """The complete answer (the last item of answer_stream)."""
    last: Answer | None = None
    for last in answer_stream(question, audience, history, retriever=retriever, settings=settings, as_of=as_of):
        pass
    assert last is not None
    return last
