"""Linking speakers across documents: the same person in the next article gets the same id.

kutipan names each speaker once per document (`speakers[].name`, the fullest form the text gives). Counting
across a corpus needs those per-document speakers joined into people, without the classic error of media
counts: merging every "Widodo" or every "Budi" into one person.

The rule is that names link only through forms the documents (or the user) tie together:

- the same canonical name, normalised (case, dots, spacing): `Joko Widodo` = `joko widodo`;
- a form a document itself uses for the speaker: its `aliases` (when the extractor gives them) and its
  name mentions, where they have two words or more (`Sri Mulyani` for `Sri Mulyani Indrawati`), or are
  one word that is not just a piece of the name (`Jokowi` for `Joko Widodo`, an abbreviation);
- a name with its abbreviation in brackets, in a speaker name or an entity (`Badan Narkotika Nasional
  (BNN)`): both forms are one node;
- the lines of a user's alias file (`--aliases aliases.tsv`), for what the texts never tie.

A single word that is one of the name's own words or a truncation of one (`Widodo`, `Jokowi`'s `Joko`,
`Pras` for `Prasetyo`) is never a link across documents: that is the shared-surname and shared-first-name
merge the rule exists to prevent. Ties are joined transitively (union-find over normalised forms), so one
wrong tie can join two people; the `names` column of the report lists every canonical name in a person so
that a reader can see it.

Persons and organisations are linked apart. Speakers without a name (the role-only `Kapolri`, `seorang
warga`), groups and quotes without a speaker are kept out of the linking and counted apart by the report.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError

Status = Literal["named", "organization", "anonymous", "group"]
SOURCE_TYPES = ("official", "expert", "organization", "public_figure", "citizen", "unknown")
Node = tuple[str, str]  # (kind, normalised form): kind is `person` or `organization`
LINKED: frozenset[Status] = frozenset({"named", "organization"})  # the statuses that take part in linking

_PUNCT = re.compile(r"[.,;:'’‘`\"“”]+")
_SPACE = re.compile(r"\s+")
# `Badan Narkotika Nasional (BNN)`, `PT Jakarta Propertindo (Jakpro)`: a name, then one capitalised word
_ABBREV = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[A-Z][A-Za-z]{1,15})\)$")


def normalise(name: str) -> str:
    """The form names are compared in: case-folded, dots and commas dropped, spaces collapsed.

    `H. Abd. Rahman` and `h abd rahman` are one form; `Abdul Rahman` is not (no guessing of spellings).
    """
    text = unicodedata.normalize("NFKC", name)
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip().casefold()


def split_abbreviation(name: str) -> tuple[str, str] | None:
    """`("Badan Narkotika Nasional", "BNN")` for `Badan Narkotika Nasional (BNN)`, else None.

    Only a single capitalised word in brackets counts, so an age (`Budi (45)`) or a remark
    (`Andi (bukan nama sebenarnya)`) is not taken for another name of the same person.
    """
    m = _ABBREV.match(name.strip())
    if not m or len(m.group("full").split()) < 2:
        return None
    return m.group("full").strip(), m.group("short")


def is_short_form(form: str, canonical: str) -> bool:
    """True when every word of `form` is a word of `canonical` or its start (`Pras` of `Prasetyo`).

    A one-word short form (`Widodo`, `Pras`) is what two different people share; it never links documents.
    """
    words = canonical.split()
    return all(any(w == c or (len(w) >= 3 and c.startswith(w)) for c in words) for w in form.split())


def linking_forms(canonical: str, aliases: Iterable[str], mentions: Iterable[str] = ()) -> set[str]:
    """The normalised forms of one speaker that may link it to other documents.

    A name mention of two words or more that shares no word with the name (`Vitalia Ramona` among the
    mentions of `Hamish Daud`) is far likelier a coreference slip than a second name, so only the
    `aliases` the extractor asserts may bring a wholly different full name; a one-word nickname or
    abbreviation (`Jokowi`, `Zulhas`, `Bamsoet`) is taken from either.

    Args:
        canonical: the speaker's normalised canonical name (always a linking form).
        aliases: the speaker's `aliases`, not yet normalised.
        mentions: the texts of its name and organisation mentions, not yet normalised.
    """
    out = {canonical}
    words = set(canonical.split())
    for raw, asserted in [(a, True) for a in aliases] + [(m, False) for m in mentions]:
        form = normalise(raw)
        if not form or form == canonical:
            continue
        if len(form.split()) >= 2:
            if asserted or words & set(form.split()) or is_short_form(form, canonical):
                out.add(form)
        elif not is_short_form(form, canonical):
            out.add(form)
    return out


def speaker_status(speaker: dict[str, Any]) -> Status:
    """Whether a speaker is ranked as a named person, an organisation, a group or an anonymous source.

    A person with no name mention is anonymous even though `name` holds something: for such speakers the
    extractor puts the role phrase there (`Kapolri`, `warga itu`), which is not a name to rank.
    """
    kind = speaker.get("kind") or "person"
    if kind == "organization":
        return "organization"
    if kind == "group":
        return "group"
    if any(m.get("kind") == "name" for m in speaker.get("mentions") or []):
        return "named"
    return "anonymous"


def source_type(speaker: dict[str, Any]) -> str:
    """The speaker's `source_type`; `organization` for an organisation, `unknown` when the input has none."""
    value = speaker.get("source_type")
    if value in SOURCE_TYPES:
        return value
    return "organization" if speaker.get("kind") == "organization" else "unknown"


