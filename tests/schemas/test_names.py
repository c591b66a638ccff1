"""One name normaliser: the store forms ingest writes and the compare form resolution reads, one module."""

from __future__ import annotations

from ecgraph.ingest.declarations import normalise_name as declaration_form
from ecgraph.ingest.declarations.map import address_id, party_key
from ecgraph.ingest.list_map import normalise_name as list_form
from ecgraph.rules.engine.predicates.addresses import normalise_address
from ecgraph.rules.resolution.normalize import normalize_name as resolution_form
from ecgraph.schemas.names import fold, list_key, name_key, normalize_name


def test_every_layer_uses_the_one_module() -> None:
    assert declaration_form is name_key
    assert list_form is list_key
    assert normalise_address is list_key
    assert resolution_form is normalize_name


def test_store_forms_fold_and_space_punctuation() -> None:
    assert fold("ＡＢＣ　ＳＴＲAßE") == "abc strasse"
    assert name_key("ＡＣＭＥ  Co.,Ltd.") == "acme co ltd"
    assert list_key("Al-Qa'ida  Org.") == "al qa ida org"


def test_store_forms_differ_only_in_underscore_as_built() -> None:
    # Party keys and address ids of graphs already loaded depend on these exact forms.
    assert name_key("ACME_Trading") == "acme trading"
    assert list_key("ACME_Trading") == "acme_trading"
    assert party_key({"name": "ＡＣＭＥ Co., Ltd.", "country": "CN"}) == "name:acme co ltd|CN"
    assert address_id("1 Main St.", "US") == address_id("1  MAIN ST", "US")


def test_compare_form_joins_what_the_store_form_splits() -> None:
    assert name_key("O'Brien S.A.") == "o brien s a"
    assert normalize_name("O'Brien S.A.") == "obrien sa"
