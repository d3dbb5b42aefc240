"""`python -m assistant offer FILE [--json]` and `offer-eval LABELS [--split dev|test]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from assistant.config import get_settings
from assistant.offers.evaluation import GROUPS, evaluate
from assistant.offers.export import offer_values, to_jobposting
from assistant.offers.extract import extract_offer, split_offers
from assistant.offers.model import FIELD_LABELS, NOT_FOUND
from assistant.offers.proposals import add_model_proposals
from assistant.offers.reader import read_offer_file

console = Console()


def cmd_offer(args: argparse.Namespace, ws) -> int:  # noqa: ANN001 - Workspace, unused
    settings = get_settings()
    offers = []
    for source in read_offer_file(Path(args.file), settings=settings):
        spans = split_offers(source.text)
        for start, end in spans:
            offer, _dropped = add_model_proposals(extract_offer(source.text[start:end], source.name), settings)
            offer.several_offers = len(spans) > 1
            offers.append(offer)
    # the cover text of a mail ("anbei unser Stellenangebot") is no offer of its own when an attachment holds one
    cover = [o for o in offers if o.source_name.endswith("(Text der E-Mail)") and "title" not in o.fields]
    if cover and len(cover) < len(offers):
        offers = [o for o in offers if o not in cover]
    if args.json:
        print(json.dumps([to_jobposting(offer_values(o)) for o in offers], ensure_ascii=False, indent=2))
        return 0
    for number, offer in enumerate(offers, 1):
        table = Table(title=f"Stellenangebot {number} – {offer.source_name}", show_lines=False)
        table.add_column("Feld")
        table.add_column("Wert")
        table.add_column("Fundstelle im Text")
        for key, label in FIELD_LABELS.items():
            field = offer.fields.get(key)
            table.add_row(label, NOT_FOUND if field is None else str(field.value),
                          "" if field is None else f"{field.start}–{field.end}: „{field.raw[:60]}“")
        for req in offer.requirements:
            table.add_row("Anforderung", str(req.value), f"{req.start}–{req.end}")
        console.print(table)
        if offer.several_offers:
            console.print("[yellow]Hinweis:[/yellow] Die Quelle enthält offenbar mehrere Stellenangebote; bitte prüfen.")
    return 0


def cmd_offer_eval(args: argparse.Namespace, ws) -> int:  # noqa: ANN001
    report = evaluate(Path(args.file), args.split)
    table = Table(title=f"Stellenangebote: {report.n} Angebote ({args.split or 'alle'})")
    for column in ("Feld", "Precision", "Recall", "F1", "TP", "FP", "FN"):
        table.add_column(column)
    for key, c in report.per_field.items():
        table.add_row(key, f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}", str(c.tp), str(c.fp), str(c.fn))
    for name in GROUPS:
        c = report.group(name)
        table.add_row(f"[bold]{name}[/bold]", f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}", str(c.tp), str(c.fp), str(c.fn))
    console.print(table)
    n = max(report.n, 1)
    console.print(f"Angebote mit allen vorhandenen Feldern richtig: {report.all_present_right}/{report.n} "
                  f"({report.all_present_right / n:.0%}); ohne jede Korrektur: {report.no_correction}/{report.n} "
                  f"({report.no_correction / n:.0%})")
    console.print(f"Zeit pro Angebot: max {report.seconds_max * 1000:.1f} ms, Mittel {report.seconds_total / n * 1000:.1f} ms; "
                  f"Werte ohne Fundstelle im Text: {report.unsupported_values}")
    return 0


def add_parsers(sub) -> None:  # noqa: ANN001 - argparse's private subparsers type
    p = sub.add_parser("offer", help="ein Stellenangebot (E-Mail, PDF, DOCX, HTML, TXT) auslesen")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="als schema.org JobPosting (JSON)")
    p.set_defaults(func=cmd_offer)
    p = sub.add_parser("offer-eval", help="Auswertung der Stellenangebots-Erkennung auf gelabelten Angeboten (JSONL)")
    p.add_argument("file")
    p.add_argument("--split", choices=["dev", "test"], default=None)
    p.set_defaults(func=cmd_offer_eval)