@dataclass(slots=True)
class SpeakerRecord:
    """One speaker of one document, as the report counts it."""

    doc: int  # index of the document in the input order
    doc_id: str
    speaker_id: str
    name: str
    status: Status
    forms: set[str]  # normalised linking forms
    names_seen: set[str]  # surface forms (canonical, aliases, name mentions), for the report
    speaker: dict[str, Any]
    person: str | None = None  # the linked id, set by `link`


@dataclass(slots=True)
class Person:
    """A person or organisation linked across documents."""

    id: str
    name: str
    kind: Literal["person", "organization"]
    records: list[SpeakerRecord] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Linking:
    """The result of `link`: the people, every record, and a look-up from a name form to a person id."""

    people: dict[str, Person]
    records: list[SpeakerRecord]
    index: dict[Node, str]  # (kind, normalised form) -> person id

    def find(self, name: str, kind: str = "person") -> str | None:
        """The id of the linked person or organisation a name form belongs to, if any."""
        return self.index.get((kind, normalise(name)))


class AliasError(InputError):
    """An alias file that cannot be read, naming the file (and line) and the problem."""


def load_aliases(path: str | Path) -> list[list[str]]:
    """Read a user alias file: one person a line, tab-separated forms, the first the name to show.

    `#` starts a comment line; blank lines are skipped. Example line: `Joko Widodo<TAB>Jokowi<TAB>Pak Jokowi`.

    Raises:
        AliasError: the file is missing, not UTF-8, or a line has fewer than two forms.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AliasError(str(path), "no such alias file") from exc
    except UnicodeDecodeError as exc:
        raise AliasError(str(path), f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except OSError as exc:
        raise AliasError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    groups = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        forms = [f.strip() for f in line.split("\t") if f.strip()]
        if len(forms) < 2:
            raise AliasError(f"{path}:{n}", "an alias line needs at least two tab-separated names (name<TAB>alias…)")
        groups.append(forms)
    return groups


class _Forms:
    """Union-find over (kind, normalised form) nodes."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def add(self, node: Node) -> None:
        self.parent.setdefault(node, node)

    def root(self, node: Node) -> Node:
        self.add(node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            # the smaller node wins, so the result does not depend on the order of the input
            self.parent[max(ra, rb)] = min(ra, rb)


def _record(doc_index: int, doc_id: str, speaker: dict[str, Any]) -> SpeakerRecord:
    name = speaker.get("name") or ""
    status = speaker_status(speaker)
    aliases = list(speaker.get("aliases") or [])
    mentions = [m["text"] for m in speaker.get("mentions") or [] if m.get("kind") in {"name", "organization"}]
    surface = [name, *aliases, *mentions]
    abbrev = split_abbreviation(name)
    canonical = normalise(name)
    if not canonical:
        status = "anonymous"
    # `aliases` may hold role nouns standing for the holder (`Kapolres`): words of the role are no name
    role = f" {normalise(' '.join(filter(None, [speaker.get('role'), (speaker.get('title') or {}).get('text')])))} "
    aliases = [a for a in aliases if f" {normalise(a)} " not in role]
    forms = linking_forms(canonical, aliases, mentions) if status in {"named", "organization"} else {canonical}
    if abbrev:
        forms |= {normalise(abbrev[0]), normalise(abbrev[1])}
    return SpeakerRecord(doc_index, doc_id, speaker.get("id", ""), name, status, forms, set(surface), speaker)


def _node(rec: SpeakerRecord) -> Node:
    """The record's own node: its kind and its normalised canonical name."""
    return ("organization" if rec.status == "organization" else "person", normalise(rec.name))


def slug(name: str) -> str:
    """An id-safe form of a name (`Ma'ruf Amin` → `ma-ruf-amin`), accents folded to ASCII."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def _display_name(records: list[SpeakerRecord], alias_names: list[str]) -> str:
    """The alias file's name if it has one; else the canonical name with most words, most used, A–Z."""
    if alias_names:
        return sorted(alias_names)[0]
    counts = Counter(r.name for r in records)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def link(
    docs: list[dict[str, Any]],
    aliases: list[list[str]] | None = None,
) -> Linking:
    """Link the named speakers and organisations of `docs` (kutipan/1 dicts) across documents.

    Each linked person gets a stable id made from its display name (`p-joko-widodo`, `o-badan-narkotika-
    nasional`): the same input gives the same ids whatever the order of the documents, and adding documents
    changes an id only when a longer name of the person appears or an alias line names it.

    Args:
        docs: kutipan/1 documents.
        aliases: groups of names from `load_aliases` (the first of each is the name to show).

    Returns:
        The `Linking`: every speaker record (anonymous ones too, with `person` None), the people and an index.
    """
    records = [_record(i, str(doc.get("id")), s) for i, doc in enumerate(docs) for s in doc.get("speakers") or []]
    linked = [rec for rec in records if rec.status in LINKED]
    uf = _Forms()
    _tie_speaker_forms(uf, linked, _ambiguous_forms(linked))
    _tie_entity_abbreviations(uf, docs)
    alias_name = _tie_alias_lines(uf, aliases or [])
    people = _make_people(_clusters(uf, linked), _alias_names_by_root(uf, alias_name))
    return Linking(people, records, _form_index(uf, people))


def _ambiguous_forms(linked: list[SpeakerRecord]) -> set[Node]:
    """Tie forms claimed by two different names, which therefore link nobody.

    `Heru Budi` is a form of both `Heru Budi Hartono` and `Heru Budi Santoso`, and a role noun may sit in
    several people's aliases; joining through such a form would merge different people. A form that is
    itself one of the claiming names stays that name's node (see `_tie_speaker_forms`).
    """
    claims: dict[Node, set[str]] = {}
    for rec in linked:
        kind, name = _node(rec)
        for form in rec.forms:
            claims.setdefault((kind, form), set()).add(name)
    return {node for node, names in claims.items() if len(names - {node[1]}) >= 2}


def _tie_speaker_forms(uf: _Forms, linked: list[SpeakerRecord], ambiguous: set[Node]) -> None:
    """Join each linked speaker's own node with its linking forms, leaving out the ambiguous ones."""
    for rec in linked:
        own = _node(rec)
        nodes = sorted(n for n in ((own[0], f) for f in rec.forms) if n not in ambiguous or n == own)
        uf.add(own)
        for node in nodes:
            uf.union(own, node)


_ENTITY_KINDS = {"PER": "person", "ORG": "organization"}


def _tie_entity_abbreviations(uf: _Forms, docs: list[dict[str, Any]]) -> None:
    """Entities written `Name (ABBR)` tie the two forms, for any speaker that uses either.

    Only forms some speaker already has are tied, so an entity never brings a new person into the linking.
    """
    for doc in docs:
        for ent in doc.get("entities") or []:
            pair = split_abbreviation(ent.get("text", ""))
            kind = _ENTITY_KINDS.get(ent.get("label", ""))
            if pair and kind:
                a, b = (kind, normalise(pair[0])), (kind, normalise(pair[1]))
                if a in uf.parent or b in uf.parent:
                    uf.union(a, b)


def _tie_alias_lines(uf: _Forms, aliases: list[list[str]]) -> dict[Node, str]:
    """Join the forms of each alias line that some speaker uses; a node of each line -> the line's name.

    A line is tried as persons and as organisations; a line none of whose forms is known yet is skipped, so
    the alias file cannot invent people. Lines are taken in file order: a line may link through a form an
    earlier line brought in.
    """
    alias_name: dict[Node, str] = {}
    for group in aliases:
        for kind in ("person", "organization"):
            nodes = [(kind, normalise(f)) for f in group]
            if not any(n in uf.parent for n in nodes):
                continue
            for node in nodes[1:]:
                uf.union(nodes[0], node)
            alias_name[nodes[0]] = group[0]
    return alias_name


def _clusters(uf: _Forms, linked: list[SpeakerRecord]) -> dict[Node, list[SpeakerRecord]]:
    """The linked records grouped by the root of their own node: one group per person or organisation."""
    clusters: dict[Node, list[SpeakerRecord]] = {}
    for rec in linked:
        clusters.setdefault(uf.root(_node(rec)), []).append(rec)
    return clusters


def _alias_names_by_root(uf: _Forms, alias_name: dict[Node, str]) -> dict[Node, list[str]]:
    """The alias-file names that each root's cluster got (a cluster may be named by more than one line)."""
    named_roots: dict[Node, list[str]] = {}
    for node, name in alias_name.items():
        named_roots.setdefault(uf.root(node), []).append(name)
    return named_roots


def _make_people(clusters: dict[Node, list[SpeakerRecord]], named_roots: dict[Node, list[str]]) -> dict[str, Person]:
    """One Person per cluster, with its id set on every record of the cluster.

    Clusters are taken in sorted order of their roots so that the `-2` suffix of a repeated id goes to the
    same cluster whatever the order of the documents.
    """
    people: dict[str, Person] = {}
    taken: Counter[str] = Counter()
    for root in sorted(clusters):
        recs = clusters[root]
        kind = root[0]
        display = _display_name(recs, named_roots.get(root, []))
        pid = _person_id(kind, display, taken)
        person = Person(pid, display, kind)  # type: ignore[arg-type]
        for rec in recs:
            rec.person = pid
            person.records.append(rec)
            person.forms |= rec.forms
        people[pid] = person
    return people


def _person_id(kind: str, display: str, taken: Counter[str]) -> str:
    """`p-<slug>` or `o-<slug>`, with `-2`, `-3` … when two clusters share a display name (counted in `taken`)."""
    base = f"{'o' if kind == 'organization' else 'p'}-{slug(display)}"
    taken[base] += 1
    return base if taken[base] == 1 else f"{base}-{taken[base]}"


def _form_index(uf: _Forms, people: dict[str, Person]) -> dict[Node, str]:
    """Every node of the union-find whose cluster became a person -> that person's id (`Linking.find`)."""
    root_to_id = {uf.root(_node(p.records[0])): p.id for p in people.values()}
    index: dict[Node, str] = {}
    for node in uf.parent:
        pid = root_to_id.get(uf.root(node))
        if pid:
            index[node] = pid
    return index
