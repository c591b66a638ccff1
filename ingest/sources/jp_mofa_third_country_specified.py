"""FEFTA specified entities of the third countries (MOFA notice; METI PDF): see `_jp_mofa_specified`."""

from __future__ import annotations

from typing import ClassVar

from ecgraph.ingest.sources._jp_mofa_specified import SpecifiedEntityList

__all__ = ["JpMofaThirdCountrySpecified"]


class JpMofaThirdCountrySpecified(SpecifiedEntityList):
    id: ClassVar[str] = "jp_mofa_third_country_specified"
