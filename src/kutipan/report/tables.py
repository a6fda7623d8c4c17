"""Counting who gets quoted: per person, organisation, source type, outlet and month, as plain tables.

Every table is a list of rows (dicts with the same keys, in column order) so that it can be written as CSV,
shown in HTML or read in pandas alike. Named people and organisations are ranked; quotes with no speaker,
anonymous speakers (a role with no name: `Kapolri`, `seorang warga`) and groups are counted in their own
table and never mixed into the rankings. Fields other issues add to kutipan/1 are read when present and
stand in clearly when absent: `source_type` → `unknown` (`organization` for an organisation speaker),
`meta.outlet` → `unknown`, `meta.date` → undated, `organization.canonical` → the organisation's text.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import day_first_by_separator, parse_date
from .linking import SOURCE_TYPES, Linking, SpeakerRecord, is_short_form, normalise, slug, source_type

QUOTE_TYPES = ("direct", "indirect", "mixed")
Row = dict[str, Any]


@dataclass(slots=True)
class Report:
    """All tables of a report, plus a summary of what the input had and lacked."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


def outlet_of(doc: dict[str, Any]) -> str:
    """`meta.outlet`, else `unknown`."""
    meta = doc.get("meta") or {}
    return str(meta.get("outlet") or "").strip() or "unknown"


def organization_name(speaker: dict[str, Any]) -> str | None:
    """The speaker's organisation: its `canonical` (fullest) form when given, else its text."""
    org = speaker.get("organization")
    if not org:
        return None
    return (org.get("canonical") or org.get("text") or "").strip() or None


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _joined(counter: Counter, limit: int = 5) -> str:
    return "; ".join(name for name, _ in counter.most_common(limit))


class _Doc:
    """Per-document facts the tables share."""

    def __init__(self, doc: dict[str, Any], date: dt.date | None):
        self.id = str(doc.get("id"))
        self.outlet = outlet_of(doc)
        self.date = date
        self.month = date.strftime("%Y-%m") if date else "undated"
        self.quotes = doc.get("quotes") or []


def _quote_types(doc: dict[str, Any]) -> dict[str, Counter]:
    """Speaker id → Counter of its quote types, in one document."""
    out: dict[str, Counter] = defaultdict(Counter)
    for q in doc.get("quotes") or []:
        if q.get("speaker"):
            out[q["speaker"].get("entity")][q.get("type", "direct")] += 1
    return out


def _mentioned(doc: dict[str, Any], records: list[SpeakerRecord], linking: Linking) -> set[str]:
    """Keys of the people a document mentions (PER entities), resolved to linked ids where it can.

    An entity is a linked person when its form is one of the person's linking forms; else, when it is a
    short form of exactly one named speaker (`Heru` beside `Heru Budi Hartono`) or of exactly one longer PER
    entity of the same document, it is that one; else it stands as its own form (`e:susi`).
    """
    named = [r for r in records if r.person and r.status == "named"]
    per = [normalise(e["text"]) for e in doc.get("entities") or [] if e.get("label") == "PER" and e.get("text")]
    longer = {p for p in per if len(p.split()) >= 2}
    out = {r.person for r in named if r.person}
    for form in per:
        pid = linking.index.get(("person", form))
        if not pid:
            owners = {r.person for r in named if is_short_form(form, normalise(r.name))}
            if len(owners) == 1:
                pid = owners.pop()
        if not pid:
            fuller = {p for p in longer if p != form and is_short_form(form, p)}
            if len(fuller) == 1:
                target = fuller.pop()
                pid = linking.index.get(("person", target)) or f"e:{target}"
        out.add(pid or f"e:{form}")
    return {p for p in out if p}


