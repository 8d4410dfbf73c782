"""Which language each paragraph of a document is in: English, Urdu, or another of the region.

A paragraph without Arabic-script letters goes to the English path without
asking the detector, so English reports cost nothing; a paragraph with them is
given to lingua (offline, restricted to the languages of
`data/languages.yaml`, built once per process and loading its models only when
first needed). A paragraph whose letters are mostly Latin stays English even
when it quotes an Urdu name; a paragraph written with letters only Urdu uses
is Urdu without asking lingua, which leans Persian on Urdu naming Pashto spellings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from threatnet.errors import InvalidData
from threatnet.extract.urdu_text import has_arabic_script
from threatnet.resources import load_data

_FILE = "languages.yaml"


@dataclass(frozen=True)
class Paragraph:
    """A line of the text (offsets, newline excluded) and its ISO 639-1 language."""

    start: int
    end: int
    language: str


@dataclass(frozen=True)
class _Settings:
    languages: tuple[Language, ...]
    codes: dict[Language, str]
    urdu_letters: frozenset[str]
    urdu_min: int


@cache
def _settings() -> _Settings:
    data = load_data(_FILE)
    try:
        languages = tuple(getattr(Language, name) for name in data["detect"])
        codes = {getattr(Language, name): str(code) for name, code in data["codes"].items()}
        urdu_letters, urdu_min = frozenset(data["urdu_letters"]), int(data["urdu_letters_min"])
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InvalidData(_FILE, f"'detect' and 'codes' must name lingua languages, "
                                 f"'urdu_letters' be letters and 'urdu_letters_min' a number "
                                 f"({exc})") from None
    return _Settings(languages, codes, urdu_letters, urdu_min)


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_settings().languages).build()


def detect(text: str) -> str:
    """The ISO code of the language of one paragraph ("en" when it has no Arabic script)."""
    if not has_arabic_script(text):
        return "en"
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if has_arabic_script(c))
    latin = sum(1 for c in letters if c.isascii())
    if latin > arabic:
        return "en"  # an English paragraph quoting an Urdu name
    settings = _settings()
    if sum(1 for c in text if c in settings.urdu_letters) >= settings.urdu_min:
        # written with letters only Urdu uses: Urdu whatever lingua would say, so it is
        # not asked (its answer costs more than the rest of the Urdu reading)
        return "ur"
    found = _detector().detect_language_of(text)
    return settings.codes.get(found, "ur") if found is not None else "ur"


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of the text with their languages."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append(Paragraph(start, end, detect(line)))
        start = end + 1
    return out

