"""The vocabulary: citations written one way, one shape for a document version, one query analysis."""

from __future__ import annotations

from assistant.answering.service import answer
from assistant.catalog import VersionInfo
from assistant.language import detect_language
from assistant.model import Citation, DocKind, DocumentVersion, Visibility
from assistant.retrieval.query import analyse_query
from assistant.retrieval.retriever import Retriever
from assistant.workspace import Workspace


def test_citation_is_written_one_way_per_kind() -> None:
    assert str(Citation("SGB II", DocKind.LAW, "§ 11b Abs. 3")) == "§ 11b Abs. 3 SGB II"
    assert str(Citation("SGB II", DocKind.LAW)) == "SGB II"
    assert str(Citation("FW § 21", DocKind.GUIDELINE, "Rz. 21.27")) == "FW § 21 SGB II, Rz. 21.27"
    assert str(Citation("FW § 21", "guideline")) == "FW § 21 SGB II"
    assert str(Citation("KdU-Richtlinie Beispielkreis", DocKind.OTHER, "2. Mietobergrenzen")) == \
        "KdU-Richtlinie Beispielkreis, 2. Mietobergrenzen"


def test_stored_units_and_sources_carry_the_citation(built_workspace: Workspace) -> None:
    units = {(su.doc, su.label): su for su in built_workspace.catalog.active_units()}
    su = units[("FW § 21", "Rz. 21.27")]
    assert su.citation == Citation("FW § 21", DocKind.GUIDELINE, "Rz. 21.27")
    result = answer("Was steht in § 11b Abs. 3 SGB II?", "staff", retriever=Retriever(built_workspace))
    assert result.sources[0].citation == "§ 11b Abs. 3 SGB II"


def test_a_stored_version_has_the_shape_of_a_parsed_one(built_workspace: Workspace) -> None:
    version = built_workspace.catalog.active_version("SGB II")
    assert isinstance(version, VersionInfo) and isinstance(version, DocumentVersion)
    assert version.kind is DocKind.LAW and version.visibility is Visibility.PUBLIC
    assert version.n_units > 100 and version.stand and version.sha256
    internal = built_workspace.catalog.active_version("KdU-Richtlinie Beispielkreis")
    assert internal.kind is DocKind.OTHER and internal.visibility is Visibility.INTERNAL


def test_query_analysis_is_made_once_and_carried(built_workspace: Workspace) -> None:
    retriever = Retriever(built_workspace)
    asked = "And how much for children?"
    query = "Wie hoch ist der Regelbedarf für eine alleinstehende Person? " + asked
    result = retriever.retrieve(query, "citizen", asked=asked)
    assert result.query == analyse_query(query, asked)
    assert result.query.text == query and result.query.amount and result.query.expansions
    assert result.query.language == detect_language(asked) == "en"  # the follow-up's language, not the first one's
    assert retriever.retrieve(query, "citizen").query.language == detect_language(query) == "de"
