"""How good is a model? Translate a test set the way the project translates, score it with sacrebleu.

The source lines go through the project's engine exactly as ``l10n translate`` sends sentences
(:func:`l10n.machine.project_engine` and :func:`l10n.machine.machine_translate`: the same
device, glossary masking and pivot; no cache, so the model itself is measured). The output is
scored against the reference lines with sacrebleu's chrF and BLEU (corpus level, its default
settings, Chinese tokenisation for ``zh``), and its signature is kept so that two scores can be
compared only when they were computed the same way. Two shares a reviewer cares about come with
it: glossary terms found in the source that are in the output (in their target form), and
numbers written in digits that reappear (in any local form, as ``l10n check`` judges them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import SourceError


@dataclass(frozen=True)
class Score:
    """One evaluation run: the scores and what they were computed on."""

    lang: str
    engine: str
    model: str
    sentences: int
    chrf: float
    bleu: float
    signature: str
    terms: int  # glossary terms in the source lines
    terms_kept: float | None  # share of them in the output; None when there were none
    numbers: int  # numbers written in digits in the source lines
    numbers_kept: float | None

    def as_json(self) -> dict:
        return asdict(self)


def read_lines(path: Path) -> list[str]:
    """The lines of a test-set file (one sentence a line, UTF-8), without line ends."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise SourceError("no such file", path=path, hint="give a file with one sentence per line") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read it ({exc})", path=path, hint="give a UTF-8 text file, one sentence per line") from None


def read_test_set(source: Path, reference: Path) -> tuple[list[str], list[str]]:
    """Aligned source and reference lines; a clear error if they do not pair up."""
    src, ref = read_lines(source), read_lines(reference)
    if len(src) != len(ref):
        raise SourceError(f"{len(ref)} lines, but {source} has {len(src)}", path=reference,
                          hint="the reference needs one line per source line, in the same order")
    for number, line in enumerate(src, 1):
        if not line.strip():
            raise SourceError("empty source line", path=source, line=number, hint="remove it and its reference line")
    if not src:
        raise SourceError("no lines to translate", path=source)
    return src, ref


def corpus_scores(hypotheses: list[str], references: list[str], lang: str) -> tuple[float, float, str]:
    """(chrF, BLEU, signature) of ``hypotheses`` against ``references`` with sacrebleu."""
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(trg_lang=lang), CHRF()
    bleu_score = bleu.corpus_score(hypotheses, [references])
    chrf_score = chrf.corpus_score(hypotheses, [references])
    signature = f"chrF {chrf.get_signature()} / BLEU {bleu.get_signature()}"
    return round(chrf_score.score, 2), round(bleu_score.score, 2), signature


def kept_shares(project, sources: list[str], outputs: list[str], lang: str) -> tuple[int, float | None, int, float | None]:
    """(glossary terms, share kept, digit numbers, share kept) over the source lines."""
    from .numbers import find_numbers, missing_numbers
    from .glossary import load_glossary

    glossary, src = load_glossary(project.config), project.config.source_language
    terms = kept_terms = numbers = lost_numbers = 0
    for text, output in zip(sources, outputs):
        for term in glossary.in_source(text, src):
            forms = term.target(lang)
            if forms:
                terms += len(term.find(text, src))
                kept_terms += min(len(term.find(text, src)), sum(output.count(f) for f in forms))
        numbers += sum(1 for n in find_numbers(text, src) if not n.written and not n.glued)
        lost_numbers += sum(1 for n in missing_numbers(text, output, src, lang) if not n.written)
    share = lambda kept, total: round(kept / total, 4) if total else None  # noqa: E731
    return terms, share(kept_terms, terms), numbers, share(numbers - lost_numbers, numbers)


def evaluate(project, lang: str, source: Path, reference: Path, engine_name: str | None = None,
             device: str | None = None) -> Score:
    """Translate ``source`` into ``lang`` with the project's engine settings and score it against ``reference``."""
    from .glossary import load_glossary
    from .machine import machine_translate, model_name, project_engine

    sources, references = read_test_set(source, reference)
    config = project.config
    name = engine_name or config.engine
    engine = project_engine(project, name, load_glossary(config), use_cache=False, device=device)
    outputs = [t.text for t in machine_translate(engine, sources, config.source_language, lang, config.pivot_language)]
    model = model_name(engine, config.source_language, lang, config.pivot_language)
    chrf, bleu, signature = corpus_scores(outputs, references, lang)
    terms, terms_kept, numbers, numbers_kept = kept_shares(project, sources, outputs, lang)
    return Score(lang, name, model, len(sources), chrf, bleu, signature, terms, terms_kept, numbers, numbers_kept)
