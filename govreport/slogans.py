"""Slogans: numbered policy formulas such as 五个振兴, 两不愁三保障 (issue 6)."""

from __future__ import annotations

from govreport.model import Slogan


def extract_slogans(text: str, view: str) -> tuple[Slogan, ...]:
    return ()
