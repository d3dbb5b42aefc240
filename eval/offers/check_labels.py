"""Check that every label in labels.jsonl can be found in its posting text.

Text fields (title, employer, contact, e-mail, phone, postcode, municipality, requirements) must occur
verbatim (whitespace collapsed, case-insensitive). Normalised fields (dates, numbers, kinds, tariff,
route) must have a surface form in the text. Run: python eval/offers/check_labels.py [--only-new]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
MONTHS = ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember"]
KIND_WORDS = {
    "Vollzeit": ["vollzeit", "vollbeschäftigung", "full-time", "full time"],
    "Teilzeit": ["teilzeit", "part-time", "part time"],
    "Minijob": ["minijob", "geringfügig", "450 euro", "520 euro", "538", "556", "mini-job", "aushilfe"],
    "unbefristet": ["unbefristet", "festanstellung", "feste anstellung", "befristung nein", "befristung: nein"],
    "befristet": ["befristet", "befristung"],
    "Ausbildung": ["ausbildung", "auszubildende", "azubi"],
    "Praktikum": ["praktikum", "praktikant"],
}
PERIOD_WORDS = {"MONTH": ["monat", "mtl", "monatlich"], "HOUR": ["stunde", "std", "/h"],
                "YEAR": ["jahr", "jährlich", "p.a", "€ brutto", "k €", "tsd"]}
ROUTE_WORDS = {"E-Mail": ["@", "e-mail", "email", "mail"], "Telefon": ["telefon", "anruf", "ruf"],
               "Online": ["online", "join", "formular", "portal", "bewirb", "bewerben", "button", "karriereseite"],
               "Post": ["post", "schriftlich", "anschrift", "adresse"]}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def number_forms(x: float) -> list[str]:
    """Surface forms a German text may use for a number (3413.85 -> 3.413,85, 3413,85, 3413.85 ...)."""
    forms = set()
    whole = int(round(x)) if abs(x - round(x)) < 1e-9 else None
    if whole is not None:
        forms |= {str(whole), f"{whole:,}".replace(",", "."), f"{whole:,}".replace(",", " ")}
        if whole >= 1000 and whole % 1000 == 0:
            forms |= {f"{whole // 1000}k", f"{whole // 1000} k", f"{whole // 1000}.000"}
    two = f"{x:.2f}"
    intpart, dec = two.split(".")
    grouped = f"{int(intpart):,}".replace(",", ".")
    forms |= {f"{intpart},{dec}", f"{grouped},{dec}", two, f"{intpart},{dec.rstrip('0') or '0'}"}
    one = f"{x:.1f}"
    forms |= {one.replace(".", ","), one}
    return sorted(forms)


def date_forms(iso: str) -> list[str]:
    parts = [int(p) for p in iso.split("-")]
    y, m = parts[0], parts[1]
    forms = [f"{MONTHS[m - 1]} {y}", f"{m:02d}/{y}", f"{m:02d}.{y}", f"{m}/{y}", f"{m:02d}.{str(y)[2:]}"]
    if len(parts) == 3:
        d = parts[2]
        forms += [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{str(y)[2:]}", f"{d}. {MONTHS[m - 1]} {y}",
                  f"{d:02d}. {MONTHS[m - 1]} {y}", f"{d}.{m:02d}.{y}", f"{d:02d}.{m}.{y}", iso,
                  f"{d:02d}.{m:02d}.", f"{d}. {MONTHS[m - 1]}", f"{d:02d}. {MONTHS[m - 1]}", f"{d}.{m}."]
        date(y, m, d)  # raises on an impossible date
    return forms


def any_in(text: str, forms: list[str]) -> bool:
    return any(norm(f) in text for f in forms)


def check(rec: dict, text: str) -> list[str]:
    t = norm(text)
    f = rec["fields"]
    bad: list[str] = []
    for key in ("title", "employer", "contact_person", "email", "phone", "postcode", "municipality"):
        v = f.get(key)
        if v is not None and norm(v) not in t:
            bad.append(f"{key}={v!r} not in text")
    for item in f.get("requirements") or []:
        if norm(item) not in t:
            bad.append(f"requirement {item!r} not in text")
    sd = f.get("start_date")
    if sd == "ab sofort":
        if not any_in(t, ["ab sofort", "nächstmöglich", "nächst möglich", "sofort", "schnellstmöglich", "frühestmöglich"]):
            bad.append("start_date 'ab sofort' has no surface form")
    elif sd and not any_in(t, date_forms(sd)):
        bad.append(f"start_date {sd} has no surface form")
    wt = f.get("working_time") or {}
    if wt.get("kind") and not any_in(t, KIND_WORDS[wt["kind"]]):
        bad.append(f"working_time.kind {wt['kind']} not said")
    if wt.get("hours_per_week") is not None and not any_in(t, number_forms(wt["hours_per_week"])):
        bad.append(f"hours_per_week {wt['hours_per_week']} not in text")
    if wt.get("shift") and not any_in(t, ["schicht", "nachtdienst", "wechseldienst", "früh-", "spätdienst", "dienste"]):
        bad.append("shift=true not said")
    c = f.get("contract") or {}
    if c.get("kind") and not any_in(t, KIND_WORDS[c["kind"]]):
        bad.append(f"contract.kind {c['kind']} not said")
    eod = c.get("end_or_duration")
    if eod:
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", eod):
            if not any_in(t, date_forms(eod)):
                bad.append(f"end_or_duration {eod} has no surface form")
        elif norm(eod) not in t and not any_in(t, [eod.split()[0] + " " + w for w in ("monat", "jahr", "woche")]):
            bad.append(f"end_or_duration {eod!r} not in text")
    p = f.get("pay") or {}
    if p.get("amount") is not None and not any_in(t, number_forms(p["amount"])):
        bad.append(f"pay.amount {p['amount']} not in text")
    if p.get("period") and p.get("amount") is not None and not any_in(t, PERIOD_WORDS[p["period"]]):
        bad.append(f"pay.period {p['period']} not said")
    if p.get("tariff"):
        for tok in re.split(r"\s+", p["tariff"]):
            if norm(tok) not in t:
                bad.append(f"tariff token {tok!r} not in text")
    if p.get("negotiable") and not any_in(t, ["nach vereinbarung", "verhandlungsbasis", "gehaltsvorstellung", "verhandelbar"]):
        bad.append("pay.negotiable not said")
    a = f.get("application") or {}
    if a.get("route") and not any_in(t, ROUTE_WORDS[a["route"]]):
        bad.append(f"application.route {a['route']} not said")
    if a.get("deadline") and not any_in(t, date_forms(a["deadline"])):
        bad.append(f"deadline {a['deadline']} has no surface form")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only-new", action="store_true", help="skip p01-p17 (labelled before this check existed)")
    ap.add_argument("--min-chars", type=int, default=400)
    args = ap.parse_args()
    recs = [json.loads(line) for line in (HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    errors = 0
    ids = set()
    for rec in recs:
        if rec["id"] in ids:
            print(f"{rec['id']}: duplicate id")
            errors += 1
        ids.add(rec["id"])
        is_old = int(rec["id"][1:]) <= 17
        if args.only_new and is_old:
            continue
        if rec.get("split") not in ("dev", "test"):
            print(f"{rec['id']}: split {rec.get('split')!r}")
            errors += 1
        path = HERE / rec["text_file"]
        if not path.exists():
            print(f"{rec['id']}: missing {path}")
            errors += 1
            continue
        text = path.read_text(encoding="utf-8")
        if not is_old and len(text) < args.min_chars:
            print(f"{rec['id']}: only {len(text)} characters")
            errors += 1
        for msg in check(rec, text):
            print(f"{rec['id']}: {msg}")
            errors += 1
    splits = {s: sum(1 for r in recs if r.get("split") == s) for s in ("dev", "test")}
    print(f"{len(recs)} postings ({splits}), {errors} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
