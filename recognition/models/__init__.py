"""The recognition app's models, by topic: schemes, rounds and score sheets, certificates."""

from recognition.models.certificates import (
    Certificate,
    CertificateQuerySet,
    CertificateSequence,
    CertificateStatus,
)
from recognition.models.rounds import Entry, EntryQuerySet, Round, Score, ScoreSheet
from recognition.models.schemes import (
    STAR_LEVELS,
    Criterion,
    Level,
    Scheme,
    SchemeVersion,
    Section,
    StarBand,
    at_least_stars,
)

__all__ = [
    "STAR_LEVELS",
    "Certificate",
    "CertificateQuerySet",
    "CertificateSequence",
    "CertificateStatus",
    "Criterion",
    "Entry",
    "EntryQuerySet",
    "Level",
    "Round",
    "Scheme",
    "SchemeVersion",
    "Score",
    "ScoreSheet",
    "Section",
    "StarBand",
    "at_least_stars",
]
