"""A page to read one article's attributions: quotes, cues and speaker mentions marked in the text.

    kutipan view ARTICLE.txt -o page.html            # runs the extractor
    kutipan view PRED.json [--text ARTICLE.txt] [--id ID] -o page.html   # from a saved prediction

Like displaCy's span view, one colour per speaker: each quote is shaded in its speaker's colour, the words
that name the speaker are underlined in it, cues are bold. Hovering a quote names its speaker; clicking a
quote, a mention or a speaker in the list highlights all of that speaker's quotes. The page is one file with
its own style and a few lines of script, and loads nothing from the network.

Spans may nest or cross (a `-nya` mention inside its cue, a pronoun inside a mixed quote), so the text is
cut at every span boundary and each piece is wrapped in the spans that cover it: a quote may come out as
several elements, all with the same `data-quote`.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path
from typing import Any

from kutipan.errors import InputError, KutipanError

# light fill / strong line per speaker, colour-blind-friendlier pairs (Tableau 10, lightened)
PALETTE = [
    ("#c6dbef", "#1f77b4"),
    ("#fdd0a2", "#e6550d"),
    ("#c7e9c0", "#2ca02c"),
    ("#f4c2c2", "#d62728"),
    ("#dadaeb", "#6a51a3"),
    ("#e7cbb5", "#8c564b"),
    ("#f9d2ea", "#c51b8a"),
    ("#d9f0d3", "#1b7837"),
    ("#fff3b0", "#b8860b"),
    ("#c7eae5", "#01665e"),
]
NONE_COLOURS = ("#e5e5e5", "#777777")

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222}
main{display:flex;gap:2rem;padding:1.5rem;align-items:flex-start}
article{flex:3;white-space:pre-wrap;line-height:1.75;font-size:1.02rem;max-width:48rem}
aside{flex:1;min-width:16rem;position:sticky;top:1rem;font-size:.9rem}
h1{font-size:1.1rem;margin:1rem 1.5rem 0;color:#555;font-weight:normal}
.q{background:var(--c);border-radius:3px;cursor:pointer;padding:1px 0}
.q.indirect{background:none;border-bottom:3px dotted var(--d)}
.q.mixed{background:linear-gradient(var(--c),var(--c));border-bottom:3px dotted var(--d)}
.m{border-bottom:3px solid var(--d);cursor:pointer;font-weight:600}
.cue{font-weight:700;font-style:italic}
.q.on{box-shadow:0 0 0 2px var(--d);background:var(--c)}
.m.on{background:var(--d);color:#fff}
ul{list-style:none;padding:0}li.spk{padding:.35rem .5rem;border-left:6px solid var(--d);margin:.3rem 0;cursor:pointer}
li.spk.on{background:var(--c)}li.spk .r{color:#555;font-size:.85rem}
.key span{margin-right:.8rem}
"""

SCRIPT = """
(function(){
  function select(id){
    document.querySelectorAll('.on').forEach(function(e){e.classList.remove('on');});
    if(!id){return;}
    document.querySelectorAll('[data-speaker="'+id+'"]').forEach(function(e){e.classList.add('on');});
  }
  document.addEventListener('click', function(ev){
    var t = ev.target.closest('[data-speaker]');
    select(t ? t.getAttribute('data-speaker') : null);
  });
  document.addEventListener('keydown', function(ev){
    if(ev.key === 'Enter' && ev.target.matches('li.spk')){select(ev.target.getAttribute('data-speaker'));}
  });
})();
"""


