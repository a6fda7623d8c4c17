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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import day_first_by_separator, parse_date
from .linking import SOURCE_TYPES, Linking, Person, SpeakerRecord, is_short_form, normalise, slug, source_type

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
        out.add(_mentioned_key(form, named, longer, linking))
    return {p for p in out if p}


def _mentioned_key(form: str, named: list[SpeakerRecord], longer: set[str], linking: Linking) -> str:
    """The key of one PER entity form: a linked id, else the one speaker or longer entity it shortens, else itself.

    The steps go from the surest tie to the weakest, and a short form that fits two candidates is left on its
    own: counting `Budi` for one of two Budis would be the merge the linking refuses.
    """
    pid = linking.index.get(("person", form)) or _sole_short_form_owner(form, named)
    if not pid:
        target = _sole_fuller_entity(form, longer)
        if target:
            pid = linking.index.get(("person", target)) or f"e:{target}"
    return pid or f"e:{form}"


def _sole_short_form_owner(form: str, named: list[SpeakerRecord]) -> str | None:
    """The linked id of the one named speaker whose name `form` is a short form of; None for none or several."""
    owners = {r.person for r in named if is_short_form(form, normalise(r.name))}
    return owners.pop() if len(owners) == 1 else None


def _sole_fuller_entity(form: str, longer: set[str]) -> str | None:
    """The one longer PER entity of the document that `form` is a short form of; None for none or several."""
    fuller = {p for p in longer if p != form and is_short_form(form, p)}
    return fuller.pop() if len(fuller) == 1 else None


APART = ("no speaker", "anonymous", "group")  # the categories counted apart from the rankings


def _counters() -> defaultdict[str, Counter]:
    return defaultdict(Counter)


def _doc_sets() -> defaultdict[str, set[int]]:
    return defaultdict(set)


@dataclass(slots=True)
class _PersonTally:
    """Per linked id (people, and organisations speaking as such): what the people table shows."""

    quotes: defaultdict[str, Counter] = field(default_factory=_counters)  # quote type -> count
    docs: defaultdict[str, set[int]] = field(default_factory=_doc_sets)
    outlets: defaultdict[str, Counter] = field(default_factory=_counters)
    dates: defaultdict[str, list[dt.date]] = field(default_factory=lambda: defaultdict(list))
    roles: defaultdict[str, Counter] = field(default_factory=_counters)
    orgs: defaultdict[str, Counter] = field(default_factory=_counters)
    types: defaultdict[str, Counter] = field(default_factory=_counters)  # source type -> speakers

    def add(self, pid: str, i: int, fact: _Doc, rec: SpeakerRecord, counts: Counter, stype: str) -> None:
        """Count one speaker of document `i` (with its quote-type `counts`) for the linked id `pid`."""
        org = organization_name(rec.speaker)
        self.quotes[pid].update(counts)
        self.docs[pid].add(i)
        self.outlets[pid][fact.outlet] += 1
        if fact.date:
            self.dates[pid].append(fact.date)
        if rec.speaker.get("role"):
            self.roles[pid][rec.speaker["role"]] += 1
        if org:
            self.orgs[pid][org] += 1
        self.types[pid][stype] += 1


@dataclass(slots=True)
class _OrgTally:
    """Per organisation: quotes it gave as a speaker, and quotes of the people who speak for it."""

    speaker_quotes: Counter = field(default_factory=Counter)
    people_quotes: Counter = field(default_factory=Counter)
    people: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    docs: defaultdict[str, set[int]] = field(default_factory=_doc_sets)
    names: defaultdict[str, Counter] = field(default_factory=_counters)  # written names, for unlinked ones

    def add_speaker(self, oid: str, i: int, name: str, n: int) -> None:
        """An organisation speaker (linked id `oid`) of document `i` with `n` quotes."""
        self.speaker_quotes[oid] += n
        self.docs[oid].add(i)
        self.names[oid][name] += 1

    def add_member(self, org: str, pid: str, i: int, n: int, linking: Linking) -> None:
        """A person `pid` of document `i` speaking for `org` with `n` quotes.

        The organisation is the linked one its name belongs to, else an id of its own (`o-<slug>`), so that
        an organisation nobody quotes directly is still counted through its people.
        """
        oid = linking.find(org, "organization") or f"o-{slug(org)}"
        self.people_quotes[oid] += n
        self.people[oid].add(pid)
        self.docs[oid].add(i)
        self.names[oid][org] += 1


@dataclass(slots=True)
class _ApartTally:
    """Quotes with no speaker, anonymous and group speakers: counted, never ranked."""

    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in APART})
    docs: defaultdict[str, set[int]] = field(default_factory=_doc_sets)
    names: defaultdict[str, Counter] = field(default_factory=_counters)


