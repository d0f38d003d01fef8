"""Size limits of one document, shared by the readers, the app's uploader and the tests.

Extraction takes about 15 microseconds a character (all five extractors), so MAX_CHARS bounds one
document's extraction to about 15 seconds; MAX_BYTES allows PDFs with images.
"""

from __future__ import annotations

MAX_BYTES = 20_000_000  # one file or download; .streamlit/config.toml maxUploadSize = 20 (MB)
MAX_CHARS = 1_000_000  # decoded text of one document
MAX_PDF_PAGES = 500
MAX_UNZIPPED_BYTES = 100_000_000  # all members of a .docx, as its zip directory declares them
MAX_ZIP_MEMBERS = 5_000
FETCH_TIMEOUT_SECONDS = 15.0
