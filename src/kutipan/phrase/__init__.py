"""The speaker-phrase grammar: read who speaks from the words around a cue.

- `words`: word predicates and runs (capitalised, acronym, initial, given name, name run, region …);
- `title`, `org`: a title (with region heads and units) and an institution's head and body;
- `grammar`: `Phrase` and the forward grammar `parse_phrase` (title, institution, honorifics, name,
  apposition), read after a cue: `kata Kepala Dinas Kesehatan Sukamaju Budi Santoso`;
- `subject`: `parse_subject`, a whole speaker phrase before a speech verb: `Budi Santoso mengatakan`;
- `chain`: `role_start` and `split_role`, a role read backwards from a name.
"""

from kutipan.phrase.chain import role_start, split_role
from kutipan.phrase.grammar import Phrase, parse_phrase
from kutipan.phrase.subject import parse_subject
from kutipan.phrase.words import TokRange, name_word, person_words

__all__ = [
    "Phrase",
    "TokRange",
    "name_word",
    "parse_phrase",
    "parse_subject",
    "person_words",
    "role_start",
    "split_role",
]
