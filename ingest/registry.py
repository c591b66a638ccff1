"""Every list source by name: one visible table, no registration by import side effect."""

from __future__ import annotations

from difflib import get_close_matches

from ecgraph.ingest.source import ListSource
from ecgraph.ingest.sources.eu_oj_sanctions import EuOjSanctions
from ecgraph.ingest.sources.gb_ofsi_consolidated import GbOfsiConsolidated
from ecgraph.ingest.sources.jp_meti_end_user_list import JpMetiEndUserList
from ecgraph.ingest.sources.jp_mof_asset_freeze import JpMofAssetFreeze
from ecgraph.ingest.sources.jp_mofa_belarus_specified import JpMofaBelarusSpecified
from ecgraph.ingest.sources.jp_mofa_russia_specified import JpMofaRussiaSpecified
from ecgraph.ingest.sources.jp_mofa_third_country_specified import JpMofaThirdCountrySpecified
from ecgraph.ingest.sources.os_ftm import OsFtm
from ecgraph.ingest.sources.un_sc_sanctions import UnScSanctions
from ecgraph.ingest.sources.us_bis_mieu import UsBisMieu
from ecgraph.ingest.sources.us_dod_1260h import UsDod1260h
from ecgraph.ingest.sources.us_ofac_cons import UsOfacCons
from ecgraph.ingest.sources.us_ofac_sdn import UsOfacSdn
from ecgraph.ingest.sources.us_trade_csl import UsTradeCsl
from ecgraph.schemas.errors import EcgraphError

__all__ = ["SOURCES", "get_source"]

# source id -> class. Add a source: write ingest/sources/<id>.py + <id>.yaml, then one line here.
SOURCES: dict[str, type[ListSource]] = {
    "us_trade_csl": UsTradeCsl,
    "us_ofac_sdn": UsOfacSdn,
    "us_ofac_cons": UsOfacCons,
    "un_sc_sanctions": UnScSanctions,
    "os_ftm": OsFtm,
    "us_bis_mieu": UsBisMieu,
    "us_dod_1260h": UsDod1260h,
    "gb_ofsi_consolidated": GbOfsiConsolidated,
    "eu_oj_sanctions": EuOjSanctions,
    "jp_meti_end_user_list": JpMetiEndUserList,
    "jp_mofa_russia_specified": JpMofaRussiaSpecified,
    "jp_mofa_belarus_specified": JpMofaBelarusSpecified,
    "jp_mofa_third_country_specified": JpMofaThirdCountrySpecified,
    "jp_mof_asset_freeze": JpMofAssetFreeze,
}


def get_source(source_id: str) -> ListSource:
    try:
        return SOURCES[source_id]()
    except KeyError:
        hint = get_close_matches(source_id, SOURCES, n=1)
        did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
        raise EcgraphError(
            f"unknown list source {source_id!r}.{did_you_mean} Known sources: {', '.join(sorted(SOURCES))}"
        ) from None
