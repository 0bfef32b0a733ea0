"""Tests written against the survivors of scripts/mutate.py on tracking (issue 16): each one reaches one
branch that no other test tells apart from its mutant."""
from __future__ import annotations
