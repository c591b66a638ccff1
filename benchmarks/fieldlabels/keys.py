"""Key words printed before, above or beside a value, by field and language. Real labels mix
English, Japanese, German, French, Italian and the abbreviations of each trade."""

from __future__ import annotations

import random

KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "model_number": {"en": ("MODEL", "MODEL NO.", "Model", "TYPE", "Type No.", "MDL", "Model No"),
                     "ja": ("型式", "形式", "形名", "機種"), "de": ("Typ", "Modell", "Typ-Nr."),
                     "fr": ("Modèle", "Type"), "it": ("Modello", "Tipo")},
    "part_number": {"en": ("PART NO.", "P/N", "Part Number", "PN", "Item No.", "Cat. No.", "ORDER CODE"),
                    "ja": ("品番", "部品番号", "品目コード"), "de": ("Art.-Nr.", "Teile-Nr.", "Sachnr."),
                    "fr": ("Réf.", "Référence"), "it": ("Cod. art.",)},
    "serial_number": {"en": ("SERIAL NO.", "S/N", "SER. NO.", "Serial", "SERIAL"),
                      "ja": ("製造番号", "製番", "シリアル番号"), "de": ("Serien-Nr.", "Fabr.-Nr.", "SN"),
                      "fr": ("N° de série",), "it": ("Matricola", "N. serie")},
    "hs_code": {"en": ("HS CODE", "HS", "H.S. No.", "HTS", "Tariff No.", "HS Tariff", "Commodity Code"),
                "ja": ("統計品目番号", "HSコード", "関税番号"), "de": ("Zolltarifnr.", "Warentarifnr."),
                "fr": ("Code SH", "N° tarifaire"), "it": ("Voce doganale",)},
    "country_of_origin": {"en": ("COUNTRY OF ORIGIN", "ORIGIN", "C/O", "COO", "Origin"),
                          "ja": ("原産国", "原産地", "生産国"), "de": ("Ursprungsland", "Ursprung"),
                          "fr": ("Pays d'origine", "Origine"), "it": ("Paese d'origine", "Origine")},
    "eccn": {"en": ("ECCN", "Export Class.", "ECCN/AL", "EXPORT CONTROL"), "ja": ("輸出管理番号", "ECCN"),
             "de": ("AL/ECCN", "Ausfuhrliste/ECCN"), "fr": ("ECCN",), "it": ("ECCN",)},
    "manufacturer": {"en": ("MANUFACTURER", "MFR", "Mfd. by", "MAKER", "Manufactured by"),
                     "ja": ("製造者", "製造元", "メーカー", "製造業者"), "de": ("Hersteller",),
                     "fr": ("Fabricant",), "it": ("Produttore",)},
    "shipper": {"en": ("SHIPPER", "EXPORTER", "FROM", "Sender"), "ja": ("輸出者", "荷送人", "発送元"),
                "de": ("Absender", "Versender", "Exporteur"), "fr": ("Expéditeur",), "it": ("Mittente",)},
    "consignee": {"en": ("CONSIGNEE", "SHIP TO", "TO", "Deliver to"), "ja": ("荷受人", "送り先", "納入先"),
                  "de": ("Empfänger", "Lieferanschrift"), "fr": ("Destinataire",), "it": ("Destinatario",)},
    "description": {"en": ("DESCRIPTION", "DESC.", "COMMODITY", "Contents", "GOODS"), "ja": ("品名", "品目"),
                    "de": ("Bezeichnung", "Warenbezeichnung"), "fr": ("Désignation",), "it": ("Descrizione",)},
    "quantity": {"en": ("QTY", "QUANTITY", "Q'TY", "Qty"), "ja": ("数量", "入数"), "de": ("Menge", "Anz."),
                 "fr": ("Qté", "Quantité"), "it": ("Q.tà",)},
    "net": {"en": ("N.W.", "NET WT", "Net weight", "NET"), "ja": ("正味重量", "質量"), "de": ("Nettogewicht", "Netto"),
            "fr": ("Poids net",), "it": ("Peso netto",)},
    "gross": {"en": ("G.W.", "GROSS WT", "Gross weight", "GROSS"), "ja": ("総重量",), "de": ("Bruttogewicht", "Brutto"),
              "fr": ("Poids brut",), "it": ("Peso lordo",)},
    "date": {"en": ("DATE", "MFG DATE", "Mfd.", "DATE CODE"), "ja": ("製造年月", "日付", "製造年月日"),
             "de": ("Datum", "Herst.-Datum"), "fr": ("Date de fabrication", "Date"), "it": ("Data",)},
    "lot": {"en": ("LOT", "LOT NO.", "Batch", "BATCH"), "ja": ("ロット", "ロットNo."), "de": ("Charge", "Los-Nr."),
            "fr": ("Lot",), "it": ("Lotto",)},
    "po_number": {"en": ("PO NO.", "ORDER NO.", "P.O.", "Cust. PO"), "ja": ("注文番号", "注文No."),
                  "de": ("Bestell-Nr.", "Auftrag"), "fr": ("N° de commande",), "it": ("N. ordine",)},
    "invoice_number": {"en": ("INVOICE NO.", "INV. NO.", "Invoice"), "ja": ("インボイス番号", "請求書番号"),
                       "de": ("Rechnungs-Nr.",), "fr": ("N° facture",), "it": ("Fattura n.",)},
    "carton_number": {"en": ("C/NO.", "CTN NO.", "CASE NO.", "BOX"), "ja": ("ケース番号", "箱番号"),
                      "de": ("Kolli-Nr.",), "fr": ("Colis",), "it": ("Collo",)},
}


def key(rnd: random.Random, field: str, lang: str) -> str:
    """One way to write the key of `field` in `lang` ('en' when that language has none)."""
    table = KEYS[field]
    return rnd.choice(table.get(lang, table["en"]))


def bilingual(rnd: random.Random, field: str, second: str = "en") -> str:
    """Japanese key with a second-language gloss, e.g. `型式 MODEL` or `品番/P/N`."""
    sep = rnd.choice((" ", "/", " / ", "\u3000"))
    return f"{key(rnd, field, 'ja')}{sep}{key(rnd, field, second)}"
