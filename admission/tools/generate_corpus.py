#!/usr/bin/env python3
"""Writes the admission reference corpus (admission/corpus/*.json).

The JSON files are committed; this script documents how they were made and
regenerates them after a deliberate change. Every project is a valid
wkb.project/1 (the suite refuses to start on an invalid corpus).

    python3 admission/tools/generate_corpus.py admission/corpus
"""
import datetime
import zlib
import json
import pathlib
import sys

PHASES = ["design", "foundation", "structure", "envelope", "installations", "finishing", "completion"]
LENGTHS = {"design": 42, "foundation": 21, "structure": 35, "envelope": 28, "installations": 28,
           "finishing": 35, "completion": 14}


def schedule(start, phases=PHASES, scale=1.0, overlap=0):
    day = datetime.date.fromisoformat(start)
    out = []
    for ph in phases:
        length = max(1, int(LENGTHS[ph] * scale))
        end = day + datetime.timedelta(days=length - 1)
        out.append({"phase": ph, "start": day.isoformat(), "end": end.isoformat()})
        day = end + datetime.timedelta(days=1 - overlap)
    return out


def project(pid, name, btype, units, storeys, city, postcode, street, conditions=(), beng="present",
            structural="approved", certificates=(), phases=PHASES, start="2026-03-02", scale=1.0, overlap=0,
            construction="traditional", unit_ids=None, private=False, bag=True, documents=None):
    p = {
        "schema": "wkb.project/1",
        "id": pid,
        "name": name,
        "address": {"street": street, "house_number": "1", "postcode": postcode, "city": city},
        "consequence_class": 1,
        "building": {"type": btype, "units": units, "storeys": storeys, "construction": construction},
        "parties": {
            "client": {"name": "Particuliere opdrachtgever" if private else "Woonstichting Voorbeeld",
                       "private": private},
            "contractor": {"kvk": "12345678", "name": "Bouwbedrijf Oost BV"},
            "assurer": {"kvk": "87654321", "name": "Borg Twente BV"},
        },
        "schedule": schedule(start, phases, scale, overlap),
        "documents": documents if documents is not None else [
            {"kind": "beng-calculation", "status": beng},
            {"kind": "structural-calculation", "status": structural}],
        "certificates": [certificate(*c) for c in certificates],
        "local_conditions": list(conditions),
    }
    if bag:
        p["address"]["bag_id"] = "0141010000" + f"{zlib.crc32(pid.encode()) % 10**6:06d}"
    if unit_ids is not None:
        p["unit_ids"] = unit_ids
    return p


def certificate(topic, kind, number, scheme, holder):
    """A certificate (docs/sdk/certificates.md), valid long before and after
    every corpus schedule, so that admission on any date until 2039 sees it."""
    return {"kind": kind, "scheme": scheme, "number": number, "holder": {"name": holder},
            "valid_from": "2024-01-01", "valid_until": "2039-12-31", "topics": [topic]}


# (topic, kind, number, scheme, holder); schemes and holders are illustrative.
EKV_BENG = ("energy-performance", "ekv", "EKV-BENG-2026-0117", "BRL 9501", "Energieadvies Oost BV")
EKV_ISO = ("thermal-insulation", "ekv", "KOMO-ISO-55021", "BRL 1304", "Isolatietechniek Noord BV")
CERT_AIR = ("airtightness", "product-certificate", "ATG-LUCHT-8812", "BRL 2101", "Luchtdicht Bouwen Nederland BV")
EKV_FIRE = ("fire-spread", "ekv", "BRAND-EKV-3310", "BRL 2702", "Brandwering Oost BV")
EKV_STRUCT = ("structural-safety", "ekv", "KOMO-PREFAB-7701", "BRL 5070", "Prefab Beton Twente BV")

