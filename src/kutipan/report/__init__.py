"""Reports across documents: who gets quoted, linked across articles, as CSV tables and one HTML page.

`kutipan report PRED.jsonl… [--aliases aliases.tsv] [--out DIR] [--html report.html]` reads the JSON
Lines that `kutipan extract` writes. The modules: `linking` joins speakers across documents, `tables`
counts, `html` draws the page. This package imports no extraction code, so a report runs on saved
predictions without loading any model; matplotlib (the `report` extra) is needed for the plots only.
"""

from __future__ import annotations

from .linking import Linking, link, load_aliases, normalise

__all__ = ["Linking", "link", "load_aliases", "normalise"]
