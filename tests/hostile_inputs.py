"""Crafted files that once made a parser slow or crash (issue 11, item 5), generated on demand.

Used by tests/test_hostile.py (outcome: parsed or refused with a German message) and by
scripts/bench_hostile.py (time per file against a budget).
"""

from __future__ import annotations

from collections.abc import Iterator


def hostile_files() -> Iterator[tuple[str, bytes]]:
    para = "Die Leistungen werden monatlich im Voraus erbracht und auf das Konto überwiesen.\n"
    yield "zeilen-200000.md", ("# Richtlinie\n\n" + para * 200_000).encode()
    yield "zeilen-200000-absaetze.md", ("# Richtlinie\n\n" + (para + "\n") * 100_000).encode()
    yield "ueberschriften-50000.md", "".join(f"## Abschnitt {i}\n\nText {i}.\n\n" for i in range(50_000)).encode()
    yield "klammern-auf.md", ("# K\n\n" + "[" * 200_000 + "\n").encode()
    yield "klammern-bild.md", ("# K\n\n" + "![" * 100_000 + "x" + "](" * 100_000 + "\n").encode()
    yield "klammern-link.md", ("# K\n\n" + "[a](" * 100_000 + "\n").encode()
    yield "klammern-gemischt.md", ("# K\n\n" + "[]([" * 60_000 + "\n").encode()
    yield "tabelle-trenner.md", ("# T\n\n| a |\n" + "|" + " --- |" * 100_000 + "x\n").encode()
    yield "trennlinie.md", ("# T\n\n" + "- " * 200_000 + "x\n").encode()
    yield "eine-zeile.txt", ("Bürgergeld " * 900_000).encode()
    yield "ohne-leerzeichen.txt", ("A" * 8_000_000).encode()
    yield "kommentar-offen.md", ("# K\n\n" + "<!--" * 100_000 + "\n").encode()
    yield "verschachtelt-div.html", ("<html><body>" + "<div>" * 100_000 + "Text" + "</div>" * 100_000 +
                                     "</body></html>").encode()
    yield "verschachtelt-10mb.html", ("<html><body>" + "<b>" * 3_000_000 + "Text</body></html>").encode()
    yield "verschachtelt-tabellen.html", ("<html><body>" + "<table><tr><td>" * 20_000 + "x" +
                                          "</td></tr></table>" * 20_000 + "</body></html>").encode()
    yield "breit-absaetze.html", ("<html><body><h1>T</h1>" + "<p>Ein Absatz.</p>" * 300_000 + "</body></html>").encode()
    yield "attribute.html", ("<html><body><p " + 'a="x" ' * 500_000 + ">Text</p></body></html>").encode()
