"""FEFTA specified entities of the Republic of Belarus (MOFA notice; METI PDF): see `_jp_mofa_specified`."""

from __future__ import annotations

from typing import ClassVar

from ecgraph.ingest.sources._jp_mofa_specified import SpecifiedEntityList

__all__ = ["JpMofaBelarusSpecified"]


class JpMofaBelarusSpecified(SpecifiedEntityList):
    id: ClassVar[str] = "jp_mofa_belarus_specified"
    target_country: ClassVar[str | None] = "BY"
