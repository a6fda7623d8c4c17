"""Which documents a report covers: all, each source, the held-out outlets, and optionally each outlet.

Gold news documents record their `outlet` and whether it is one of the outlets held out of all fitting
(`heldout_outlet`, corpus/README.md). The leave-outlets-out test compares the held-out outlets with the
news outlets the rules were fitted on; per-outlet reports show where the rules are fitted to one house style.
"""

from __future__ import annotations

from typing import Any

Doc = dict[str, Any]
NO_OUTLET = "(no outlet)"


def outlet_of(doc: Doc) -> str:
    """The document's outlet, or `(no outlet)` for written documents and older gold."""
    return doc.get("outlet") or NO_OUTLET


def select_outlet(gold: list[Doc], outlet: str) -> list[Doc]:
    """Only the documents of one outlet (exact, case-insensitive)."""
    return [d for d in gold if outlet_of(d).casefold() == outlet.casefold()]


def report_groups(gold: list[Doc], per_outlet: bool = False) -> dict[str, list[Doc]]:
    """Named document groups in report order.

    `all`; each `source`; `heldout-outlets` and `seen-outlets` (news documents on either side of the
    leave-outlets-out split) when any document is held out; and `outlet: NAME` per outlet on request.
    """
    groups: dict[str, list[Doc]] = {"all": list(gold)}
    for d in gold:
        groups.setdefault(d.get("source", "?"), []).append(d)
    news = [d for d in gold if "heldout_outlet" in d]
    held = [d for d in news if d["heldout_outlet"]]
    if held:
        groups["heldout-outlets"] = held
        groups["seen-outlets"] = [d for d in news if not d["heldout_outlet"]]
    if per_outlet:
        for name in sorted({outlet_of(d) for d in gold}):
            groups[f"outlet: {name}"] = [d for d in gold if outlet_of(d) == name]
    return groups
