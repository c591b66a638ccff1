"""`ecgraph demo generate`: realistic export declarations with planted red flags and a truth file.

Deterministic by seed. Normal traffic never carries CHPL goods, intermediary end users, vague
descriptions or listed parties, so every such pattern in the output was planted on purpose and is
listed in `<out>.truth.json` (flag → declaration numbers, plus the details: which listed entity with
which perturbation, which item has the value anomaly, which declarations form a split group, what an
amendment changed). Ownership chains go to `<out>.bods.json` (BODS 0.2 statements).
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ecgraph.demo.catalogue import Catalogue, load_catalogue
from ecgraph.demo.ownership import (
    bods_statements,
    make_chains,
    make_networks,
    network_statements,
)
from ecgraph.demo.parties import (
    PERTURBATIONS,
    consignee,
    customs_broker,
    forwarder,
    japanese_company,
    person,
    perturb,
)
from ecgraph.ingest.declarations.csv_flat import COLUMNS, declaration_to_rows
from ecgraph.ingest.snapshot import snapshot_dir

__all__ = ["GENERATOR", "RATES", "GenerateSummary", "generate"]

GENERATOR = "ecgraph.demo_declarations.v2"  # v2: officer and registration networks (PS-05)
# flag (rule id of rules-domain.md Part 2) -> share of declarations it is planted on
RATES: dict[str, float] = {
    "PS01_LISTED_PARTY": 0.02, "PS02_SHARED_ADDRESS": 0.01, "PS03_OWNED_BY_LISTED": 0.005,
    "PS05_NETWORK_NEIGHBOUR": 0.005,
    "CL04_CHPL_TO_HUB": 0.03, "RF01_NEW_CONSIGNEE": 0.01, "RF02_INTERMEDIARY_END_USER": 0.01,
    "RF06_VALUE_ANOMALY": 0.01, "RF07_VAGUE_DESCRIPTION": 0.02, "RF08_SPLIT_SHIPMENT": 0.004,
    "RF09_ECOMMERCE_PARCEL": 0.01, "RF12_LATE_AMENDMENT": 0.005,
}
EXCLUSIVE = frozenset({"PS01_LISTED_PARTY", "PS02_SHARED_ADDRESS", "PS03_OWNED_BY_LISTED", "PS05_NETWORK_NEIGHBOUR",
                       "CL04_CHPL_TO_HUB",
                       "RF01_NEW_CONSIGNEE", "RF02_INTERMEDIARY_END_USER", "RF09_ECOMMERCE_PARCEL"})
DESTINATIONS = {"CN": 20, "US": 15, "KR": 8, "TW": 7, "HK": 5, "TH": 5, "VN": 5, "SG": 4, "DE": 4, "IN": 3, "MY": 3,
                "ID": 3, "AE": 2, "MX": 2, "GB": 2, "NL": 2, "PH": 2, "AU": 2, "TR": 1, "KZ": 1}
CHAPTERS = {"84": 30, "85": 30, "90": 10, "87": 8, "39": 6, "40": 3, "72": 3, "73": 4, "29": 3, "38": 3}
JPY_PER_KG = {"84": 6000, "85": 15000, "90": 30000, "87": 2500, "39": 600, "40": 900, "72": 200, "73": 1200,
              "29": 2000, "38": 1500}
FX = {"JPY": 1.0, "USD": 150.0, "EUR": 162.0}
SPLIT_THRESHOLD_JPY = 1_000_000
START = date(2025, 1, 1)


@dataclass
class GenerateSummary:
    out: str
    truth: str
    bods: str
    format: str
    seed: int
    declarations: int
    records: int  # declarations + amendment versions
    planted: dict[str, int] = field(default_factory=dict)


def generate(n: int, seed: int, out: Path, *, fmt: str = "jsonl", data_dir: Path | None = None) -> GenerateSummary:
    """Write `n` declarations (plus amendment versions) to `out`, the truth file and BODS statements beside it."""
    catalogue = load_catalogue(data_dir or snapshot_dir())
    gen = _Generator(n, seed, catalogue)
    truth_path = out.with_name(out.name + ".truth.json")
    bods_path = out.with_name(out.name + ".bods.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    records = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n") if fmt == "csv" else None
        if writer:
            writer.writeheader()
        for record in gen.records():
            records += 1
            if writer:
                writer.writerows(declaration_to_rows(record))
            else:
                fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    truth = gen.truth(fmt, records)
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    statements = bods_statements(gen.chains, START.isoformat()) + network_statements(gen.networks, START.isoformat())
    bods_path.write_text(json.dumps(statements, ensure_ascii=False, indent=1), encoding="utf-8")
    return GenerateSummary(str(out), str(truth_path), str(bods_path), fmt, seed, n, records, truth["planted"])


def _names_a_building(address: str | None) -> bool:
    tokens = (address or "").replace(",", " ").split()
    return len(tokens) >= 4 and any(ch.isdigit() for ch in address or "")


class _Generator:
    def __init__(self, n: int, seed: int, catalogue: Catalogue) -> None:
        self.n, self.seed, self.cat = n, seed, catalogue
        self.rng = rng = random.Random(seed)
        self.hubs = sorted(catalogue.hubs)
        self.group_a = catalogue.groups.get("JP_GROUP_A", frozenset())
        by_chapter: dict[str, list[tuple[str, str]]] = {}
        for code, desc in catalogue.hs6:
            if code[:2] in CHAPTERS and code not in catalogue.chpl:
                by_chapter.setdefault(code[:2], []).append((code, desc))
        self.normal_hs = by_chapter
        hs_desc = dict(catalogue.hs6)
        self.chpl = [(code, hs_desc.get(code, code), tier) for code, tier in sorted(catalogue.chpl.items())]
        self.chpl_top = [c for c in self.chpl if c[2] in ("1", "2")]
        self.exporters = [japanese_company(rng) for _ in range(max(20, n // 250))]
        self.brokers = [customs_broker(rng) for _ in range(8)]
        self.pools = {c: [consignee(rng, c) for _ in range(max(3, n * w // 2000))] for c, w in DESTINATIONS.items()}
        listed = list(catalogue.listed)
        self.listed = rng.sample(listed, min(400, len(listed)))
        # owners that block under the OFAC 50 % rule: SDN entries (the CSL's other sub-lists do not block)
        blocking = [e for e in self.listed if e.list == "SDN"]
        self.chains = make_chains(rng, max(4, n // 5000), blocking, self.hubs)
        self.networks = make_networks(rng, max(4, n // 5000), self.listed, self.hubs)
        self.parcel_addresses = [person(rng, rng.choice(self.hubs)) for _ in range(max(3, n // 2000))]
        self.base_number = rng.randrange(50_000_000_000, 60_000_000_000 - 2 * n - 10)
        self.flags: dict[str, list[str]] = {f: [] for f in RATES}
        self.details: dict[str, list[dict[str, Any]]] = {k: [] for k in (
            "listed_parties", "shared_addresses", "value_anomalies", "split_groups", "amendments", "new_consignees",
            "intermediary_end_users", "ownership")}
        self.count = 0

    # -- the stream ------------------------------------------------------------------------
    def records(self) -> Any:
        pending: list[tuple[int, dict[str, Any]]] = []  # (emit after declaration index, amendment)
        while self.count < self.n:
            rng = self.rng
            if rng.random() < RATES["RF08_SPLIT_SHIPMENT"] and self.n - self.count >= 3:
                group = self._split_group(min(rng.randint(3, 5), self.n - self.count))
            else:
                group = [self._one()]
            for record in group:
                self._derive(record)
                yield record
                if rng.random() < RATES["RF12_LATE_AMENDMENT"]:
                    pending.append((self.count + rng.randint(1, 40), self._amend(record)))
            while pending and pending[0][0] <= self.count:
                yield pending.pop(0)[1]
        for _, amendment in pending:
            yield amendment

    def _next_number_and_date(self) -> tuple[str, date]:
        index = self.count
        self.count += 1
        return str(self.base_number + index * 2), START + timedelta(days=index * 365 // max(self.n, 1))

    def _base(self) -> dict[str, Any]:
        rng = self.rng
        number, day = self._next_number_and_date()
        dest = rng.choices(list(DESTINATIONS), weights=list(DESTINATIONS.values()))[0]
        cons = rng.choice(self.pools[dest])
        currency = rng.choices(("JPY", "USD", "EUR"), weights=(70, 25, 5))[0]
        items = [self._item(seq, currency) for seq in range(1, rng.choices((1, 2, 3, 4), weights=(50, 25, 15, 10))[0] + 1)]
        mode = rng.choices(("air", "sea"), weights=(45, 55))[0]
        record: dict[str, Any] = {
            "declaration_number": number, "version": 1, "declaration_date": day.isoformat(), "declaration_type": "EX",
            "declarant": dict(rng.choice(self.brokers)), "exporter": dict(rng.choice(self.exporters)),
            "consignee": dict(cons), "destination_country": dest,
            "port_of_loading": rng.choice(("JPNRT", "JPKIX", "JPHND")) if mode == "air" else rng.choice(
                ("JPTYO", "JPYOK", "JPUKB", "JPNGO", "JPOSA")),
            "transport_mode": mode,
            "vessel_flight": f"{rng.choice(('NH', 'JL', 'CX', 'KE'))}{rng.randint(100, 999)}" if mode == "air" else
            f"{rng.choice(('ONE HARMONY', 'MOL TRIUMPH', 'NYK DELPHINUS', 'EVER GIVEN'))} {rng.randint(1, 99):02d}E",
            "invoice_number": f"INV-{day.year}-{rng.randint(10000, 99999)}", "currency": currency,
            "ecommerce": False, "items": items,
        }
        if rng.random() < 0.6:
            record["end_user"] = dict(cons) if rng.random() < 0.7 else dict(rng.choice(self.pools[dest]))
        if rng.random() < 0.2:
            record["notify_party"] = dict(rng.choice(self.pools[dest]))
        if rng.random() < 0.3:
            record["freight_forwarder"] = dict(rng.choice(self.brokers))
        if rng.random() < 0.1:
            record["transit_countries"] = [rng.choice(("SG", "KR", "HK"))] if dest not in ("SG", "KR", "HK") else []
            if not record["transit_countries"]:
                del record["transit_countries"]
        self._total(record)
        return record

    def _item(self, seq: int, currency: str, hs: tuple[str, str] | None = None) -> dict[str, Any]:
        rng = self.rng
        if hs is None:
            chapter = rng.choices(list(CHAPTERS), weights=list(CHAPTERS.values()))[0]
            hs = rng.choice(self.normal_hs[chapter])
        code, desc = hs
        net_kg = round(rng.lognormvariate(3, 1.2), 1) + 0.1
        value_jpy = net_kg * JPY_PER_KG.get(code[:2], 3000) * rng.lognormvariate(0, 0.35)
        quantity = max(1, int(net_kg * rng.uniform(0.5, 20)))
        return {"seq": seq, "hs_code": code + rng.choice(("000", "100", "900", "010")), "description": desc[:400],
                "quantity": quantity, "unit": "PCE", "net_weight_kg": round(net_kg, 1),
                "value": self._money(value_jpy, currency), "origin_country": "JP"}

    @staticmethod
    def _money(value_jpy: float, currency: str) -> float:
        return float(round(value_jpy)) if currency == "JPY" else round(value_jpy / FX[currency], 2)

    @staticmethod
    def _total(record: dict[str, Any]) -> None:
        rate = FX[record["currency"]]
        for item in record["items"]:
            item["value_jpy"] = float(round(item["value"] * rate))
        record["invoice_value"] = round(sum(i["value"] for i in record["items"]), 2) or 1.0
        record["declared_value_jpy"] = float(sum(i["value_jpy"] for i in record["items"]))

    def _chpl_item(self, record: dict[str, Any], top: bool = False) -> None:
        code, desc, _ = self.rng.choice(self.chpl_top if top else self.chpl)
        record["items"][0] = self._item(1, record["currency"], (code, desc))
        self._total(record)

    # -- planted patterns ------------------------------------------------------------------
    def _one(self) -> dict[str, Any]:
        rng = self.rng
        record = self._base()
        number = record["declaration_number"]
        drawn = [f for f, rate in RATES.items() if f not in ("RF08_SPLIT_SHIPMENT", "RF12_LATE_AMENDMENT")
                 and rng.random() < rate]
        # Patterns that replace a party or the goods exclude each other (one per declaration, so the
        # truth stays exact); item tweaks (value anomaly, vague description) combine with any of them.
        exclusive = [f for f in drawn if f in EXCLUSIVE][:1]
        for flag in exclusive + [f for f in drawn if f not in EXCLUSIVE]:
            getattr(self, "_plant_" + flag.split("_", 1)[0].lower())(record)
            self.flags[flag].append(number)
        return record

    def _plant_ps01(self, record: dict[str, Any]) -> None:
        rng = self.rng
        entity = rng.choice(self.listed)
        role = "consignee" if rng.random() < 0.7 else "end_user"
        kind = rng.choice(PERTURBATIONS)
        party = {"name": perturb(entity.name, kind, rng), "country": entity.country}
        if entity.address and rng.random() < 0.7:
            party["address"] = entity.address[:400]
        record[role] = party
        record["destination_country"] = entity.country
        self.details["listed_parties"].append({
            "number": record["declaration_number"], "role": role, "name": party["name"], "perturbation": kind,
            "list_source": entity.source, "list_source_id": entity.source_id, "list": entity.list,
            "list_name": entity.name, "list_address": entity.address})

    def _plant_ps02(self, record: dict[str, Any]) -> None:
        # a front company at the listed entity's *building*: "Tehran, IR" would name a city, not an address
        entity = self.rng.choice([e for e in self.listed[:200] if _names_a_building(e.address)])
        party = consignee(self.rng, entity.country)
        party["address"] = (entity.address or "")[:400]
        record["consignee"] = party
        record["destination_country"] = entity.country
        self.details["shared_addresses"].append({
            "number": record["declaration_number"], "role": "consignee", "name": party["name"],
            "address": party["address"], "list_source": entity.source, "list_source_id": entity.source_id,
            "list_name": entity.name})

    def _plant_ps03(self, record: dict[str, Any]) -> None:
        chain = self.rng.choice(self.chains)
        record["consignee"] = dict(chain.target)
        record["destination_country"] = chain.target["country"]
        chain.declarations.append(record["declaration_number"])

    def _plant_ps05(self, record: dict[str, Any]) -> None:
        network = self.rng.choice(self.networks)
        record["consignee"] = dict(network.target)
        record["destination_country"] = network.target["country"]
        network.declarations.append(record["declaration_number"])

    def _plant_cl04(self, record: dict[str, Any]) -> None:
        record["destination_country"] = self.rng.choice(self.hubs)
        record["consignee"] = consignee(self.rng, record["destination_country"])
        self._chpl_item(record)

    def _plant_rf01(self, record: dict[str, Any]) -> None:
        rng = self.rng
        dest = rng.choice([h for h in self.hubs if h not in self.group_a])
        fresh = consignee(rng, dest)
        fresh["name"] = f"{fresh['name']} {rng.choice(('New Star', 'Bright Way', 'Eastline'))} {record['declaration_number'][-5:]}"
        record["consignee"] = fresh
        record["destination_country"] = dest
        record.pop("end_user", None)
        self._chpl_item(record, top=True)
        self.details["new_consignees"].append({"number": record["declaration_number"], "name": fresh["name"]})

    def _plant_rf02(self, record: dict[str, Any]) -> None:
        end_user = forwarder(self.rng, record["destination_country"], self.cat.terms.get("INTERMEDIARY", ("logistics",)))
        record["end_user"] = end_user
        self._chpl_item(record)
        self.details["intermediary_end_users"].append({"number": record["declaration_number"], "name": end_user["name"]})

    def _plant_rf06(self, record: dict[str, Any]) -> None:
        item = self.rng.choice(record["items"])
        factor = self.rng.choice((30.0, 1 / 30))
        item["value"] = round(item["value"] * factor, 2) or 1.0
        self._total(record)
        self.details["value_anomalies"].append({"number": record["declaration_number"], "seq": item["seq"],
                                                "factor": round(factor, 4), "hs_code": item["hs_code"]})

    def _plant_rf07(self, record: dict[str, Any]) -> None:
        record["items"][0]["description"] = self.rng.choice(self.cat.terms.get("VAGUE_DESCRIPTION", ("parts",)))

    def _plant_rf09(self, record: dict[str, Any]) -> None:
        rng = self.rng
        buyer = dict(rng.choice(self.parcel_addresses))
        buyer["name"] = person(rng, buyer["country"])["name"]  # several people at one address
        record.update(declaration_type="ECM", transport_mode="post", ecommerce=True, consignee=buyer,
                      destination_country=buyer["country"], currency="JPY", port_of_loading="JPTYO",
                      vessel_flight="POSTAL")
        record.pop("end_user", None)
        code, desc, _ = rng.choice(self.chpl_top)
        item = self._item(1, "JPY", (code, desc))
        item.update(quantity=rng.randint(1, 20), net_weight_kg=round(rng.uniform(0.05, 2.0), 2),
                    value=float(rng.randint(5_000, 190_000)))
        record["items"] = [item]
        self._total(record)

    def _split_group(self, k: int) -> list[dict[str, Any]]:
        rng = self.rng
        exporter = dict(rng.choice(self.exporters))
        dest = rng.choice(self.hubs)
        buyer = consignee(rng, dest)
        code, desc, _ = rng.choice(self.chpl_top)
        offsets = sorted(rng.randint(0, 25) for _ in range(k))
        group = []
        for offset in offsets:
            record = self._base()
            record["declaration_date"] = (date.fromisoformat(record["declaration_date"]) + timedelta(days=offset)).isoformat()
            record.update(exporter=exporter, consignee=dict(buyer), destination_country=dest, currency="JPY")
            record.pop("end_user", None)
            item = self._item(1, "JPY", (code, desc))
            item["value"] = float(rng.randint(600_000, SPLIT_THRESHOLD_JPY - 10_000))
            record["items"] = [item]
            self._total(record)
            group.append(record)
            self.flags["RF08_SPLIT_SHIPMENT"].append(record["declaration_number"])
        self.details["split_groups"].append({
            "numbers": [r["declaration_number"] for r in group], "exporter": exporter["name"], "consignee": buyer["name"],
            "hs6": code, "values_jpy": [r["invoice_value"] for r in group], "threshold_jpy": SPLIT_THRESHOLD_JPY})
        return group

    def _amend(self, record: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        amended: dict[str, Any] = json.loads(json.dumps(record))
        amended["version"] = 2
        amended["declaration_type"] = "EXC"
        changed: dict[str, list[Any]] = {}
        new_dest = rng.choice(self.hubs)
        if new_dest != record["destination_country"]:
            amended["destination_country"] = new_dest
            changed["destination_country"] = [record["destination_country"], new_dest]
        amended["consignee"] = consignee(rng, new_dest)
        changed["consignee"] = [record["consignee"]["name"], amended["consignee"]["name"]]
        number = record["declaration_number"]
        self.flags["RF12_LATE_AMENDMENT"].append(number)
        self.details["amendments"].append({"number": number, "version": 2, "changed": changed})
        return amended

    def _derive(self, record: dict[str, Any]) -> None:
        """CHPL goods that end up going to a hub (whatever planted them) are a CL-04 case too."""
        number = record["declaration_number"]
        to_hub = record["destination_country"] in self.hubs
        if to_hub and any(i["hs_code"][:6] in self.cat.chpl for i in record["items"]):
            self.flags["CL04_CHPL_TO_HUB"].append(number)  # duplicates are dropped in truth()

    def truth(self, fmt: str, records: int) -> dict[str, Any]:
        flags = {f: sorted(set(v)) for f, v in self.flags.items()}
        ownership = [{"kind": c.kind, "expected": c.expected, "target": c.target["name"],
                      "country": c.target["country"], "edges": [list(e) for e in c.edges],
                      "entities": c.entities, "declarations": c.declarations} for c in self.chains]
        networks = [{"kind": w.kind, "target": w.target["name"], "country": w.target["country"], "link": w.link,
                     "listed": {"source": w.listed.source, "source_id": w.listed.source_id, "name": w.listed.name},
                     "declarations": w.declarations} for w in self.networks]
        return {
            "generator": GENERATOR, "seed": self.seed, "declarations": self.n, "records": records, "format": fmt,
            "rates": RATES, "planted": {f: len(v) for f, v in flags.items()}, "flags": flags,
            **self.details, "ownership": ownership, "networks": networks,
            "reference": {"diversion_hubs": self.hubs, "listed_pool": len(self.listed),
                          "listed_sources": sorted({e.source for e in self.listed}),
                          "split_threshold_jpy": SPLIT_THRESHOLD_JPY, "value_norm_jpy_per_kg": JPY_PER_KG},
        }
