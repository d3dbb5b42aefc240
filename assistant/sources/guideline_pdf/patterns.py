"""Layout constants (PDF points) and text patterns of the BA guideline PDFs; imported by every other module."""

from __future__ import annotations

import re

import pymupdf


# --- layout (PDF points) -------------------------------------------------------------

MARGIN_X0 = (412.0, 452.0)  # x0 of margin-column lines on portrait pages
TOP_BAND = 95.0  # running header lines start above this y (both orientations)
BOTTOM_BAND = 90.0  # running footer lines start within this distance of the page bottom
NOTE_TOLERANCE = 7.0  # a body line up to this much above a margin note still starts its unit
HEADING_SIZE = 11.8  # bold body lines at least this large are headings
PART_HEADING_SIZE = 13.5  # "Wesentliche Änderungen", "Gesetzestext", "Inhaltsverzeichnis"
COLUMN_GAP = 20.0  # a horizontal gap this wide between two pieces of one row separates cells

TEXT_FLAGS = pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES

# --- text patterns -----------------------------------------------------------------------------

PARA_RANGE = r"(\d{1,3}[a-z]?)(?:\s*[-–]\s*(\d{1,3}[a-z]?))?"
TITLE_PARA = re.compile(r"^§§?\s*" + PARA_RANGE + r"\s+SGB\s*II\b")
HEADER_PARA = re.compile(r"Fachliche\s+Weisungen\s+(?:zu\s+)?§§?\s*" + PARA_RANGE + r"\s+SGB\s*II\b")
FILE_PARA = re.compile(r"Par_(\d{1,3}[a-z]?)((?:_\d{1,3}[a-z]?)*)", re.IGNORECASE)
# A Randzeichen in the margin column: "(21.8)", "Allgemein (21.8)", "(Rz. 12.14)", "(Rz12.7)",
# "(7.50 – 7.51)"; a few notes in the real files lack one parenthesis ("(7.111", "21.49)").
RZ_NUMBER = r"\d{1,3}[a-z]?\.\d{1,3}[a-z]?"
NOTE_NUMBER = re.compile(
    r"(?:^|(?<=\s))(?P<open>\()?\s*(?P<rz>Rz\.?\s*)?(?P<a>" + RZ_NUMBER + r")"
    r"(?:\s*[-–]\s*(?P<b>" + RZ_NUMBER + r"))?\s*(?P<close>\))?\s*$"
)
HEADER_PATTERNS = (
    re.compile(r"^Seite\s+\d+(\s*(von|/)\s*\d+)?$"),
    re.compile(r"^Stand:?\s*\d{1,2}\.\d{1,2}\.\d{2,4}$"),
    re.compile(r"^BA[\s-]*Zentrale\b"),
    re.compile(r"^Fachliche\s+Weisungen\b.*\bSGB\s*II$"),
)
ANLAGE_HEADER = re.compile(r"^Anlage\b\s*(?P<num>\d+[a-z]?)?\s*(?:[:–-]\s*)?(?P<rest>.*)$")
ANLAGE_HEADING = re.compile(r"^Anlage(?:\s+(?P<num>\d+[a-z]?))?\s*(?:[:–-]\s*(?P<rest>.*)|$)")
CHANGELOG_HEADING = re.compile(r"^Wesentliche\s+Änderungen", re.IGNORECASE)
TOC_HEADING = re.compile(r"^Inhaltsverzeichnis", re.IGNORECASE)
LAW_GROUP = re.compile(r"^(Gesetzestext|Weitere\s+Gesetzestexte|Bekanntmachung)", re.IGNORECASE)
VERSION = re.compile(r"^Fassung\s+vom\s+(\d{1,2}\.\d{1,2}\.\d{4})")
LEADERS = re.compile(r"(\.\s?){5,}\s*\d*\s*$|\.{8,}")
NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
SUBNUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")
LIST_LABEL = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]\)|\(\d+[a-z]?\)|[•▪◦o–-])$")

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CHAR_FIXES = str.maketrans({"\uf0e0": "→", "\uf0b7": "•", "\u02d9": ".", "\u0618": None, "\u00ad": None})
