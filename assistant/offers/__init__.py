"""Job offers (the "Adest" use case): read an employer's e-mail, PDF, DOCX, HTML or text and propose a
prefilled, checkable offer whose every value points at the span of the source it was read from."""

from assistant.offers.extract import extract_offer, split_offers
from assistant.offers.model import ExtractedOffer, FieldValue, JobPosting
from assistant.offers.reader import read_offer_file, read_offer_text

__all__ = ["ExtractedOffer", "FieldValue", "JobPosting", "extract_offer", "read_offer_file", "read_offer_text",
           "split_offers"]
