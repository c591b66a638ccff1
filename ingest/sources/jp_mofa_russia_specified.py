"""FEFTA specified entities of the Russian Federation (MOFA notice; METI PDF): see `_jp_mofa_specified`."""

from __future__ import annotations

from typing import ClassVar

from ecgraph.ingest.sources._jp_mofa_specified import SpecifiedEntityList

__all__ = ["JpMofaRussiaSpecified"]


class JpMofaRussiaSpecified(SpecifiedEntityList):
    id: ClassVar[str] = "jp_mofa_russia_specified"
    target_country: ClassVar[str | None] = "RU"
