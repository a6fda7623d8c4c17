"""The fields of an output speaker that describe it rather than find it: aliases, canonical, source type.

Run on the final speaker list, after the learned splitter has re-split the roles, so that `canonical` and
`source_type` read the organisation and title that are output.
"""

from __future__ import annotations

from kutipan.document import Speaker
from kutipan.speakers.aliases import speaker_aliases
from kutipan.speakers.orgs import canonical_organization, expansions
from kutipan.speakers.source_type import source_type


def describe_speakers(text: str, speakers: list[Speaker]) -> None:
    """Fill `aliases`, the organisation's `canonical` form and `source_type` of each speaker in place."""
    exps = expansions(text)
    for sp in speakers:
        anonymous = sp.kind == "person" and not any(m.kind == "name" for m in sp.mentions)
        sp.aliases = speaker_aliases(text, sp.name, sp.mentions, sp.kind) if not anonymous else []
        if sp.organization is not None:
            sp.canonical = canonical_organization(text, sp.organization.text, exps)
        title = sp.title.text if sp.title else None
        org = sp.organization.text if sp.organization else None
        sp.source_type = source_type(sp.kind, sp.name, title, org, anonymous)
