"""What a calculation returns: steps with their citation, a result, and plain-language rendering.

Every text is a `Message` (a template key and its parameters) so that one calculation renders in
German, English and the other supported languages; the German text is what `text`/`title`/`result`
hold. Amounts are `Decimal` and printed German style in every language ("194,80 Euro"), the way the
cited law writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Round to cents, half up (commercial rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int) -> str:
    """German style: thousands with '.', decimals with ','; whole amounts without decimals."""
    value = Decimal(value)
    if value == value.to_integral_value():
        whole, cents = f"{int(value):,}", ""
    else:
        text = f"{money(value):,.2f}"
        whole, cents = text.split(".")
        cents = "," + cents
    return whole.replace(",", ".") + cents


def format_euro(value: Decimal | int) -> str:
    value = Decimal(value)
    if value != value.to_integral_value():
        text = f"{money(value):,.2f}"
        whole, cents = text.split(".")
        return f"{whole.replace(',', '.')},{cents} Euro"
    return f"{format_number(value)} Euro"


def format_percent(value: Decimal) -> str:
    """"20 %", "2,3 %": as many decimals as the law states, German comma."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") + " %"


@dataclass(frozen=True)
class Euro:
    """An amount parameter of a message (rendered with `format_euro`)."""

    value: Decimal

    def __str__(self) -> str:
        return format_euro(self.value)


@dataclass(frozen=True)
class Percent:
    value: Decimal

    def __str__(self) -> str:
        return format_percent(self.value)


@dataclass(frozen=True)
class Series:
    """A list parameter ("3, 4, 5 oder 6"): separator and last conjunction in the reader's language."""

    values: tuple
    conjunction: str = "and"  # template key: "and" or "or"


@dataclass(frozen=True)
class DayMonth:
    """A date the law writes without a year ("1. August"), shown with the month name of the reader's language."""

    day: int
    month: int


@dataclass(frozen=True)
class Message:
    """A text by template key; parameters may be plain values, Euro/Percent, or other Messages."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str = "de") -> str:
        from .texts import template

        values = {k: _param(v, language) for k, v in self.params.items()}
        return template(self.key, language).format(**values)


def _param(value: Any, language: str) -> str:
    from .texts import template

    if isinstance(value, Message):
        return value.text(language)
    if isinstance(value, Series):
        return _join(value.values, language, value.conjunction)
    if isinstance(value, (list, tuple)):
        return _join(value, language)
    if isinstance(value, DayMonth):
        return template("date.day_month", language).format(day=value.day, month=template(f"month.{value.month}", language))
    return str(value)


def _join(values: list | tuple, language: str, conjunction: str = "and") -> str:
    from .texts import template

    parts = [_param(v, language) for v in values]
    if len(parts) <= 1:
        return "".join(parts)
    return template("list_sep", language).join(parts[:-1]) + template(conjunction, language) + parts[-1]


@dataclass(frozen=True)
class Step:
    message: Message
    citation: str = ""  # "§ 11b Abs. 3 SGB II"; empty for a pure arithmetic step

    @property
    def text(self) -> str:
        return self.message.text("de")


# The citizen topic of each calculation, for its "Was Sie jetzt tun können" line (i18n topic.<name>.next_step).
TOPIC_OF_KIND = {
    "freibetrag": "einkommen", "aufwandsentschaedigung": "einkommen",
    "mehrbedarf_alleinerziehend": "familie", "haushalt_bedarf": "familie", "mehrbedarf_schwangerschaft": "mehrbedarf",
    "mehrbedarf_warmwasser": "mehrbedarf",
    "regelbedarf": "regelbedarf", "regelbedarf_tabelle": "regelbedarf", "regelbedarf_paar": "regelbedarf",
    "regelbedarf_wechsel": "regelbedarf",
    "schulbedarf": "bildung", "teilhabe": "bildung", "vermoegen": "vermoegen",
    "leistungsminderung": "leistungsminderung",
}


@dataclass(frozen=True)
class Calculation:
    kind: str  # "freibetrag", "regelbedarf", "regelbedarf_wechsel", "mehrbedarf_alleinerziehend", …
    title_message: Message
    steps: tuple[Step, ...]
    result_message: Message
    citations: tuple[str, ...]
    computable: bool = True
    value: Decimal | None = None  # the main figure of the result, when there is one
    values: Mapping[str, Decimal] = field(default_factory=dict)  # further figures by name
    stands: Mapping[str, str] = field(default_factory=dict)  # citation → Stand (ISO date) of its document
    notes: tuple[Message, ...] = ()
    # what the result means for the person's Bürgergeld (shown right after the result)
    outlook: tuple[Message, ...] = ()

    @property
    def title(self) -> str:
        return self.title_message.text("de")

    @property
    def topic(self) -> str | None:
        return TOPIC_OF_KIND.get(self.kind)

    @property
    def result(self) -> str:
        return self.result_message.text("de")

    def render(self, language: str = "de") -> str:
        from .texts import render_markdown

        return render_markdown(self, language)
