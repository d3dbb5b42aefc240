"""How an Answer looks in the web app: chat text, sources panel (HTML), status line. Presentation only.

Everything from documents or users is HTML-escaped here; the supporting sentences of a passage
(Source.highlights) are wrapped in <mark>.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import date

from assistant.answering.types import Answer, AnswerMode, Source

MODE_LABELS = {
    AnswerMode.EXTRACTIVE: "Aus den Quellen zusammengestellt (ohne Sprachmodell)",
    AnswerMode.GENERATED: "Von einem Sprachmodell aus den Quellen formuliert",
    AnswerMode.REFUSED: "Keine passende Quelle gefunden",
    AnswerMode.CURATED: "Geprüfte Antwort der Redaktion (Häufige Fragen)",
    AnswerMode.COMPUTED: "Berechnung nach dem Gesetz (Rechner)",
    AnswerMode.SUGGESTED: "Geprüfte Antwort zu einer ähnlichen Frage (nicht sicher zugeordnet)",
}
VISIBILITY_LABELS = {"public": "öffentlich", "internal": "intern"}
KIND_LABELS = {"law": "Gesetz", "guideline": "Weisung", "other": "sonstiges Dokument"}
ACTION_LABELS = {  # audit log actions (catalog and web app) in German
    "ingest": "aufgenommen", "remove": "zurückgezogen", "anmeldung": "Anmeldung",
    "anmeldung-fehlgeschlagen": "Anmeldung fehlgeschlagen", "upload-abgelehnt": "Upload abgelehnt",
    "aufnahme-fehler": "Aufnahme fehlgeschlagen", "abmeldung": "Abmeldung", "faq-sync": "Häufige Fragen eingelesen",
    "aufnahme-abgebrochen": "Aufnahme abgebrochen",
    "faq-neu": "Häufige Frage angelegt", "faq-geaendert": "Häufige Frage geändert",
    "faq-bestaetigt": "Häufige Frage bestätigt", "faq-zurueckgezogen": "Häufige Frage zurückgezogen",
}

PdfLink = Callable[[Source], str]  # the app's link to a document's file (or "")


def german_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return iso or "–"


def _spans(passage: str, highlights: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for sentence in highlights:
        sentence = sentence.strip()
        if not sentence:
            continue
        start = passage.find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence)))
            continue
        words = sentence.split()
        if not words:
            continue
        m = re.search(r"\s+".join(re.escape(w) for w in words), passage)
        if m:
            spans.append(m.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(passage: str, highlights: Sequence[str]) -> str:
    """The passage as escaped HTML with the supporting sentences in <mark>."""
    out: list[str] = []
    pos = 0
    for s, e in _spans(passage, highlights):
        out.append(html.escape(passage[pos:s]))
        out.append(f"<mark>{html.escape(passage[s:e])}</mark>")
        pos = e
    out.append(html.escape(passage[pos:]))
    return "".join(out).replace("\n", "<br>")


EXCERPT_LIMIT = 1500  # longer passages show the marked sentences with some context, the full text folded
EXCERPT_CONTEXT = 250


def passage_html(passage: str, highlights: Sequence[str]) -> str:
    """The passage with marks; a long one as excerpts around the marks plus the full text to unfold."""
    spans = _spans(passage, highlights)
    if len(passage) <= EXCERPT_LIMIT or not spans:
        return highlight(passage, highlights)
    windows: list[tuple[int, int]] = []
    for s, e in spans:
        start, end = max(0, s - EXCERPT_CONTEXT), min(len(passage), e + EXCERPT_CONTEXT)
        if start > 0:  # begin and end at whole lines, or at least whole words
            line = passage.find("\n", start, s)
            space = re.search(r"\s", passage[start:s])
            start = line + 1 if line >= 0 else (start + space.end() if space else s)
        if end < len(passage):
            line = passage.rfind("\n", e, end)
            space = max(passage.rfind(" ", e, end), passage.rfind("\n", e, end))
            end = line if line >= 0 else (space if space >= 0 else e)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    pieces = []
    for start, end in windows:
        inner = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
        text = passage[start:end]
        out, pos = [], 0
        for s, e in inner:
            out += [html.escape(text[pos:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
            pos = e
        out.append(html.escape(text[pos:]))
        pieces.append(("… " if start else "") + "".join(out).replace("\n", "<br>") + (" …" if end < len(passage) else ""))
    return ("<br>".join(pieces) + '<details class="jca-full"><summary>Ganzer Text</summary>'
            f"{highlight(passage, highlights)}</details>")


def source_link(source: Source, pdf_link: PdfLink | None) -> str:
    if source.link:
        return source.link
    return pdf_link(source) if pdf_link else ""


def sources_html(answer: Answer | None, pdf_link: PdfLink | None = None, *, citizen: bool = False) -> str:
    if answer is None:
        return '<div class="jca-sources jca-empty">Hier erscheinen die Quellen der Antwort.</div>'
    if not answer.sources:
        text = ("Zu dieser Frage gibt es keine passende Quelle." if answer.refused
                else "Diese Antwort hat keine Quellen.")
        return f'<div class="jca-sources jca-empty">{text}</div>'
    parts = ['<div class="jca-sources">']
    for s in answer.sources:
        link = source_link(s, pdf_link)
        page = f", S. {s.page}" if s.page else ""
        meta = [f"Stand {german_date(s.stand)}", KIND_LABELS.get(s.kind, s.kind)]
        if not citizen:
            meta.append(VISIBILITY_LABELS.get(s.visibility, s.visibility))
        link_html = (f' <a href="{html.escape(link, quote=True)}" target="_blank" rel="noopener noreferrer">'
                     f'Quelle öffnen{html.escape(page)}</a>' if link else "")
        title = f" – {html.escape(s.title)}" if s.title and s.title not in s.citation else ""
        parts.append(
            f'<details class="jca-source" open><summary><span class="jca-num">[{s.number}]</span> '
            f'<strong>{html.escape(s.citation)}</strong>{title}</summary>'
            f'<div class="jca-meta">{html.escape(" · ".join(meta))} · Dokument: {html.escape(s.doc)}{link_html}</div>'
            f'<div class="jca-passage">{passage_html(s.passage, s.highlights)}</div></details>'
        )
    parts.append("</div>")
    return "".join(parts)


def status_markdown(answer: Answer | None, *, citizen: bool = False) -> str:
    """Mode, notice and the findings of the answer checks, in plain German."""
    if answer is None:
        return ""
    lines: list[str] = []
    if not answer.complete:
        lines.append("*Die Antwort wird geschrieben …*")
    if not citizen:
        lines.append(f"**Antwortart:** {MODE_LABELS.get(answer.mode, answer.mode.value)}")
    if answer.notice:
        lines.append(f"*{_md_escape(answer.notice)}*")
    if answer.fallback_reason and not citizen:
        lines.append(f"**Grund:** {_md_escape(answer.fallback_reason)}")
    checks = answer.checks
    if answer.complete and checks.removed_citations:
        nums = ", ".join(f"[{n}]" for n in checks.removed_citations)
        lines.append(f"**Achtung – entfernte Verweise:** {nums} – sie nannten keine angezeigte Quelle.")
    if answer.complete and checks.unsupported:
        lines.append(f"**Achtung – unbelegte Angaben:** {_md_escape(', '.join(checks.unsupported))} – "
                     "diese Zahlen stehen in keiner zitierten Quelle. Bitte prüfen.")
    if answer.complete and checks.uncited_statements and not citizen and answer.mode is AnswerMode.GENERATED:
        lines.append(f"Hinweis: {checks.uncited_statements} Aussage(n) ohne Quellenangabe.")
    return "\n\n".join(lines)


_MD_BRACKET = re.compile(r"\[(?!\d{1,2}\])|(?<!\[\d)(?<!\[\d\d)\]")
_URL_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}):(?=//)")


def inert_markdown(text: str) -> str:
    """Source text in a chat message: no images, no links, no autolinks; [n] citation markers stay.

    `![x](http://…)` would make the reader's browser fetch from elsewhere, `[Antrag](http://…)` would be a
    live link inside a quoted law; both are shown as plain characters instead.
    """
    text = _MD_BRACKET.sub(lambda m: "\\" + m.group(0), text)
    text = _URL_SCHEME.sub(lambda m: m.group(1) + "&#58;", text)
    return re.sub(r"(?i)\bwww\.", "www&#46;", text)


def chat_text(answer: Answer) -> str:
    """The chat message: the answer and, once complete, its numbered sources (so copying keeps the citations)."""
    text = inert_markdown(escape_tags(answer.text))
    if not answer.complete or not answer.sources:
        return text
    refs = []
    for s in answer.sources:
        page = f", S. {s.page}" if s.page else ""
        refs.append(f"[{s.number}] {s.citation} (Stand {german_date(s.stand)}{page})")
    return text + "\n\n**Quellen:**\n" + "\n".join(f"- {escape_tags(r)}" for r in refs)


def md_text(text: str) -> str:
    """Text from a document or a user inside a Markdown message: shown as typed, never as markup or HTML."""
    return html.escape(_md_escape(str(text)).replace("[", "\\[").replace("]", "\\]"), quote=False)


def login_line(user: str, role: str, logout_path: str, extra_html: str, hint: str) -> str:
    """The HTML line "Angemeldet als …" with a logout link that stays in this tab."""
    line = (f'<div class="jca-login">Angemeldet als <strong>{html.escape(user)}</strong> ({html.escape(role)}) · '
            f'<a href="{html.escape(logout_path)}" target="_self">Abmelden</a>{extra_html}</div>')
    return line + (f'<div class="jca-note">{html.escape(hint).replace("**", "")}</div>' if hint else "")


def _md_escape(text: str) -> str:
    return re.sub(r"([*_`\\])", r"\\\1", text)


def escape_tags(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def word_diff_html(old: str, new: str) -> str:
    """Old and new text of a unit side by side, removed words struck through, added words marked."""
    import difflib

    a, b = old.split(), new.split()
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old_part, new_part = html.escape(" ".join(a[i1:i2])), html.escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
        else:
            if old_part:
                left.append(f"<del>{old_part}</del>")
            if new_part:
                right.append(f"<ins>{new_part}</ins>")
    old_html = " ".join(left) or "<em>(nicht vorhanden)</em>"
    new_html = " ".join(right) or "<em>(nicht mehr vorhanden)</em>"
    return (f'<table class="jca-diff"><tr><th>bisher geprüfter Text</th><th>neuer Text</th></tr>'
            f"<tr><td>{old_html}</td><td>{new_html}</td></tr></table>")