def colours(doc: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Speaker id → (fill, line) colour, in the order speakers are listed."""
    return {s["id"]: PALETTE[i % len(PALETTE)] for i, s in enumerate(doc.get("speakers") or [])}


def check_offsets(doc: dict[str, Any], text: str, name: str) -> None:
    """Raise `InputError` when the prediction's spans do not index this text (the wrong text was given)."""
    spans = []
    for q in doc.get("quotes") or []:
        spans += [q, q.get("cue")]
        if q.get("speaker"):
            spans.append(q["speaker"].get("mention"))
    for s in doc.get("speakers") or []:
        spans += s.get("mentions") or []
    for span in filter(None, spans):
        if text[span["start"] : span["end"]] != span["text"]:
            raise InputError(name, f"span {span['text']!r} at {span['start']}:{span['end']} does not match the text")


def _annotations(doc: dict[str, Any]) -> list[tuple[int, int, int, str]]:
    """(start, end, layer, opening tag) of every quote (layer 0), mention (1) and cue (2)."""
    cols = colours(doc)
    names = {s["id"]: s.get("name") or s["id"] for s in doc.get("speakers") or []}
    out = []
    for q in doc.get("quotes") or []:
        sid = (q.get("speaker") or {}).get("entity") or ""
        fill, line = cols.get(sid, NONE_COLOURS)
        who = names.get(sid, "no speaker found")
        tip = html.escape(f"{q['id']} · {q.get('type', '')} · {who}", quote=True)
        out.append(
            (
                q["start"],
                q["end"],
                0,
                f'<span class="q {html.escape(q.get("type", ""))}" data-quote="{html.escape(q["id"])}" '
                f'data-speaker="{html.escape(sid)}" style="--c:{fill};--d:{line}" title="{tip}">',
            )
        )
        if q.get("cue"):
            c = q["cue"]
            out.append((c["start"], c["end"], 2, f'<span class="cue" data-cue="{html.escape(q["id"])}">'))
    for s in doc.get("speakers") or []:
        fill, line = cols[s["id"]]
        for m in s.get("mentions") or []:
            tip = html.escape(f"{m.get('kind', '')} mention of {names[s['id']]}", quote=True)
            out.append(
                (
                    m["start"],
                    m["end"],
                    1,
                    f'<span class="m" data-speaker="{html.escape(s["id"])}" style="--c:{fill};--d:{line}" '
                    f'title="{tip}">',
                )
            )
    return out


def render_text(doc: dict[str, Any], text: str) -> str:
    """The text as HTML, each piece wrapped in the quote, mention and cue spans that cover it."""
    anns = [a for a in _annotations(doc) if 0 <= a[0] < a[1] <= len(text)]
    cuts = sorted({0, len(text), *(a[0] for a in anns), *(a[1] for a in anns)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        covering = sorted((x for x in anns if x[0] <= a and x[1] >= b), key=lambda x: (x[2], x[0]))
        opened = "".join(x[3] for x in covering)
        parts.append(opened + piece + "</span>" * len(covering))
    return "".join(parts)


def _speaker_list(doc: dict[str, Any]) -> str:
    cols = colours(doc)
    items = []
    for s in doc.get("speakers") or []:
        fill, line = cols[s["id"]]
        org = s.get("organization") or {}
        details = [
            s.get("kind") or "person",
            s.get("source_type") or "source type unknown",
            f"{len(s.get('quotes') or [])} quote(s)",
        ]
        role = s.get("role") or ""
        org_name = org.get("canonical") or org.get("text") or ""
        extra = f"<div class='r'>{html.escape(role)}</div>" if role else ""
        if org_name and org_name not in role:
            extra += f"<div class='r'>{html.escape(org_name)}</div>"
        if s.get("aliases"):
            extra += f"<div class='r'>also: {html.escape(', '.join(s['aliases']))}</div>"
        items.append(
            f'<li class="spk" tabindex="0" data-speaker="{html.escape(s["id"])}" style="--c:{fill};--d:{line}">'
            f"<b>{html.escape(s.get('name') or s['id'])}</b> <span class='r'>({html.escape(', '.join(details))})"
            f"</span>{extra}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def render_view(doc: dict[str, Any], text: str, title: str | None = None) -> str:
    """One article's attributions as a self-contained HTML page (a string)."""
    title = title or str(doc.get("id") or "kutipan")
    quotes = doc.get("quotes") or []
    unattributed = sum(1 for q in quotes if not q.get("speaker"))
    key = (
        '<p class="key"><span class="q" style="--c:#ddd;--d:#777">direct</span>'
        '<span class="q indirect" style="--c:#ddd;--d:#777">indirect</span>'
        '<span class="m" style="--d:#777">speaker mention</span><span class="cue">cue</span></p>'
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="id"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
            f"<h1>{html.escape(title)}: {len(quotes)} quotes, {len(doc.get('speakers') or [])} speakers"
            + (f", {unattributed} without speaker" if unattributed else "")
            + "</h1>",
            f"<main><article>{render_text(doc, text)}</article>",
            f"<aside><h2>Speakers</h2>{key}{_speaker_list(doc)}</aside></main>",
            f"<script>{SCRIPT}</script>",
            "</body></html>",
        ]
    )


def load_prediction(path: str, text_path: str | None = None, doc_id: str | None = None) -> tuple[dict, str]:
    """A kutipan/1 document from a .json/.jsonl file and the text it indexes.

    The text is the document's own `text` (written by `kutipan extract --include-text`) or `text_path`.

    Raises:
        InputError: the file can't be read, holds no such document, or has no text to show.
    """
    from .report.predictions import read_predictions

    docs, errors = read_predictions([path])
    if errors:
        raise InputError(path, errors[0].split(": ", 1)[-1])
    if doc_id is not None:
        docs = [d for d in docs if str(d.get("id")) == doc_id]
        if not docs:
            raise InputError(path, f"no document with id {doc_id!r}")
    doc = docs[0]
    if text_path:
        text = _read_article(text_path)
    elif isinstance(doc.get("text"), str):
        text = doc["text"]
    else:
        raise InputError(path, "the prediction has no text: give --text ARTICLE.txt or extract with --include-text")
    check_offsets(doc, text, text_path or path)
    return doc, text


def _read_article(path: str) -> str:
    """The article a prediction indexes, as UTF-8 exactly as it is (offsets index it), or `InputError`."""
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc


def add_subparser(sub) -> None:
    """Add `view` to the `kutipan` command's subparsers."""
    vp = sub.add_parser("view", help="one article's quotes, cues and speakers as an HTML page")
    vp.add_argument("path", metavar="INPUT", help="an article (.txt) or a prediction (.json, .jsonl)")
    vp.add_argument("-o", "--output", required=True, help="the HTML page to write")
    vp.add_argument("--text", help="the article a prediction was made from (when it has no `text`)")
    vp.add_argument("--id", help="which document of a .jsonl prediction (default: the first)")
    vp.add_argument("--models", help="model folder for the extractor")
    vp.add_argument("--rules-only", action="store_true", help="do not load trained models")
    vp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the page for one article; 1 with a message naming the file when it can't."""
    try:
        if Path(args.path).suffix in {".json", ".jsonl"}:
            doc, text = load_prediction(args.path, args.text, args.id)
        else:
            from . import Extractor

            extractor = Extractor(model_dir=args.models, use_models=not args.rules_only)
            document = extractor.extract_file(args.path)  # raises InputError naming the file
            doc, text = document.to_dict(), document.text
    except KutipanError as exc:
        print(f"kutipan: {exc}", file=sys.stderr)
        return 1
    Path(args.output).write_text(render_view(doc, text), encoding="utf-8")
    return 0


__all__ = ["check_offsets", "load_prediction", "render_text", "render_view"]
