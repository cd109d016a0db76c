"""Site search: published treatments (overview pages included) and scar types whose names, aliases or
summaries, in any language, hold the words a patient typed, or come close to them.

Forgiving enough for everyday typing: case, accents, full-width letters and hyphens do not matter
("ice-pick" finds "Ice pick scars"), and a word with a letter or two wrong finds the name it was meant
for ("microneedlng"). Chinese is written without spaces, so a query with Chinese characters is matched
as a part of the text (暗瘡印 in "暗瘡印, 紅印"). On PostgreSQL the closeness is pg_trgm's word
similarity, computed by the database; elsewhere (SQLite) it is difflib's ratio over the words of the
names and aliases, kept per content version. A query is health data: it is never stored, cached or logged.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.functions import Coalesce, Greatest, Least
from modeltranslation.utils import build_localized_fieldname

from .models import ScarType, Treatment
from .page_cache import content_version

KINDS = {"scar": ScarType, "treatment": Treatment}

LONGEST_QUERY = 100
# How close a misspelt word must be to a word of a name or alias (0 to 1): difflib's ratio, and pg_trgm's
# word similarity, which scores the same typo lower ("fracsional": 0.9 and 0.57 against "fractional").
CLOSE_ENOUGH = 0.8
POSTGRES_CLOSE_ENOUGH = 0.5
NAMES, SUMMARIES = ("name", "also_known_as"), ("summary",)
# The best matches of each kind that the page lists; the rest are counted.
SHOWN = 24
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


@dataclass(frozen=True)
class Found:
    """The best matches of each kind (at most SHOWN each), and how many matched in all."""

    scar_types: list
    treatments: list
    count: int

    def __len__(self) -> int:
        return self.count

    @property
    def not_shown(self) -> int:
        return self.count - len(self.scar_types) - len(self.treatments)


def normalise(text: str) -> str:
    """Lower case, no accents, half-width letters, punctuation and hyphens as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def find(query: str) -> Found:
    """The published scar types and treatments that match `query`, best first."""
    query = normalise(query)
    if not query:
        return Found([], [], 0)
    if connection.vendor == "postgresql":
        ranked = {kind: _ranked_in_postgres(model, query) for kind, model in KINDS.items()}
    else:
        ranked = _index(content_version()).ranked(query)
    return Found(
        scar_types=_shown(ScarType, ranked.get("scar", [])),
        treatments=_shown(Treatment, ranked.get("treatment", [])),
        count=sum(len(pks) for pks in ranked.values()),
    )


def _columns(fields: tuple[str, ...]) -> list[str]:
    return [build_localized_fieldname(field, code) for field in fields for code, _name in settings.LANGUAGES]


def _best_first(scored) -> list[int]:
    """Primary keys from (pk, score, English name) rows: the highest score first, then by name."""
    return [pk for pk, _score, _name in sorted(scored, key=lambda row: (-row[1], (row[2] or "").casefold()))]


def _shown(model, ranked: list[int]) -> list:
    shown = ranked[:SHOWN]
    rows = {row.pk: row for row in model.objects.published().filter(pk__in=shown)}
    return [rows[pk] for pk in shown if pk in rows]


def _ranked_in_postgres(model, query: str) -> list[int]:
    """Names or aliases that hold the query rank first, then summaries that do, then names with a word
    close to each word of the query (pg_trgm's word similarity)."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    def holding(fields):
        found = Q()
        for column in _columns(fields):
            found |= Q(**{f"{column}__iregex": _pattern(query)})
        return found

    closeness = [
        Coalesce(Greatest(*(TrigramWordSimilarity(Value(word), column) for column in _columns(NAMES))), Value(0.0))
        for word in _fuzzy_words(query)
    ]
    close = (Least(*closeness) if len(closeness) > 1 else closeness[0]) if closeness else Value(0.0)
    score = Greatest(
        Case(When(holding(NAMES), then=Value(2.0)), When(holding(SUMMARIES), then=Value(1.0)), default=Value(0.0)),
        close,
        output_field=FloatField(),
    )
    found = model.objects.published().annotate(score=score).filter(score__gte=POSTGRES_CLOSE_ENOUGH)
    return _best_first(found.values_list("pk", "score", build_localized_fieldname("name", settings.LANGUAGE_CODE)))


def _fuzzy_words(query: str) -> list[str]:
    """The words of a query that may be misspelt: four letters or more, not Chinese."""
    return [word for word in query.split() if len(word) >= 4 and not CJK.search(word)]


def _pattern(query: str) -> str:
    """A regular expression for the normalised query in the stored text: any run of spaces, hyphens or
    punctuation between its words, and none needed between Chinese characters."""
    return r"[\W_]*".join(re.escape(word) for word in query.split())


class Index:
    """Every published scar type's and treatment's names, aliases and summaries, normalised, in all languages."""

    def __init__(self, entries: list[tuple[str, int, str, str, str]]):
        self.entries = entries
        self.names = {(kind, pk): name for kind, pk, name, _names, _summary in entries}
        self.words: dict[str, set[tuple[str, int]]] = {}
        for kind, pk, _name, names, _summary in entries:
            for word in names.split():
                self.words.setdefault(word, set()).add((kind, pk))

    def ranked(self, query: str) -> dict[str, list[int]]:
        scores: dict[tuple[str, int], float] = {}
        joined = query.replace(" ", "") if CJK.search(query) else None
        for kind, pk, _name, names, summary in self.entries:
            if query in names or (joined and joined in names.replace(" ", "")):
                scores[kind, pk] = 2.0
            elif query in summary or (joined and joined in summary.replace(" ", "")):
                scores[kind, pk] = 1.0
        for entry, closeness in self._close(query).items():
            scores.setdefault(entry, closeness)
        ranked: dict[str, list] = {}
        for (kind, pk), score in scores.items():
            ranked.setdefault(kind, []).append((pk, score, self.names[kind, pk]))
        return {kind: _best_first(scored) for kind, scored in ranked.items()}

    def _close(self, query: str) -> dict[tuple[str, int], float]:
        """Entries whose names have a word close to each word of the query that may be misspelt."""
        matched: dict[tuple[str, int], float] | None = None
        for word in _fuzzy_words(query):
            here: dict[tuple[str, int], float] = {}
            for near in difflib.get_close_matches(word, self.words, n=20, cutoff=CLOSE_ENOUGH):
                ratio = difflib.SequenceMatcher(None, word, near).ratio()
                for entry in self.words[near]:
                    here[entry] = max(here.get(entry, 0.0), ratio)
            matched = here if matched is None else {e: min(s, here[e]) for e, s in matched.items() if e in here}
        return matched or {}


@lru_cache(maxsize=2)
def _index(version: str) -> Index:
    names, summaries = _columns(NAMES), _columns(SUMMARIES)
    english = build_localized_fieldname("name", settings.LANGUAGE_CODE)
    entries = []
    for kind, model in KINDS.items():
        for row in model.objects.published().values("pk", *names, *summaries):
            entries.append(
                (
                    kind,
                    row["pk"],
                    row[english] or "",
                    normalise(" ".join(row[column] or "" for column in names)),
                    normalise(" ".join(row[column] or "" for column in summaries)),
                )
            )
    return Index(entries)
