"""Leave-one-article-out figures for what the lexicons learned from the devset.

The extractor's word lists (agencies, region short forms, tenures, post titles,
unit words) were grown while reading the devset. For each devset article this
removes every lexicon entry that the article alone motivates (one of its written
forms occurs in that article and in no other seed or devset article), extracts
the article with what is left, and scores all articles together by the reference
rules: the figures an extractor would get on an article whose own bodies, short
forms and people were never added. Cue patterns in code were tuned on the devset
too and are not left out here (see README, "Extraction").

Run: ``python benchmarks/extract_loao.py [--devset ../shared/devset]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

from lankg.evaluate import evaluate
from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts
from lankg.loaders.extract.gazetteer import region_aliases
from lankg.loaders.extract.lexicon import Lexicon, default_lexicon
from lankg.loaders.facts_json import read_facts

ROOT = Path(__file__).resolve().parent.parent


def _occurs(form: str, text: str, exact: bool) -> bool:
    pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])"
    return re.search(pattern, text, 0 if exact else re.IGNORECASE) is not None


def _only_here(forms: list[tuple[str, bool]], here: str, others: list[str]) -> bool:
    """True when some form occurs in ``here`` and none of the forms in any other text."""
    return any(_occurs(f, here, e) for f, e in forms) and not any(_occurs(f, o, e) for f, e in forms for o in others)


def without_what_only(here: str, others: list[str], lexicon: Lexicon) -> tuple[Lexicon, int]:
    """The lexicon without the entries only ``here`` motivates, and how many were left out."""
    left = 0

    def keep(forms: list[tuple[str, bool]]) -> bool:
        nonlocal left
        drop = _only_here(forms, here, others)
        left += drop
        return not drop

    agencies = tuple(a for a in lexicon.agencies if keep([(f, False) for f in a.aliases + a.offices] + [(f, True) for f in a.acronyms]))
    tenures = tuple(t for t in lexicon.tenures if keep([(t.name, False)]))
    posts = tuple(p for p in lexicon.posts if keep([(f, False) for f in (p.title, *p.variants)]))
    units = frozenset(w for w in lexicon.unit_words if keep([(w, True)]))
    aliases = {a: r for a, r in region_aliases().items() if keep([(a, True)])}
    written_out = {k: v for k, v in (lexicon.written_out or {}).items() if k in units}
    return dataclasses.replace(lexicon, agencies=agencies, tenures=tenures, posts=posts, unit_words=units,
                               written_out=written_out, region_aliases=aliases), left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    args = parser.parse_args()
    devset = sorted((args.devset / "articles").glob("*.txt"))
    seeds = sorted((ROOT / "data" / "articles").glob("*.txt"))
    texts = {p: p.read_text(encoding="utf-8") for p in devset + seeds}
    gold = [read_facts(args.devset / "gold" / f"{p.stem}.json") for p in devset]
    full = [extract_facts(read_article(p)) for p in devset]
    loao, removed = [], 0
    for p in devset:
        lexicon, left = without_what_only(texts[p], [t for q, t in texts.items() if q != p], default_lexicon())
        removed += left
        loao.append(extract_facts(read_article(p), lexicon))
    a, b = evaluate(gold, full), evaluate(gold, loao)
    print(f"devset, {len(devset)} articles; {removed} lexicon entries left out in all (each only for its own article)")
    print(f"{'key':18} {'all lexicons':>13} {'leave-one-out':>14}")
    for x, y in zip(a.scores, b.scores, strict=True):
        print(f"{x.key:18} {x.f1:13.3f} {y.f1:14.3f}")
    print(f"{'macro F1':18} {a.macro_f1:13.3f} {b.macro_f1:14.3f}")


if __name__ == "__main__":
    main()
