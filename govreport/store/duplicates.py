"""Duplicate reports: the same report read from two files is stored once.

Researchers routinely download one report from two sites, as a web page and as text, or in
traditional characters. Two fingerprints of a report's *matching text* (the cleaned text folded
to simplified characters and half-width forms, lower-cased, with everything but Chinese
characters, letters and digits removed, so layout, punctuation and script do not count):

- ``text_hash``: its SHA-256. The same hash is an **exact** duplicate.
- ``signature``: a MinHash (``datasketch``) of its character shingles (``SHINGLE`` characters
  long). Two reports whose estimated Jaccard similarity is at least ``NEAR`` are a **near**
  duplicate: the same report with a site's furniture left in, a few characters a converter
  rendered differently, a missing paragraph. Different reports (two years of one region, two
  regions of one year) share their set phrases but stay far below it (``tests/test_duplicates.py``
  measures both on the corpus).

``DuplicateIndex`` holds the fingerprints of the stored reports (a locality-sensitive hash
over the signatures, so a lookup does not compare against every report).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from govreport.store.fulltext import fold

#: shingle length (characters) and number of MinHash permutations
SHINGLE = 5
NUM_PERM = 128
#: datasketch's permutation scheme (stored signatures are only comparable within one) and its dtype
SCHEME = "affine32"
_DTYPE = "<u4"
#: estimated Jaccard similarity from which two reports are the same report
NEAR = 0.8
#: a text shorter than this (matching characters) is only ever an exact duplicate
MIN_CHARS = 200

_KEEP = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def matching_text(text: str) -> str:
    """The text as compared: folded, lower-cased, only Chinese characters, letters and digits."""
    return _KEEP.sub("", fold(text).lower())


def text_hash(text: str) -> str:
    return hashlib.sha256(matching_text(text).encode("utf-8")).hexdigest()


def _minhash(matching: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    shingles = {matching[i:i + SHINGLE] for i in range(max(1, len(matching) - SHINGLE + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


@dataclass(frozen=True, slots=True)
class Fingerprint:
    text_hash: str
    signature: bytes  # the MinHash values (uint32, little-endian), as stored in reports.minhash
    n_chars: int  # length of the matching text


def fingerprint(text: str) -> Fingerprint:
    """Both fingerprints of a report's text (computed in the ingest workers)."""
    matching = matching_text(text)
    digest = hashlib.sha256(matching.encode("utf-8")).hexdigest()
    values = _minhash(matching).hashvalues.astype(_DTYPE)
    return Fingerprint(digest, values.tobytes(), len(matching))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    va, vb = np.frombuffer(a, dtype=_DTYPE), np.frombuffer(b, dtype=_DTYPE)
    if len(va) != len(vb) or not len(va):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


@dataclass(frozen=True, slots=True)
class Match:
    report_id: str
    relation: str  # exact | near
    similarity: float


class DuplicateIndex:
    """The fingerprints of stored reports; ``find`` the one a new report duplicates."""

    def __init__(self) -> None:
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, bytes] = {}
        self._lsh = MinHashLSH(threshold=NEAR - 0.1, num_perm=NUM_PERM)

    @classmethod
    def from_rows(cls, rows: list[dict]) -> DuplicateIndex:
        """From ``reports`` rows with ``id``, ``text_hash`` and ``minhash`` (older rows lack them)."""
        index = cls()
        for r in rows:
            if r.get("text_hash"):
                index.add(r["id"], r["text_hash"], r.get("minhash"))
        return index

    def add(self, report_id: str, digest: str, signature: bytes | None) -> None:
        self._by_hash.setdefault(digest, report_id)
        if signature and len(signature) == NUM_PERM * 4 and report_id not in self._signatures:
            self._signatures[report_id] = signature
            self._lsh.insert(report_id, _from_bytes(signature))

    def remove(self, report_id: str) -> None:
        for digest in [d for d, rid in self._by_hash.items() if rid == report_id]:
            del self._by_hash[digest]
        if self._signatures.pop(report_id, None) is not None:
            self._lsh.remove(report_id)

    def find(self, fp: Fingerprint, exclude: Collection[str] = ()) -> Match | None:
        """The stored report ``fp`` duplicates (exact first, else the most similar near one),
        leaving out the reports in ``exclude`` (e.g. the older version of an edited file)."""
        rid = self._by_hash.get(fp.text_hash)
        if rid is not None and rid not in exclude:
            return Match(rid, "exact", 1.0)
        if fp.n_chars < MIN_CHARS:
            return None
        best: Match | None = None
        for candidate in self._lsh.query(_from_bytes(fp.signature)):
            if candidate in exclude:
                continue
            sim = similarity(fp.signature, self._signatures[candidate])
            if sim >= NEAR and (best is None or sim > best.similarity
                                or (sim == best.similarity and candidate < best.report_id)):
                best = Match(candidate, "near", sim)
        return best


def _from_bytes(signature: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME,
                   hashvalues=np.frombuffer(signature, dtype=_DTYPE).astype(np.uint32))
