"""Dump every parsed unit of the default corpus (and optional extra files) as JSON lines, with a hash.

Used to show that a refactoring of the parsers leaves their output unchanged: run it before and after
and compare the printed sha256 (the shipped vectors in corpus/embeddings/ are keyed by unit text).

    python scripts/dump_units.py [--out units.jsonl] [--generic FILE ...] [EXTRA_FILE ...]

`--generic` files go through the generic parser whatever they are (a guideline PDF read as an editor's PDF
exercises its heading, table and running-line logic on a real, long document).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tqdm import tqdm  # noqa: E402

from assistant.config import PROJECT_ROOT, get_settings  # noqa: E402
from assistant.sources import parse_file, read_manifest  # noqa: E402
from assistant.sources.generic import parse_generic  # noqa: E402


def _document_lines(path: Path, generic: bool = False, **kwargs) -> list[str]:
    doc = parse_generic(path, settings=get_settings()) if generic else parse_file(path, get_settings(), **kwargs)
    head = {k: v for k, v in asdict(doc).items() if k not in ("units", "source", "sha256")}
    lines = [json.dumps({"document": str(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT)
                                          else path.name), **head}, ensure_ascii=False, default=str)]
    lines.extend(json.dumps(asdict(unit), ensure_ascii=False, default=str) for unit in doc.units)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the JSON lines here")
    parser.add_argument("--generic", nargs="*", type=Path, default=[], help="files for the generic parser")
    parser.add_argument("extra", nargs="*", type=Path, help="further files to parse (name from the file)")
    args = parser.parse_args()
    corpus = PROJECT_ROOT / "corpus"
    jobs = [(e.path, {"name": e.name, "visibility": e.visibility, "source": e.source}) for e in read_manifest(corpus)]
    jobs.extend((path, {}) for path in args.extra)
    jobs.extend((path, {"generic": True}) for path in args.generic)
    lines: list[str] = []
    units = 0
    for path, kwargs in tqdm(jobs, desc="parsing", unit="file"):
        doc_lines = _document_lines(path, **kwargs)
        units += len(doc_lines) - 1
        lines.extend(doc_lines)
    payload = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(payload, encoding="utf-8")
    print(f"{len(jobs)} documents, {units} units, sha256 {hashlib.sha256(payload.encode('utf-8')).hexdigest()}")


if __name__ == "__main__":
    main()