@dataclass(slots=True)
class _Tally:
    """Everything `build_report` counts in its one pass over the documents, before any table is made."""

    people: _PersonTally = field(default_factory=_PersonTally)
    orgs: _OrgTally = field(default_factory=_OrgTally)
    apart: _ApartTally = field(default_factory=_ApartTally)
    type_quotes: Counter = field(default_factory=Counter)  # source type -> attributed quotes
    type_sources: Counter = field(default_factory=Counter)  # source type -> speakers
    outlets: defaultdict[str, Counter] = field(default_factory=_counters)  # outlet -> documents, quotes, …
    months: defaultdict[str, Counter] = field(default_factory=_counters)  # `YYYY-MM` or `undated` -> …
    mentioned: defaultdict[str, set[int]] = field(default_factory=_doc_sets)  # person key -> documents
    surface: defaultdict[str, Counter] = field(default_factory=_counters)  # normalised PER entity -> written


def build_report(docs: list[dict[str, Any]], linking: Linking) -> Report:
    """Count quotes per person, organisation, source type, outlet and month over linked documents."""
    day_first = day_first_by_separator(str((d.get("meta") or {}).get("date") or "") for d in docs)
    facts = [_Doc(d, parse_date((d.get("meta") or {}).get("date"), day_first)) for d in docs]
    tally = _count(docs, facts, linking)
    report = Report()
    report.tables["people"] = _people_rows(linking, tally.people, tally.mentioned)
    report.tables["organizations"] = _organization_rows(linking, tally.orgs)
    report.tables["source_types"] = _source_type_rows(tally.type_quotes, tally.type_sources)
    report.tables["outlets"] = _period_rows("outlet", tally.outlets, lambda kv: (-kv[1]["quotes"], kv[0]))
    report.tables["months"] = _period_rows("month", tally.months, lambda kv: (kv[0] == "undated", kv[0]))
    report.tables["unattributed"] = _unattributed_rows(tally.apart)
    report.tables["mentioned"] = _mentioned_rows(
        linking, tally.mentioned, tally.people.docs, tally.people.quotes, tally.surface
    )
    report.summary = _summary(docs, facts, linking, report.tables, tally.apart)
    return report


def _count(docs: list[dict[str, Any]], facts: list[_Doc], linking: Linking) -> _Tally:
    """One pass over the documents, in input order (ties in the tables' name lists go to the first seen)."""
    by_doc: dict[int, list[SpeakerRecord]] = defaultdict(list)
    for rec in linking.records:
        by_doc[rec.doc].append(rec)
    tally = _Tally()
    for i, (doc, fact) in enumerate(zip(docs, facts, strict=True)):
        types = _quote_types(doc)
        _count_quotes(tally, i, fact)
        for rec in by_doc.get(i, []):
            _count_speaker(tally, i, fact, rec, types.get(rec.speaker_id, Counter()), linking)
        for key in _mentioned(doc, by_doc.get(i, []), linking):
            tally.mentioned[key].add(i)
        for ent in doc.get("entities") or []:
            if ent.get("label") == "PER" and ent.get("text"):
                tally.surface[normalise(ent["text"])][ent["text"]] += 1
    return tally


def _count_quotes(tally: _Tally, i: int, fact: _Doc) -> None:
    """Documents and quotes per outlet and month, and the quotes without a speaker."""
    outlet, month = tally.outlets[fact.outlet], tally.months[fact.month]
    outlet["documents"] += 1
    month["documents"] += 1
    for q in fact.quotes:
        outlet["quotes"] += 1
        month["quotes"] += 1
        if not q.get("speaker"):
            tally.apart.counts["no speaker"]["quotes"] += 1
            tally.apart.docs["no speaker"].add(i)
            outlet["no speaker"] += 1
            month["no speaker"] += 1


def _count_speaker(tally: _Tally, i: int, fact: _Doc, rec: SpeakerRecord, counts: Counter, linking: Linking) -> None:
    """Count one speaker of document `i` with its quote-type `counts`.

    Every speaker counts towards its source type, outlet and month; anonymous and group speakers stop
    there and are counted apart. A linked speaker counts for its person (organisations too, under their
    own id) and for its organisation, as the organisation itself or as one of its people.
    """
    n = sum(counts.values())
    stype = source_type(rec.speaker)
    tally.type_quotes[stype] += n
    tally.type_sources[stype] += 1
    tally.outlets[fact.outlet][stype] += n
    tally.months[fact.month][stype] += n
    if rec.status in {"anonymous", "group"}:
        tally.apart.counts[rec.status]["quotes"] += n
        tally.apart.counts[rec.status]["speakers"] += 1
        tally.apart.docs[rec.status].add(i)
        tally.apart.names[rec.status][rec.name] += 1
        return
    pid = rec.person or ""
    org = organization_name(rec.speaker)
    if rec.status == "organization":
        tally.orgs.add_speaker(pid, i, rec.name, n)
    elif org:
        tally.orgs.add_member(org, pid, i, n, linking)
    tally.people.add(pid, i, fact, rec, counts, stype)


