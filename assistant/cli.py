"""`python -m assistant …` — calls the library, prints results; nothing else lives here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .accounts import ROLES
from .errors import UserFacingError
from .model import Audience, Visibility
from .workspace import Workspace

EXIT_INTERNAL_ERROR = 1  # a bug or an unreachable service (also Python's own code for an uncaught error)
EXIT_REJECTED = 2  # the input was refused: a file, an argument, a missing document or index
EXIT_INTERRUPTED = 130

console = Console()
err_console = Console(stderr=True)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, transient=False)


def cmd_ingest(args: argparse.Namespace, ws: Workspace) -> int:
    from .ingest import Ingestor

    with _progress() as bar:
        task = bar.add_task("Aufnahme", total=None)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total or None, description=f"Aufnahme {what}"[:60])

        ingestor = Ingestor(ws, progress)
        if args.paths:
            visibility = Visibility(args.visibility) if args.visibility else None
            summary = ingestor.ingest_paths([Path(p) for p in args.paths], name=args.name,
                                            visibility=visibility, actor="cli",
                                            confirm_replace=args.confirm_replace)
        else:
            summary = ingestor.ingest_corpus(actor="cli", confirm_replace=args.confirm_replace)
    table = Table(title="Aufnahme in den Index")
    for col in ("Datei", "Dokument", "Ergebnis", "neu", "geändert", "entfernt", "unverändert", "Stand"):
        table.add_column(col)
    for r in summary.reports:
        stand = r.stand_after if r.stand_before in ("", r.stand_after) else f"{r.stand_before} → {r.stand_after}"
        table.add_row(r.file, r.name, r.status if not r.error else "Fehler", str(r.added), str(r.changed),
                      str(r.removed), str(r.unchanged), stand)
    console.print(table)
    for r in summary.reports:
        if r.status == "updated" and r.changed_sections:
            console.print(f"[bold]{r.name}[/bold]: geänderte Abschnitte: {', '.join(r.changed_sections)}")
    for r in summary.failed:
        err_console.print(f"[red]Fehler:[/red] {r.error}")
    console.print(
        f"{len(summary.reports)} Dokumente, Einheiten: {summary.total('added')} neu, {summary.total('changed')} geändert, "
        f"{summary.total('removed')} entfernt, {summary.total('unchanged')} unverändert; "
        f"{summary.total('embedded')} eingebettet; {summary.seconds:.1f} s"
    )
    return EXIT_REJECTED if summary.failed else 0


def cmd_status(args: argparse.Namespace, ws: Workspace) -> int:
    versions = ws.catalog.active_versions() if ws.settings.catalog_path.exists() else []
    rows = [
        {"name": v.name, "kind": v.kind, "visibility": v.visibility, "stand": v.stand, "units": v.n_units,
         "version": v.id, "ingested_at": datetime.fromtimestamp(v.ingested_at).isoformat(timespec="seconds"),
         "source": v.source}
        for v in versions
    ]
    from .health import check_store

    health = check_store(ws) if versions else None
    if args.json:
        store = {"state": health.state.value, "store": health.store, "expected": health.expected,
                 "present": health.present, "total": health.total, "message": health.message} if health else None
        print(json.dumps({"documents": rows, "units": sum(r["units"] for r in rows), "vector_store": store},
                         ensure_ascii=False, indent=2))
        return 0
    table = Table(title=f"Index: {len(rows)} Dokumente, {sum(r['units'] for r in rows)} Einheiten")
    for col in ("Dokument", "Art", "Sichtbarkeit", "Stand", "Einheiten", "aufgenommen"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["name"], r["kind"], r["visibility"], r["stand"], str(r["units"]), r["ingested_at"])
    console.print(table)
    if health is not None:
        console.print(f"[yellow]{escape(health.message)}[/yellow]" if not health.ok else
                      f"Vektorspeicher ({escape(health.store)}): {health.present} von {health.expected} Vektoren vorhanden.",
                      highlight=False)
    return 0


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    from .retrieval.lookup import UnitLookup
    from .retrieval.references import find_references

    refs = find_references(args.reference)
    if not refs:
        raise UserFacingError(f"In „{args.reference}“ wurde keine Fundstelle erkannt (z. B. „§ 22 Abs. 1 SGB II“ oder „Rz. 21.27“).")
    lookup = UnitLookup(ws.catalog.active_units())
    found = [su for ref in refs for su in lookup.resolve(ref, Audience.STAFF)]
    if not found:
        raise UserFacingError(f"Die Fundstelle „{args.reference}“ ist im Index nicht vorhanden.")
    for su in found:
        u = su.unit
        console.rule(str(su.citation))
        console.print(f"Titel: {u.title}\nGliederung: {' › '.join(u.breadcrumb)}\nStand: {su.stand}  "
                      f"Sichtbarkeit: {su.visibility}  Rolle: {u.role}  Seite: {u.page or '–'}\nLink: {u.link}")
        console.print(u.text, markup=False, highlight=False)
        if u.footnotes:
            console.print(f"Fußnoten: {u.footnotes}", markup=False, highlight=False)
    return 0


def cmd_remove(args: argparse.Namespace, ws: Workspace) -> int:
    from .ingest import Ingestor

    if not Ingestor(ws).remove(args.name, actor="cli"):
        raise UserFacingError(f"Ein Dokument „{args.name}“ ist nicht im Index.")
    console.print(f"„{args.name}“ wurde aus dem Index entfernt.")
    return 0


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    from .retrieval.retriever import Retriever

    _require_index(ws)
    result = Retriever(ws).retrieve(args.question, Audience.coerce(args.audience), k=args.k)
    rows = [
        {"rank": i, "citation": str(h.unit.citation),
         "doc": h.unit.doc, "unit": h.unit.label, "title": h.unit.unit.title, "stand": h.unit.stand,
         "visibility": h.unit.visibility, "score": round(h.score, 4), "exact": h.exact, "link": h.unit.unit.link}
        for i, h in enumerate(result.hits, start=1)
    ]
    if args.json:
        print(json.dumps({"question": args.question, "audience": args.audience, "relevant": result.relevant,
                          "confidence": round(result.confidence, 4), "results": rows}, ensure_ascii=False, indent=2))
        return 0
    if not result.relevant:
        console.print("[yellow]Keine ausreichend passende Quelle gefunden (unter der Relevanzschwelle).[/yellow]")
    table = Table(title=f"Treffer für: {args.question}")
    for col in ("#", "Fundstelle", "Titel", "Stand", "Score"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["rank"]), r["citation"], r["title"][:60], r["stand"], f"{r['score']:.3f}")
    console.print(table)
    return 0


def cmd_eval(args: argparse.Namespace, ws: Workspace) -> int:
    from .evaluation import load_questions, run_retrieval, summarize
    from .retrieval.retriever import Retriever

    _require_index(ws)
    questions = load_questions(Path(args.questions))
    retriever = Retriever(ws)
    with _progress() as bar:
        task = bar.add_task("Auswertung", total=len(questions))
        outputs = run_retrieval(questions, retriever, k=max(args.k, 10),
                                progress=lambda n: bar.update(task, completed=n))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outputs), encoding="utf-8")
    summary = summarize(questions, outputs)
    if args.answers:
        from .evaluation import run_answers, summarize_answers

        with _progress() as bar:
            task = bar.add_task("Antworten", total=len(questions))
            answers = run_answers(questions, retriever, progress=lambda n: bar.update(task, completed=n))
        by_id = {a["id"]: a for a in answers}
        for o in outputs:
            o["answer"] = by_id[o["id"]]["answer"]
            o["answer_refused"] = by_id[o["id"]]["refused"]
        summary["answers"] = summarize_answers(questions, answers)
        summary["answers"]["backend"] = ws.settings.llm_backend
        if args.output:
            Path(args.output).write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outputs),
                                         encoding="utf-8")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    table = Table(title=f"Retrieval auf {args.questions}")
    for col in ("Gruppe", "n", "Hit@1", "Hit@5", "MRR", "Einheit Hit@1", "Einheit Hit@5", "Einheit MRR"):
        table.add_column(col)

    def add(name: str, f: dict) -> None:
        table.add_row(name, str(f["n"]), f"{f['hit1']:.2f}", f"{f['hit5']:.2f}", f"{f['mrr']:.2f}",
                      f"{f['unit_hit1']:.2f}", f"{f['unit_hit5']:.2f}", f"{f['unit_mrr']:.2f}")

    add("gesamt", summary["overall"])
    for name, f in summary["per_kind"].items():
        add(f"Art: {name}", f)
    for name, f in summary["per_language"].items():
        add(f"Sprache: {name}", f)
    console.print(table)
    oos = summary["out_of_scope"]
    if oos["n"]:
        console.print(f"Ablehnung außerhalb des Themas: {oos['refusal_accuracy']:.2f} (n={oos['n']}); "
                      f"fälschlich abgelehnt: {summary['answerable_refused']}")
    console.print(f"Lecks (interne Einheiten für Bürger): {summary['leaks']}")
    if "answers" in summary:
        a = summary["answers"]
        fmt = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
        console.print(
            f"Antworten ({a['backend']}): must_contain {fmt(a['must_contain_coverage'])}, "
            f"gültige Zitate {fmt(a['citation_validity'])}, unbelegte Zahlen {fmt(a['unsupported_rate'])}, "
            f"Ablehnung außerhalb des Themas {fmt(a['refusal_accuracy'])}, fälschlich abgelehnt "
            f"{a['answerable_refused']}, Lecks {a['leaks']}; erste Ausgabe p50/p95 "
            f"{a['first_output_p50_s']:.2f}/{a['first_output_p95_s']:.2f} s, gesamt p50/p95 "
            f"{a['total_p50_s']:.2f}/{a['total_p95_s']:.2f} s")
    if args.verbose:
        for m in summary["misses"]:
            console.print(f"  {m['id']} Rang {m['section_rank']}: {m['question'][:70]} → {m['top']}", markup=False)
    return 0


def cmd_export_embeddings(args: argparse.Namespace, ws: Workspace) -> int:
    from .ingest import export_embeddings

    _require_index(ws)
    console.print(f"Vektoren geschrieben: {export_embeddings(ws)}")
    return 0


def _require_index(ws: Workspace) -> None:
    if not ws.is_built():
        raise UserFacingError("Der Index ist leer. Bitte zuerst „python -m assistant ingest“ ausführen.")


def cmd_ask(args: argparse.Namespace, ws: Workspace) -> int:
    from rich.markup import escape

    from .answering.service import answer
    from .retrieval.retriever import Retriever

    _require_index(ws)
    result = answer(args.question, Audience.coerce(args.audience), retriever=Retriever(ws))
    if args.json:
        print(json.dumps({
            "question": result.question, "audience": result.audience, "mode": result.mode.value,
            "language": result.language, "text": result.text, "notice": result.notice,
            "fallback_reason": result.fallback_reason,
            "checks": {"ok": result.checks.ok, "removed_citations": list(result.checks.removed_citations),
                       "unsupported": list(result.checks.unsupported),
                       "uncited_statements": result.checks.uncited_statements},
            "sources": [{"number": s.number, "citation": s.citation, "title": s.title, "stand": s.stand,
                         "visibility": s.visibility, "link": s.link, "page": s.page,
                         "highlights": list(s.highlights)} for s in result.sources],
        }, ensure_ascii=False, indent=2))
        return 0
    modes = {"generated": "vom Sprachmodell formuliert", "extractive": "aus den Quellen zusammengestellt",
             "refused": "keine Antwort aus den Quellen"}
    console.rule(f"Antwort ({modes.get(result.mode.value, result.mode.value)})")
    console.print(result.text, markup=False, highlight=False)
    if result.notice:
        console.print(f"\n[italic]{escape(result.notice)}[/italic]", highlight=False)
    if result.fallback_reason:
        console.print(f"[yellow]Grund:[/yellow] {escape(result.fallback_reason)}", highlight=False)
    checks = result.checks
    if checks.removed_citations or checks.unsupported or checks.uncited_statements:
        console.print(f"Prüfung: entfernte Verweise {list(checks.removed_citations) or '–'}; "
                      f"unbelegte Zahlen: {', '.join(checks.unsupported) or '–'}; "
                      f"Aussagen ohne Quelle: {checks.uncited_statements}", markup=False, highlight=False)
    if result.sources:
        console.rule("Quellen")
        for s in result.sources:
            page = f", S. {s.page}" if s.page else ""
            console.print(f"[{s.number}] {s.citation} (Stand {s.stand}{page})" + (f"\n    {s.link}" if s.link else ""),
                          markup=False, highlight=False)
    return 0


def cmd_serve(args: argparse.Namespace, ws: Workspace) -> int:
    import logging
    import os

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import uvicorn

    from ui.app import create_app  # the only place the core imports the web app, and only when serving

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app, _ = create_app(ws)
    host, port = args.host or ws.settings.ui_host, args.port or ws.settings.ui_port
    console.print(f"Jobcenter-Assistent: http://{host}:{port}/ (Bürgerinfo), /mitarbeitende, /redaktion")
    if not ws.is_built():
        console.print("[yellow]Der Index ist leer. Bitte „python -m assistant ingest“ ausführen.[/yellow]")
    proxies = ws.settings.ui_trusted_proxies.strip()  # the reverse proxy's address: the login throttle then sees clients
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=bool(proxies),
                forwarded_allow_ips=proxies or None)
    return 0


def cmd_add_user(args: argparse.Namespace, ws: Workspace) -> int:
    import getpass

    from .accounts import add_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Passwort: ")
        if getpass.getpass("Passwort wiederholen: ") != password:
            raise UserFacingError("Die Passwörter stimmen nicht überein.")
    path = ws.settings.users_path
    new = add_user(path, args.name, args.role, password)
    console.print(f"Konto „{args.name}“ ({args.role}) {'angelegt' if new else 'geändert'} in {path}.")
    return 0


def cmd_faq_check(args: argparse.Namespace, ws: Workspace) -> int:
    from .faq.entries import load_dir, load_file
    from .faq.integrity import check_entries

    paths = [Path(p) for p in args.paths]
    entries = [e for p in paths for e in load_file(p)] if paths else load_dir(ws.settings.faq_dir)
    results = check_entries(entries, ws.catalog.active_units())
    failed = {k: v for k, v in results.items() if v}
    for problems in failed.values():
        for problem in problems:
            console.print(f"✗ {problem}", highlight=False, markup=False)
    console.print(f"{len(results) - len(failed)} von {len(results)} Einträgen bestehen alle Prüfungen.")
    return 1 if failed else 0


def cmd_faq_embeddings(args: argparse.Namespace, ws: Workspace) -> int:
    import numpy as np

    from .faq.book import build_matcher, not_covered_questions, training_texts
    from .faq.matcher import (PASSAGE_KIND, QUERY_KIND, shipped_classifier_path, shipped_query_vectors_path,
                              text_hash, text_vectors)
    from .faq.store import EntryStatus, FaqStore

    served = {e.entry.id: e for e in FaqStore(ws.catalog).entries() if e.status is EntryStatus.ACTIVE}
    if not served:  # an empty or unbuilt index would overwrite the shipped vectors and classifier with nothing
        console.print("[red]Keine aktiven Häufigen Fragen im Index – bitte zuerst `python -m assistant ingest` "
                      "ausführen. Die mitgelieferten Vektoren bleiben unverändert.[/red]")
        return 2
    variants, answers = training_texts(served)
    hashes, vectors = [], []
    with _progress() as progress:
        questions = sorted({q for _, q in variants} | set(not_covered_questions(ws.settings)))
        for kind, texts in ((QUERY_KIND, questions), (PASSAGE_KIND, sorted({a for _, a in answers}))):
            task = progress.add_task("Fragen einbetten" if kind == QUERY_KIND else "Antworten einbetten",
                                     total=len(texts))
            vectors.append(text_vectors(texts, ws.embedder, ws.catalog, ws.settings.corpus_dir, kind=kind,
                                        progress=lambda done, total, t=task: progress.update(t, completed=done)))
            progress.update(task, completed=len(texts))
            hashes += [text_hash(t, kind) for t in texts]
    path = shipped_query_vectors_path(ws.settings.corpus_dir, ws.embedder.name)
    np.savez_compressed(path, hashes=np.array(hashes), vectors=np.vstack(vectors))
    matcher = build_matcher(ws, served)
    classifier_path = shipped_classifier_path(ws.settings.corpus_dir, ws.embedder.name)
    matcher.classifier.save(classifier_path)
    console.print(f"{len(variants)} Fragevarianten und {len(answers)} Antworten → {path}; Klassifikator → "
                  f"{classifier_path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobcenter-assistent", description="Jobcenter-Assistent")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="Dokumente aufnehmen (ohne Pfad: das Standardkorpus)")
    p.add_argument("paths", nargs="*")
    p.add_argument("--visibility", choices=[v.value for v in Visibility])
    p.add_argument("--name")
    p.add_argument("--confirm-replace", action="store_true",
                   help="eine Ersetzung zulassen, die Art oder Sichtbarkeit ändert oder ein Gesetz stark verkleinert")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("status", help="Dokumente im Index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("show", help="eine Fundstelle anzeigen, z. B. „§ 22 Abs. 1 SGB II“")
    p.add_argument("reference")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("remove", help="ein Dokument zurückziehen")
    p.add_argument("name")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("search", help="Fundstellen zu einer Frage suchen")
    p.add_argument("question")
    p.add_argument("--audience", choices=["citizen", "staff"], default="staff")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval", help="Auswertung auf einer Fragendatei (JSONL)")
    p.add_argument("questions")
    p.add_argument("--output")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--answers", action="store_true", help="auch Antworten erzeugen und bewerten")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("ask", help="eine Frage beantworten, mit nummerierten Quellen")
    p.add_argument("question")
    p.add_argument("--audience", choices=["citizen", "staff"], default="citizen")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("export-embeddings", help="Vektoren des Standardkorpus nach corpus/embeddings/ schreiben")
    p.set_defaults(func=cmd_export_embeddings)

    p = sub.add_parser("faq-check", help="Häufige Fragen prüfen (Sprachen, Fundstellen, Zahlen)")
    p.add_argument("paths", nargs="*", help="TOML-Dateien (Standard: alle unter corpus/faq/)")
    p.set_defaults(func=cmd_faq_check)

    p = sub.add_parser("faq-embeddings", help="Vektoren der Fragevarianten nach corpus/embeddings/ schreiben")
    p.set_defaults(func=cmd_faq_embeddings)

    p = sub.add_parser("serve", help="die Web-Oberfläche starten (Bürgerinfo, Mitarbeitende, Redaktion)")
    p.add_argument("--host", help="Adresse (Standard: JCA_UI_HOST oder 127.0.0.1)")
    p.add_argument("--port", type=int, help="Port (Standard: JCA_UI_PORT oder 7860)")
    p.set_defaults(func=cmd_serve)

    from assistant.offers.cli import add_parsers as add_offer_parsers

    add_offer_parsers(sub)

    p = sub.add_parser("add-user", help="ein Konto für die Web-Oberfläche anlegen oder ändern")
    p.add_argument("name")
    p.add_argument("--role", choices=list(ROLES), required=True)
    p.add_argument("--password-stdin", action="store_true", help="Passwort aus der ersten Zeile der Standardeingabe lesen")
    p.set_defaults(func=cmd_add_user)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, Workspace())
    except UserFacingError as exc:
        err_console.print(f"[red]Fehler:[/red] {exc.message}", highlight=False)
        return EXIT_REJECTED if exc.refused_input else EXIT_INTERNAL_ERROR
    except KeyboardInterrupt:
        err_console.print("Abgebrochen.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a bug or an unreachable service: no traceback for the user
        if os.environ.get("JCA_DEBUG"):
            raise
        err_console.print(f"[red]Fehler:[/red] Unerwarteter Fehler ({type(exc).__name__}). Der Index ist unverändert, "
                          "wenn eine Aufnahme lief. Details mit JCA_DEBUG=1.", highlight=False)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