def build_report(docs: list[dict[str, Any]], linking: Linking) -> Report:
    """Count quotes per person, organisation, source type, outlet and month over linked documents."""
    day_first = day_first_by_separator(str((d.get("meta") or {}).get("date") or "") for d in docs)
    facts = [_Doc(d, parse_date((d.get("meta") or {}).get("date"), day_first)) for d in docs]
    by_doc: dict[int, list[SpeakerRecord]] = defaultdict(list)
    for rec in linking.records:
        by_doc[rec.doc].append(rec)

    person_quotes: dict[str, Counter] = defaultdict(Counter)
    person_docs: dict[str, set[int]] = defaultdict(set)
    person_outlets: dict[str, Counter] = defaultdict(Counter)
    person_dates: dict[str, list[dt.date]] = defaultdict(list)
    person_roles: dict[str, Counter] = defaultdict(Counter)
    person_orgs: dict[str, Counter] = defaultdict(Counter)
    person_types: dict[str, Counter] = defaultdict(Counter)
    org_speaker_quotes: Counter = Counter()
    org_people_quotes: Counter = Counter()
    org_people: dict[str, set[str]] = defaultdict(set)
    org_docs: dict[str, set[int]] = defaultdict(set)
    org_names: dict[str, Counter] = defaultdict(Counter)
    type_quotes: Counter = Counter()
    type_sources: Counter = Counter()
    outlet_rows: dict[str, Counter] = defaultdict(Counter)
    month_rows: dict[str, Counter] = defaultdict(Counter)
    apart: dict[str, Counter] = {k: Counter() for k in ("no speaker", "anonymous", "group")}
    apart_docs: dict[str, set[int]] = defaultdict(set)
    apart_names: dict[str, Counter] = defaultdict(Counter)
    mentioned: dict[str, set[int]] = defaultdict(set)
    surface: dict[str, Counter] = defaultdict(Counter)  # normalised PER entity -> its written forms

    for i, (doc, fact) in enumerate(zip(docs, facts, strict=True)):
        types = _quote_types(doc)
        outlet_rows[fact.outlet]["documents"] += 1
        month_rows[fact.month]["documents"] += 1
        for q in fact.quotes:
            outlet_rows[fact.outlet]["quotes"] += 1
            month_rows[fact.month]["quotes"] += 1
            if not q.get("speaker"):
                apart["no speaker"]["quotes"] += 1
                apart_docs["no speaker"].add(i)
                outlet_rows[fact.outlet]["no speaker"] += 1
                month_rows[fact.month]["no speaker"] += 1
        for rec in by_doc.get(i, []):
            counts = types.get(rec.speaker_id, Counter())
            n = sum(counts.values())
            stype = source_type(rec.speaker)
            type_quotes[stype] += n
            type_sources[stype] += 1
            outlet_rows[fact.outlet][stype] += n
            month_rows[fact.month][stype] += n
            org = organization_name(rec.speaker)
            if rec.status in {"anonymous", "group"}:
                apart[rec.status]["quotes"] += n
                apart[rec.status]["speakers"] += 1
                apart_docs[rec.status].add(i)
                apart_names[rec.status][rec.name] += 1
                continue
            pid = rec.person or ""
            if rec.status == "organization":
                org_speaker_quotes[pid] += n
                org_docs[pid].add(i)
                org_names[pid][rec.name] += 1
            elif org:
                oid = linking.find(org, "organization") or f"o-{slug(org)}"
                org_people_quotes[oid] += n
                org_people[oid].add(pid)
                org_docs[oid].add(i)
                org_names[oid][org] += 1
            person_quotes[pid].update(counts)
            person_docs[pid].add(i)
            person_outlets[pid][fact.outlet] += 1
            if fact.date:
                person_dates[pid].append(fact.date)
            if rec.speaker.get("role"):
                person_roles[pid][rec.speaker["role"]] += 1
            if org:
                person_orgs[pid][org] += 1
            person_types[pid][stype] += 1
        for key in _mentioned(doc, by_doc.get(i, []), linking):
            mentioned[key].add(i)
        for ent in doc.get("entities") or []:
            if ent.get("label") == "PER" and ent.get("text"):
                surface[normalise(ent["text"])][ent["text"]] += 1

    report = Report()
    people_rows = []
    for pid, person in linking.people.items():
        q = person_quotes[pid]
        known = Counter({t: c for t, c in person_types[pid].items() if t != "unknown"})
        dates = sorted(person_dates[pid])
        people_rows.append(
            {
                "id": pid,
                "name": person.name,
                "kind": person.kind,
                "quotes": sum(q.values()),
                **{t: q[t] for t in QUOTE_TYPES},
                "documents": len(person_docs[pid]),
                "outlets": len(person_outlets[pid]),
                "outlet_list": _joined(person_outlets[pid], 10),
                "first_date": dates[0].isoformat() if dates else "",
                "last_date": dates[-1].isoformat() if dates else "",
                "source_type": known.most_common(1)[0][0] if known else "unknown",
                "roles": _joined(person_roles[pid]),
                "organizations": _joined(person_orgs[pid]),
                "names": "; ".join(sorted({r.name for r in person.records})),
                "mentioned_documents": len(mentioned.get(pid, set()) | person_docs[pid]),
            }
        )
    people_rows.sort(key=lambda r: (-r["quotes"], -r["documents"], r["name"]))
    report.tables["people"] = [r for r in people_rows if r["kind"] == "person"]
    for r in report.tables["people"]:
        del r["kind"]

    org_rows = []
    for oid in set(org_speaker_quotes) | set(org_people_quotes):
        name = linking.people[oid].name if oid in linking.people else org_names[oid].most_common(1)[0][0]
        org_rows.append(
            {
                "id": oid,
                "name": name,
                "quotes": org_speaker_quotes[oid] + org_people_quotes[oid],
                "quotes_as_speaker": org_speaker_quotes[oid],
                "quotes_by_people": org_people_quotes[oid],
                "people": len(org_people[oid]),
                "documents": len(org_docs[oid]),
            }
        )
    report.tables["organizations"] = sorted(org_rows, key=lambda r: (-r["quotes"], r["name"]))

    attributed = sum(type_quotes.values())
    sources = sum(type_sources.values())
    report.tables["source_types"] = [
        {
            "source_type": t,
            "sources": type_sources[t],
            "quotes": type_quotes[t],
            "share_of_sources": _share(type_sources[t], sources),
            "share_of_quotes": _share(type_quotes[t], attributed),
        }
        for t in SOURCE_TYPES
    ]
    report.tables["outlets"] = [
        {"outlet": name, "documents": c["documents"], "quotes": c["quotes"], "no_speaker": c["no speaker"]}
        | {t: c[t] for t in SOURCE_TYPES}
        for name, c in sorted(outlet_rows.items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))
    ]
    report.tables["months"] = [
        {"month": name, "documents": c["documents"], "quotes": c["quotes"], "no_speaker": c["no speaker"]}
        | {t: c[t] for t in SOURCE_TYPES}
        for name, c in sorted(month_rows.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
    ]
    report.tables["unattributed"] = [
        {
            "category": cat,
            "quotes": apart[cat]["quotes"],
            "speakers": apart[cat]["speakers"],
            "documents": len(apart_docs[cat]),
            "examples": _joined(apart_names[cat], 8),
        }
        for cat in ("no speaker", "anonymous", "group")
    ]
    report.tables["mentioned"] = _mentioned_rows(linking, mentioned, person_docs, person_quotes, surface)

    n_quotes = sum(len(f.quotes) for f in facts)
    speakers = [r.speaker for r in linking.records]
    report.summary = {
        "documents": len(docs),
        "quotes": n_quotes,
        "people": len(report.tables["people"]),
        "organizations": len(report.tables["organizations"]),
        "quotes_by_people": sum(r["quotes"] for r in report.tables["people"]),
        "quotes_no_speaker": apart["no speaker"]["quotes"],
        "quotes_anonymous": apart["anonymous"]["quotes"],
        "quotes_group": apart["group"]["quotes"],
        "documents_with_outlet": sum(f.outlet != "unknown" for f in facts),
        "documents_with_date": sum(f.date is not None for f in facts),
        "speakers": len(speakers),
        "speakers_with_source_type": sum(s.get("source_type") in SOURCE_TYPES for s in speakers),
        "speakers_with_aliases": sum(bool(s.get("aliases")) for s in speakers),
    }
    return report


def _mentioned_rows(
    linking: Linking,
    mentioned: dict[str, set[int]],
    person_docs: dict[str, set[int]],
    person_quotes: dict[str, Counter],
    surface: dict[str, Counter],
) -> list[Row]:
    """Mentioned versus quoted, per person: linked speakers and the people who are only ever named."""
    rows = []
    for key, docs in mentioned.items():
        if key in linking.people and linking.people[key].kind != "person":
            continue
        quoted = person_docs.get(key, set())
        docs = docs | quoted
        rows.append(
            {
                "id": key,
                "name": linking.people[key].name if key in linking.people else _written(key[2:], surface),
                "mentioned_documents": len(docs),
                "quoted_documents": len(quoted),
                "mentioned_not_quoted": len(docs - quoted),
                "quotes": sum(person_quotes.get(key, Counter()).values()),
            }
        )
    return sorted(rows, key=lambda r: (-r["mentioned_documents"], -r["quotes"], r["name"]))


def _written(form: str, surface: dict[str, Counter]) -> str:
    forms = surface.get(form)
    return forms.most_common(1)[0][0] if forms else form


def write_csv(report: Report, out_dir: str | Path) -> list[Path]:
    """Write each table as `DIR/<name>.csv` (UTF-8, header row); returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in report.tables.items():
        path = out / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            if rows:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        written.append(path)
    return written