def _people_rows(linking: Linking, people: _PersonTally, mentioned: dict[str, set[int]]) -> list[Row]:
    """The ranking of named people: most quotes, then most documents, then name."""
    rows = [
        _person_row(pid, person, people, mentioned) for pid, person in linking.people.items() if person.kind == "person"
    ]
    rows.sort(key=lambda r: (-r["quotes"], -r["documents"], r["name"]))
    return rows


def _person_row(pid: str, person: Person, people: _PersonTally, mentioned: dict[str, set[int]]) -> Row:
    """One person's row; its source type is the one it is most often given, `unknown` only when never given."""
    q = people.quotes[pid]
    known = Counter({t: c for t, c in people.types[pid].items() if t != "unknown"})
    dates = sorted(people.dates[pid])
    return {
        "id": pid,
        "name": person.name,
        "quotes": sum(q.values()),
        **{t: q[t] for t in QUOTE_TYPES},
        "documents": len(people.docs[pid]),
        "outlets": len(people.outlets[pid]),
        "outlet_list": _joined(people.outlets[pid], 10),
        "first_date": dates[0].isoformat() if dates else "",
        "last_date": dates[-1].isoformat() if dates else "",
        "source_type": known.most_common(1)[0][0] if known else "unknown",
        "roles": _joined(people.roles[pid]),
        "organizations": _joined(people.orgs[pid]),
        "names": "; ".join(sorted({r.name for r in person.records})),
        "mentioned_documents": len(mentioned.get(pid, set()) | people.docs[pid]),
    }


def _organization_rows(linking: Linking, orgs: _OrgTally) -> list[Row]:
    """Organisations by quotes, their own and their people's; an unlinked one shows its commonest name."""
    rows = []
    for oid in set(orgs.speaker_quotes) | set(orgs.people_quotes):
        name = linking.people[oid].name if oid in linking.people else orgs.names[oid].most_common(1)[0][0]
        rows.append(
            {
                "id": oid,
                "name": name,
                "quotes": orgs.speaker_quotes[oid] + orgs.people_quotes[oid],
                "quotes_as_speaker": orgs.speaker_quotes[oid],
                "quotes_by_people": orgs.people_quotes[oid],
                "people": len(orgs.people[oid]),
                "documents": len(orgs.docs[oid]),
            }
        )
    return sorted(rows, key=lambda r: (-r["quotes"], r["name"]))


def _source_type_rows(type_quotes: Counter, type_sources: Counter) -> list[Row]:
    """Every source type, in the fixed order, with its share of speakers and of attributed quotes."""
    attributed = sum(type_quotes.values())
    sources = sum(type_sources.values())
    return [
        {
            "source_type": t,
            "sources": type_sources[t],
            "quotes": type_quotes[t],
            "share_of_sources": _share(type_sources[t], sources),
            "share_of_quotes": _share(type_quotes[t], attributed),
        }
        for t in SOURCE_TYPES
    ]


def _period_rows(column: str, periods: dict[str, Counter], order: Callable[[tuple[str, Counter]], Any]) -> list[Row]:
    """The outlets or months table (one shape for both): documents, quotes, no speaker, quotes per source type."""
    return [
        {column: name, "documents": c["documents"], "quotes": c["quotes"], "no_speaker": c["no speaker"]}
        | {t: c[t] for t in SOURCE_TYPES}
        for name, c in sorted(periods.items(), key=order)
    ]


def _unattributed_rows(apart: _ApartTally) -> list[Row]:
    """The quotes counted apart, one row per category, with the commonest speaker names as examples."""
    return [
        {
            "category": cat,
            "quotes": apart.counts[cat]["quotes"],
            "speakers": apart.counts[cat]["speakers"],
            "documents": len(apart.docs[cat]),
            "examples": _joined(apart.names[cat], 8),
        }
        for cat in APART
    ]


def _summary(
    docs: list[dict[str, Any]], facts: list[_Doc], linking: Linking, tables: dict[str, list[Row]], apart: _ApartTally
) -> dict[str, Any]:
    """What the input had and lacked (outlets, dates, source types, aliases), for the report's notes."""
    speakers = [r.speaker for r in linking.records]
    return {
        "documents": len(docs),
        "quotes": sum(len(f.quotes) for f in facts),
        "people": len(tables["people"]),
        "organizations": len(tables["organizations"]),
        "quotes_by_people": sum(r["quotes"] for r in tables["people"]),
        "quotes_no_speaker": apart.counts["no speaker"]["quotes"],
        "quotes_anonymous": apart.counts["anonymous"]["quotes"],
        "quotes_group": apart.counts["group"]["quotes"],
        "documents_with_outlet": sum(f.outlet != "unknown" for f in facts),
        "documents_with_date": sum(f.date is not None for f in facts),
        "speakers": len(speakers),
        "speakers_with_source_type": sum(s.get("source_type") in SOURCE_TYPES for s in speakers),
        "speakers_with_aliases": sum(bool(s.get("aliases")) for s in speakers),
    }


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
