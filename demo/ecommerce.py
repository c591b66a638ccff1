"""Demo operator feed: orders that stand behind small-parcel (ECM) declarations, with planted cases and truth.

Deterministic by seed; a module of its own (it only reads the demo catalogue and parties of
`ingest.declarations`) so it can move with the other demo generators. It writes three files:
`<out>` (orders, JSON Lines, the operator feed), `<out>.declarations.jsonl` (the ECM declarations the
parcels were declared on, most carrying the tracking number, some not, plus declarations of other
operators' parcels as decoys) and `<out>.truth.json` (each parcel's declaration; the declarations each
planted case should alert on, keyed by rule id of rules/packs/ecommerce.yaml). Normal traffic ships
ordinary goods, declared at about the order price, to the ship-to country, so every planted pattern is
there on purpose. Use one seed for development and another, fixed before tuning, as the sealed split.
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import phonenumbers

from ecgraph.demo.catalogue import load_catalogue
from ecgraph.demo.parties import customs_broker, japanese_company
from ecgraph.ingest.snapshot import snapshot_dir

__all__ = ["DEMO_GENERATOR", "DemoFeed", "generate_feed"]

# v2: accounts say their kind (person / company); v3: listed persons buy too (their own random stream, so
# every other planted case and the ordinary orders draw what they drew in v2)
DEMO_GENERATOR = "ecgraph.demo_ecommerce.v3"
OPERATOR = "demo-marketplace"
START = date(2025, 1, 1)
JST = timezone(timedelta(hours=9))
# (title, category, HS6 the goods are declared under, brand, model)
ORDINARY = (("Cotton T-shirt, men's, size L", "clothing", "610910", "Uniqlo", ""),
            ("Denim jeans slim fit", "clothing", "620342", "Edwin", "503"),
            ("Manga volume 12, Japanese edition", "books", "490199", "Shueisha", ""),
            ("Anime figure PVC 20 cm", "toys", "950300", "Good Smile", "Nendoroid"),
            ("Building block set 500 pcs", "toys", "950300", "Nanoblock", ""),
            ("Face lotion 200 ml", "cosmetics", "330499", "Shiseido", ""),
            ("Matcha green tea powder 100 g", "food", "090210", "Ito En", ""),
            ("Ceramic rice bowl set of 5", "home", "691200", "Hasami", ""),
            ("Wireless earbuds Bluetooth 5.3", "electronics", "851830", "Audio-Technica", "ATH-SQ1"),
            ("Mechanical keyboard 75%", "computers", "847160", "Realforce", "R3"),
            ("Running shoes, size 27", "sports", "640411", "Asics", "Gel-Kayano"),
            ("Fishing reel spinning 2500", "sports", "950731", "Shimano", "Stradic"),
            ("Cordless drill 18V", "tools", "846721", "Makita", "DF488"))
# CHPL-type goods as marketplaces list them (HS6 in the Common High Priority List)
HIGH_PRIORITY = (("FPV drone flight controller F7", "drones_and_parts", "880730", "SpeedyBee", "F7 V3"),
                 ("GNSS module u-blox NEO-M8N with compass", "navigation", "852691", "u-blox", "NEO-M8N"),
                 ("STM32F405 microcontroller IC, 10 pcs", "electronic_components", "854231", "STMicroelectronics", "STM32F405RGT6"),
                 ("Deep groove ball bearing 6204-2RS, 20 pcs", "bearings", "848210", "NSK", "6204DDU"),
                 ("Thermal imaging camera module 640x512", "cameras_and_optics", "852589", "InfiRay", "Tiny1-C"),
                 ("5.8 GHz video transmitter VTX 2.5 W", "drones_and_parts", "851762", "Rush", "Tank Max"),
                 ("FPGA chip Xilinx Artix-7", "electronic_components", "854239", "AMD Xilinx", "XC7A35T"))
DESTINATIONS = {"US": 30, "KR": 12, "TW": 12, "AU": 8, "GB": 8, "DE": 8, "FR": 6, "CA": 6, "SG": 5, "TH": 5}
GIVEN = ("Emily", "James", "Minjun", "Yuting", "Olivia", "Lucas", "Chloe", "Noah", "Hannah", "Marco", "Sofia", "Ethan")
FAMILY = ("Carter", "Nguyen", "Park", "Lin", "Schmidt", "Dubois", "Taylor", "Rossi", "Brown", "Martin", "Wilson")
RESTRICTED_BUYER_COUNTRIES = ("RU", "BY")
RESHIP_COUNTRIES = ("KZ", "AM", "KG")
STRUCTURING_THRESHOLD_JPY = 200_000


@dataclass
class DemoFeed:
    orders_path: str
    declarations_path: str
    truth_path: str
    seed: int
    orders: int
    declarations: int
    planted: dict[str, int] = field(default_factory=dict)


def generate_feed(n: int, seed: int, out: Path, *, data_dir: Path | None = None) -> DemoFeed:
    """Write `n` orders (plus amendments) to `out`, their ECM declarations and the truth beside it."""
    gen = _Feed(n, seed, data_dir or snapshot_dir())
    gen.run()
    out.parent.mkdir(parents=True, exist_ok=True)
    decl_path = out.with_name(out.name + ".declarations.jsonl")
    truth_path = out.with_name(out.name + ".truth.json")
    with out.open("w", encoding="utf-8") as fh:
        for record in gen.orders:
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    with decl_path.open("w", encoding="utf-8") as fh:
        for record in sorted(gen.declarations, key=lambda r: (r["declaration_date"], r["declaration_number"])):
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    truth = {"generator": DEMO_GENERATOR, "seed": seed, "orders": n, "operator": OPERATOR, "links": gen.links,
             "fallback": sorted(gen.fallback), "unlinked": sorted(gen.unlinked),
             "flags": {k: sorted(set(v)) for k, v in gen.flags.items()}, "listed": gen.listed_used,
             "person_flags": sorted(set(gen.person_flags)),
             "reference": {"structuring_threshold_jpy": STRUCTURING_THRESHOLD_JPY}}
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return DemoFeed(str(out), str(decl_path), str(truth_path), seed, n, len(gen.declarations),
                    {k: len(set(v)) for k, v in gen.flags.items()})


class _Feed:
    def __init__(self, n: int, seed: int, data_dir: Path) -> None:
        self.n, self.seed = n, seed
        self.rng = random.Random(seed)
        self.catalogue = load_catalogue(data_dir)
        self.sellers = [japanese_company(self.rng) for _ in range(max(6, n // 80))]
        self.broker = customs_broker(self.rng)
        self.listed = [e for e in self.catalogue.listed if e.list in ("SDN", "Entity List") and len(e.name.split()) >= 2
                       and e.country not in ("JP", "")] or list(self.catalogue.listed)
        self.orders: list[dict[str, Any]] = []
        self.declarations: list[dict[str, Any]] = []
        self.links: dict[str, str] = {}
        self.fallback: dict[str, None] = {}  # an ordered set: 10% decoys each look one up (1M orders: 100k)
        self.unlinked: list[str] = []
        self.flags: dict[str, list[str]] = {f"EC-0{i}": [] for i in range(1, 7)}
        self.listed_used: list[dict[str, str]] = []
        self.person_flags: list[str] = []  # EC-03 declarations behind a listed person's (or its associate's) order
        self.count = 0
        self.base = 70_000_000_000 + (seed % 997) * 10_000_000

    # -- parties --------------------------------------------------------------------------------
    def _phone(self, country: str) -> str:
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
        national = str(example.national_number) if example else "9012345678"
        digits = national[:-4] + f"{self.rng.randrange(10_000):04d}"
        return f"+{phonenumbers.country_code_for_region(country)} {digits}"

    def _buyer(self, country: str, name: str | None = None, kind: str = "person") -> dict[str, Any]:
        rng = self.rng
        k = self.count
        full = name or f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        return {"account_id": f"B{self.seed}-{k}-{rng.randrange(1000)}", "name": full,
                "addresses": [(f"{rng.randint(1, 400)} {rng.choice(('Maple', 'Oak', 'Harbor', 'Station', 'Garden'))} "
                               f"Street, Unit {rng.randint(1, 90)}, {country}")],
                "country": country, "phone": self._phone(country),
                "email": f"{full.split()[0].lower()}.{k}@example.{country.lower()}", "kind": kind}

    def _seller(self, company: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        company = company or self.rng.choice(self.sellers)
        account = {"account_id": f"S-{company['corporate_number']}", "name": company.get("name_latin") or company["name"],
                   "addresses": [company["address"]] if company.get("address") else [], "country": "JP",
                   "kind": "company"}
        return account, company

    # -- one order and its declaration -------------------------------------------------------------
    def _order(self, goods: tuple[str, str, str, str, str], buyer: dict[str, Any], ship_to: dict[str, Any],
               day: date | None = None, seller: tuple[dict[str, Any], dict[str, Any]] | None = None,
               price_jpy: float | None = None) -> dict[str, Any]:
        rng = self.rng
        self.count += 1
        k = self.count
        day = day or START + timedelta(days=(k * 365) // max(self.n, 1))
        title, category, _, brand, model = goods
        quantity = rng.randint(1, 3)
        unit = price_jpy / quantity if price_jpy else float(rng.randrange(1500, 30_000, 10))
        price = round(unit * quantity + rng.choice((0, 800, 1500, 2500)))
        account, company = seller or self._seller()
        item: dict[str, Any] = {"seq": 1, "title": title, "category": category, "quantity": quantity,
                                "unit_price": round(unit), "product_id": f"P{zlib.crc32(f'{title}|{brand}'.encode()) % 10**8:08d}"}
        if brand:
            item["brand"] = brand
        if model:
            item["model"] = model
        tracking = f"EM{self.seed % 100:02d}{k:07d}JP"
        when = datetime(day.year, day.month, day.day, rng.randint(8, 22), rng.randint(0, 59), tzinfo=JST)
        order = {"operator": OPERATOR, "order_number": f"ORD-{self.seed}-{k:07d}", "sequence": 1, "status": "placed",
                 "order_time": when.isoformat(), "price": float(price), "price_jpy": float(price), "currency": "JPY",
                 "payment_method": rng.choice(("card", "card", "wallet", "marketplace_credit")),
                 "seller": account, "buyer": buyer, "ship_to": ship_to, "items": [item],
                 "parcels": [{"tracking_number": tracking, "carrier": "Japan Post",
                              "weight_kg": round(rng.uniform(0.1, 3.0), 2), "items": [1]}]}
        order["_company"] = company
        return order

    def _declare(self, order: dict[str, Any], *, hs6: str | None = None, description: str | None = None,
                 value_jpy: float | None = None, destination: str | None = None, with_tracking: bool | None = None,
                 number: str | None = None) -> dict[str, Any]:
        rng = self.rng
        item = order["items"][0]
        goods = next((g for g in ORDINARY + HIGH_PRIORITY if g[0] == item["title"]), None)
        code = hs6 or (goods[2] if goods else "950300")
        value = value_jpy if value_jpy is not None else round(order["price_jpy"] * rng.uniform(0.8, 1.0))
        ship_to = order["ship_to"]
        day = datetime.fromisoformat(order["order_time"]).date() + timedelta(days=rng.randint(1, 3))
        parcel = order["parcels"][0]
        self.declared = getattr(self, "declared", 0) + 1
        record: dict[str, Any] = {
            "declaration_number": number or str(self.base + self.declared * 2), "version": 1,
            "declaration_date": day.isoformat(), "declaration_type": "ECM", "declarant": dict(self.broker),
            "exporter": {k: v for k, v in order["_company"].items() if k in ("name", "name_latin", "address", "country",
                                                                             "corporate_number")},
            "consignee": {"name": ship_to.get("name") or order["buyer"]["name"], "address": ship_to["address"],
                          "country": ship_to["country"]},
            "destination_country": destination or ship_to["country"], "port_of_loading": "JPTYO",
            "transport_mode": "post", "vessel_flight": "POSTAL", "invoice_number": f"INV-{order['order_number']}",
            "invoice_value": float(max(value, 1)), "declared_value_jpy": float(value), "currency": "JPY",
            "ecommerce": True,
            "items": [{"seq": 1, "hs_code": code + "000", "description": description or item["title"],
                       "quantity": item["quantity"], "unit": "PCE", "net_weight_kg": parcel["weight_kg"],
                       "value": float(value), "value_jpy": float(value), "origin_country": "JP"}],
        }
        if with_tracking is None:
            with_tracking = rng.random() < 0.85
        if with_tracking:
            record["tracking_number"] = parcel["tracking_number"]
        else:
            self.fallback[parcel["tracking_number"]] = None
        self.declarations.append(record)
        self.links[parcel["tracking_number"]] = record["declaration_number"]
        return record

    def _emit(self, order: dict[str, Any]) -> None:
        order.pop("_company", None)
        self.orders.append(order)

    def _ordinary_order(self) -> dict[str, Any]:
        dest = self.rng.choices(list(DESTINATIONS), weights=list(DESTINATIONS.values()))[0]
        buyer = self._buyer(dest)
        ship_to = {"name": buyer["name"], "address": buyer["addresses"][0], "country": dest}
        return self._order(self.rng.choice(ORDINARY), buyer, ship_to)

    # -- the feed -------------------------------------------------------------------------------
    def run(self) -> None:
        rng = self.rng
        self._plant_forwarding()
        self._plant_structuring()
        self._plant_listed()
        self._plant_listed_people()
        while self.count < self.n:
            order = self._ordinary_order()
            roll = rng.random()
            if roll < 0.03:
                self.unlinked.append(order["parcels"][0]["tracking_number"])  # not declared (yet)
            elif roll < 0.05:
                cancelled = {**order, "sequence": 2, "status": "cancelled"}
                cancelled.pop("_company", None)
                self._emit(order)
                self.orders.append(cancelled)
                self.unlinked.append(order["parcels"][0]["tracking_number"])
                continue
            elif roll < 0.07:
                self._plant("EC-04", order, value_jpy=round(order["price_jpy"] * rng.uniform(0.05, 0.2)))
            elif roll < 0.09:
                goods = rng.choice([g for g in HIGH_PRIORITY if g[1] == "drones_and_parts"])
                order["items"][0].update(title=goods[0], category=goods[1], brand=goods[3], model=goods[4])
                self._plant("EC-05", order, hs6="950300", description="toy")
            elif roll < 0.11:
                wrong = rng.choice([c for c in DESTINATIONS if c != order["ship_to"]["country"]])
                self._plant("EC-06", order, destination=wrong)
            else:
                self._declare(order)
                if roll > 0.98:  # a changed order: the buyer corrected the recipient name
                    changed = {**order, "sequence": 2, "status": "changed",
                               "ship_to": {**order["ship_to"], "name": order["ship_to"]["name"] + " (c/o)"}}
                    self._emit(order)
                    self.orders.append({k: v for k, v in changed.items() if k != "_company"})
                    continue
            self._emit(order)
        for _ in range(max(3, self.n // 10)):  # other operators' parcels: ECM declarations with no order here
            decoy = self._ordinary_order()
            decoy["parcels"][0]["tracking_number"] = f"RR{rng.randrange(10**9):09d}JP"
            self._declare(decoy, with_tracking=rng.random() < 0.5)
            self.links.pop(decoy["parcels"][0]["tracking_number"])
            self.fallback.pop(decoy["parcels"][0]["tracking_number"], None)
            self.count -= 1

    def _plant(self, flag: str, order: dict[str, Any], **declare: Any) -> None:
        record = self._declare(order, **declare)
        self.flags[flag].append(record["declaration_number"])

    def _plant_forwarding(self) -> None:
        """A reshipping address in a neighbouring country receives for buyers in Russia and Belarus."""
        rng = self.rng
        for _ in range(max(1, self.n // 400)):
            country = rng.choice(RESHIP_COUNTRIES)
            address = f"Warehouse {rng.randint(1, 80)}, Cargo Terminal Road {rng.randint(1, 30)}, {country}"
            for i in range(5):
                buyer_country = rng.choice(RESTRICTED_BUYER_COUNTRIES) if i < 3 else country
                buyer = self._buyer(buyer_country)
                ship_to = {"name": f"{buyer['name']} c/o reship {rng.randint(100, 999)}", "address": address,
                           "country": country}
                order = self._order(rng.choice(ORDINARY[8:]), buyer, ship_to)
                self._plant("EC-01", order)
                self._emit(order)

    def _plant_structuring(self) -> None:
        """One shop sends one buyer several CHPL parcels in a few weeks, each under the postal threshold."""
        rng = self.rng
        for _ in range(max(2, self.n // 150)):
            seller = self._seller()
            country = rng.choice(("KZ", "AE", "TR", "HK", "AM"))
            buyer = self._buyer(country)
            ship_to = {"name": buyer["name"], "address": buyer["addresses"][0], "country": country}
            goods = rng.choice(HIGH_PRIORITY)
            first = START + timedelta(days=rng.randint(0, 330))
            for offset in sorted(rng.sample(range(25), rng.randint(3, 5))):
                price = float(rng.randrange(60_000, 150_000, 100))
                order = self._order(goods, buyer, ship_to, day=first + timedelta(days=offset), seller=seller,
                                    price_jpy=price)
                self._plant("EC-02", order, value_jpy=round(order["price_jpy"] * rng.uniform(0.9, 1.0)))
                self._emit(order)

    def _plant_listed(self) -> None:
        """A buyer who is a listed entity, and a second account that shares its phone number."""
        rng = self.rng
        for _ in range(max(2, self.n // 200)):
            entity = rng.choice(self.listed)
            country = entity.country if len(entity.country) == 2 else "AE"
            buyer = self._buyer(country, name=entity.name, kind="company")  # the catalogue lists organisations
            self.listed_used.append({"name": entity.name, "country": country, "source": entity.source,
                                     "source_id": entity.source_id, "type": "organization"})
            ship_to = {"name": entity.name, "address": (entity.address or buyer["addresses"][0])[:400],
                       "country": country}
            self._plant_holder_and_associate(buyer, ship_to)

    def _plant_listed_people(self) -> None:
        """A buyer account held by a listed natural person (kind `person`: screened as a person), and a
        second person who shares that buyer's phone. Drawn from a stream of its own (v3)."""
        people = [e for e in self.catalogue.people if len(e.name.split()) >= 2]
        if not people:
            return
        main, self.rng = self.rng, random.Random(f"{self.seed}:listed-people")
        try:
            for _ in range(max(2, self.n // 200)):
                entity = self.rng.choice(people)
                country = entity.country
                buyer = self._buyer(country, name=_as_written(entity.name), kind="person")
                self.listed_used.append({"name": entity.name, "country": country, "source": entity.source,
                                         "source_id": entity.source_id, "type": "person"})
                ship_to = {"name": entity.name, "address": buyer["addresses"][0], "country": country}
                self._plant_holder_and_associate(buyer, ship_to, planted=self.person_flags)
        finally:
            self.rng = main

    def _plant_holder_and_associate(self, buyer: dict[str, Any], ship_to: dict[str, str],
                                    planted: list[str] | None = None) -> None:
        """EC-03's two orders: the listed holder buys CHPL goods, then an associate sharing the holder's
        phone buys something ordinary; `planted` also collects both declarations."""
        rng, country = self.rng, ship_to["country"]
        order = self._order(rng.choice(HIGH_PRIORITY), buyer, ship_to)
        self._plant("EC-03", order)
        if planted is not None:
            planted.append(self.flags["EC-03"][-1])
        self._emit(order)
        associate = self._buyer(country)
        associate["phone"] = buyer["phone"]
        associate_ship_to = {"name": associate["name"], "address": associate["addresses"][0], "country": country}
        order = self._order(rng.choice(ORDINARY), associate, associate_ship_to)
        self._plant("EC-03", order)
        if planted is not None:
            planted.append(self.flags["EC-03"][-1])
        self._emit(order)


def _as_written(listed: str) -> str:
    """A listed person's name as its holder types it on a marketplace: `JANG, Sung Nam` -> `Sung Nam Jang`."""
    surname, _, given = listed.partition(",")
    return f"{given.strip()} {surname.strip().title()}" if given.strip() else listed