CORPUS = [
    project("2026-ALM-0001", "Vrijstaande woning Dorpsweg", "dwelling", 1, 2, "Almelo", "7607 AB", "Dorpsweg"),
    project("2026-ZWO-0002", "Twee-onder-een-kap op slappe bodem", "dwelling", 2, 2, "Zwolle", "8011 CD", "Veldlaan",
            conditions=["soft-soil"]),
    project("2026-ALM-0042", "12 grondgebonden woningen Kloosterstraat", "dwelling", 12, 3, "Almelo", "7607 AB",
            "Kloosterstraat", beng="missing"),
    project("2026-GOU-0024", "24 rijwoningen dicht op de perceelgrens", "dwelling", 24, 3, "Gouda", "2801 EF",
            "Molenpad", conditions=["fire-separation-under-5m", "soft-soil"]),
    project("2026-TIL-0048", "48 woningen langs de ringweg", "dwelling", 48, 3, "Tilburg", "5011 GH", "Ringbaan",
            conditions=["noise-zone"], certificates=[EKV_BENG]),
    project("2026-EMM-0120", "120 seriematige woningen", "dwelling", 120, 2, "Emmen", "7811 JK", "Schoolstraat",
            certificates=[EKV_ISO, CERT_AIR], construction="prefab-concrete"),
    project("2026-LEE-0250", "250 woningen in de polder", "dwelling", 250, 2, "Leeuwarden", "8911 LM", "Dijkweg",
            conditions=["soft-soil", "high-groundwater"], scale=1.5),
    project("2026-VEN-0500", "500 woningen nieuwe wijk", "dwelling", 500, 3, "Venlo", "5911 NP", "Havenkade",
            conditions=["noise-zone"], beng="missing", certificates=[EKV_ISO], scale=2.0),
    project("2026-GOE-0006", "6 woningen zonder ontwerpfase in planning", "dwelling", 6, 2, "Goes", "4461 RS",
            "Kerkpad", phases=["foundation", "structure", "envelope", "finishing", "completion"],
            unit_ids=["A1", "A2", "A3", "B1", "B2", "B3"]),
    project("2026-ZWO-0003", "Particuliere houtskeletbouwwoning", "dwelling", 1, 2, "Zwolle", "8012 TV", "Wipstrik",
            private=True, construction="timber-frame", certificates=[EKV_STRUCT]),
    project("2026-TIL-0016", "16 woningen met overlappende fasen", "dwelling", 16, 2, "Tilburg", "5012 AB",
            "Bredaseweg", overlap=5),
    project("2026-ALM-0064", "64 woningen met alle bijzondere omstandigheden", "dwelling", 64, 3, "Almelo",
            "7608 CD", "Wierdensestraat",
            conditions=["soft-soil", "fire-separation-under-5m", "noise-zone", "high-groundwater",
                        "contaminated-soil", "monument-nearby"], beng="missing", structural="missing"),
    project("2026-EMM-0001", "Minimaal dossier: alleen ruwbouw en oplevering", "dwelling", 1, 1, "Emmen",
            "7812 EF", "Hoofdstraat", phases=["foundation", "structure", "completion"], bag=False,
            documents=[]),
    project("2026-VEN-0075", "75 woningen, fasen van enkele dagen", "dwelling", 75, 2, "Venlo", "5912 GH",
            "Maasboulevard", scale=0.05),
    project("2026-REC-0001", "Recreatiewoning op het park", "holiday-dwelling", 1, 1, "Goes", "4462 AB",
            "Duinweg"),
    project("2026-REC-0030", "30 chalets dicht op elkaar", "holiday-dwelling", 30, 1, "Goes", "4463 CD",
            "Strandpad", conditions=["fire-separation-under-5m"], beng="missing"),
    project("2026-REC-0150", "150 recreatiewoningen op veengrond", "holiday-dwelling", 150, 2, "Leeuwarden",
            "8912 EF", "Meerweg", conditions=["soft-soil"], certificates=[EKV_BENG]),
    project("2026-WAT-0001", "Drijvende woning in de haven", "floating-dwelling", 1, 2, "Zwolle", "8013 GH",
            "Havenkade", conditions=["high-groundwater"]),
    project("2026-WAT-0008", "8 drijvende woningen", "floating-dwelling", 8, 2, "Leeuwarden", "8913 JK", "Wetterkant",
            certificates=[EKV_ISO]),
    project("2026-WAT-0040", "40 drijvende woningen langs de vaarweg", "floating-dwelling", 40, 2, "Gouda",
            "2802 LM", "Turfsingel", conditions=["noise-zone"], beng="missing"),
    project("2026-IND-0001", "Bedrijfshal een bouwlaag", "industrial", 1, 1, "Venlo", "5913 NP", "Industrieweg"),
    project("2026-IND-0002", "Twee bedrijfshallen met brandscheiding", "industrial", 2, 2, "Tilburg", "5013 RS",
            "Vossenberg", conditions=["fire-separation-under-5m"], certificates=[EKV_FIRE]),
    project("2026-IND-0010", "Bedrijfsverzamelgebouw op vervuilde grond", "industrial", 10, 2, "Emmen", "7813 TV",
            "Bedrijvenpark", conditions=["contaminated-soil"], structural="missing"),
    project("2026-IND-0004", "Vier opslagloodsen zonder BENG-berekening", "industrial", 4, 1, "Almelo", "7609 AB",
            "Twentepoort", beng="missing", construction="steel-frame"),
    # Text edge cases: diacritics, euro sign, emoji, quotes and markup in names,
    # an apostrophe in the city, unit ids of 64 characters.
    project("2026-DBO-0003", "Coöperatie \"De Eendracht\" <3 woningen> à €250k 🏠", "dwelling", 3, 2,
            "'s-Hertogenbosch", "5211 AB", "Hinthamerstraat", certificates=[EKV_BENG],
            unit_ids=["bouwnummer-" + "x" * 51 + "-1", "bouwnummer-" + "x" * 51 + "-2",
                      "bouwnummer-" + "x" * 51 + "-3"]),
]


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "admission/corpus")
    out.mkdir(parents=True, exist_ok=True)
    for p in CORPUS:
        name = f"{p['id'].lower()}.json"
        (out / name).write_text(json.dumps(p, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CORPUS)} projects written to {out}")


if __name__ == "__main__":
    main()
