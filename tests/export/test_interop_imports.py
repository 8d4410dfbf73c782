"""`import stix` and `import misp-galaxy`: actors into the overlay, links as claims, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatnet.ingest.misp_import import import_galaxy, split_aliases
from threatnet.ingest.stix_import import import_bundle
from threatnet.resolve.pack import _load_pack, load_actor_pack
from threatnet.store import Store

DATA = Path(__file__).resolve().parent / "data"
# South Asian groups of the Canadian listing: pack id -> aliases the summary must yield
SOUTH_ASIA = {
    "ttp": ["TTP", "Tehreek-e-Taliban Pakistan", "Pakistani Taliban"],
    "lashkar_e_taiba": ["LeT", "Jamaat-ud-Dawa", "JuD", "Falah-i-Insaniat Foundation", "FIF",
                        "Paasban-e-Kashmir", "Lashkar-e-Toiba"],
    "jem": ["JeM", "Jaish-i-Mohammed", "Army of the Prophet",
            "National Movement for the Restoration of Pakistani Sovereignty"],
    "lej": ["Lashkar-i-Jhangvi", "Laskar-e-Jhangvi", "Jhangvi Army"],
    "harkat_ul_mujahideen": ["HuM", "Harakat al-Mujahideen", "Jamiat ul-Ansar", "Al-Faran"],
    "hizbul_mujahideen": ["HM", "Hizb-ul-Mujahideen"],
    "iskp": ["ISIS-K", "ISIL-K", "ISWK", "Khorasan branch of ISIS",
             "Islamic State of Iraq and the Levant – Khorasan"],
    "aqis": ["AQIS", "Qaedat al-Jihad in the Indian Subcontinent",
             "Jamaat Qaidat al-Jihad fi Shibh al-Qarrah al-Hindiyah"],
    "taliban": ["Afghan Taliban", "Islamic Movement of the Taliban",
                "Islamic Emirate of Afghanistan"],
    "imu": ["IMU", "Islamic Party of Turkestan", "IPT", "IMU-IPT"],
    "indian_mujahideen": ["IM", "Indian Mujahidin", "Islamic Security Force – IM", "ISF–IM"],
    "babbar_khalsa": ["BKI", "Babbar Khalsa", "BK"],
}
# glosses, translations and fragments of those summaries that must not become aliases
NOT_ALIASES = ["Holy Regiment", "Army of the Righteous", "Society for Preaching", "Kashmir Brigade",
               "The Victorious", "Mohammad", "Muhammad", "Muhammed", "Tehrik",
               "De Talebano Islami Ghurdzang", "Organization of the Base of Jihad in the Indian "
               "Subcontinent", "and IMU-IPT", "Laskar-e- Jhangvi", "Harakat al- Mujahideen"]


GALAXY = DATA / "misp-galaxy"
SHARED_LISTING = (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "misp-galaxy"
                  / "terrorist-groups.json")
# the excerpt vendored here always; the whole published listing too when ../shared is there
LISTINGS = [GALAXY / "terrorist-groups.south-asia-excerpt.json"] + (
    [SHARED_LISTING] if SHARED_LISTING.is_file() else [])


@pytest.fixture(scope="module", params=LISTINGS, ids=lambda p: p.name)
def listing(request, tmp_path_factory, extractor):
    """The Canadian listing imported into an empty store and overlay (once per module: it
    runs the extractor over every cluster's prose); and how many clusters it has."""
    galaxy = request.param
    folder = tmp_path_factory.mktemp("listing")
    store = Store(f"sqlite:///{folder / 'kb.db'}")
    summary = import_galaxy(store, galaxy, extractor, folder / "pack")
    clusters = len(json.loads(galaxy.read_text(encoding="utf-8"))["values"])
    return store, load_actor_pack(folder / "pack"), summary, clusters


def test_listing_gives_south_asian_groups_clean_aliases(listing):
    _, pack, summary, clusters = listing
    bundled = _load_pack(None)  # the pack as shipped, without any user overlay
    assert summary.actors == clusters >= len(SOUTH_ASIA)
    for pack_id, expected in SOUTH_ASIA.items():
        entry = pack.get(pack_id)
        assert entry is not None, pack_id
        names = entry.names()
        for alias in expected:
            assert alias in names, (pack_id, alias, names)
        added = [n for n in names if n not in bundled.get(pack_id).names()]
        for alias in added:
            assert "(" not in alias and ")" not in alias and ":" not in alias, (pack_id, alias)
            assert not re.match(r"(and|or|the)\s", alias), (pack_id, alias)
            assert alias not in NOT_ALIASES, (pack_id, alias)
        assert any(c.startswith("misp-galaxy:canada-listed-terrorist-entities=")
                   for c in entry.misp_clusters), pack_id


def test_listing_prose_becomes_claims_of_the_publisher_dated_by_updated(listing):
    store, _, summary, clusters = listing
    assert summary.documents == clusters and summary.claims > 0
    claims = store.claims(subject="TTP")
    assert claims, "no claim about the TTP from its listing's content"
    ttp = [c for c in claims if c["document_source"].endswith(".json#54")]
    assert ttp and all(c["published"] == "2024-06-07" for c in ttp)
    own_voice = [c for c in ttp if c["source"] == "Public Safety Canada"]
    assert own_voice, [c["source"] for c in ttp]
    assert any(c["object"] == "Taliban" for c in ttp)


@pytest.mark.parametrize("text, expected", [
    ("Lashkar-i-Taiba (Holy Regiment), Jamaat-ud-Dawa (JuD) (Society for Preaching)",
     ["Lashkar-i-Taiba", "Jamaat-ud-Dawa", "JuD"]),
    ("Jaish-i-Mohammed (Mohammad, Muhammad, Muhammed), Army of Mohammed",
     ["Jaish-i-Mohammed", "Army of Mohammed"]),
    ("Islamic Party of Turkestan (IPT), and IMU-IPT", ["Islamic Party of Turkestan", "IPT",
                                                        "IMU-IPT"]),
    ("Imarat Kavkaz and Islamic Emirate of the Caucasus",
     ["Imarat Kavkaz", "Islamic Emirate of the Caucasus"]),
    ("Daesh, Islamic State of Iraq and the Levant", ["Daesh",
                                                     "Islamic State of Iraq and the Levant"]),
    ("ISI, Islamic State of Iraq and Syria", ["ISI", "Islamic State of Iraq and Syria"]),
    ("Kach, and Kahane Movement", ["Kach", "Kahane Movement"]),
    ("PCP and PCP-SL", ["PCP", "PCP-SL"]),
    ("Ansar al-Dine (English: Defenders of the Faith); Harakat al- Mujahideen.",
     ["Ansar al-Dine", "Harakat al-Mujahideen"]),
    ("N/A", []),
])
def test_split_aliases(text, expected):
    assert split_aliases(text) == expected


def test_rich_galaxy_links_carry_likelihood_as_polarity_and_modality(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'kb.db'}")
    summary = import_galaxy(store, DATA / "rich-galaxy.json", lambda: None, tmp_path / "pack")
    assert summary.actors == 3 and summary.claims == 2
    assert summary.skipped == {"'similar' links (no predicate of the ontology)": 1}
    claims = {(c["predicate"], c["object"]): c for c in store.claims(subject="LeT")}
    affiliated = claims[("affiliated_with", "The Resistance Front")]
    assert (affiliated["polarity"], affiliated["modality"]) == ("affirmed", "believed")
    uses = claims[("uses", "Northern Falcon Group")]
    assert (uses["polarity"], uses["modality"]) == ("negated", "possible")
    assert uses["source"] == "MISP Project"
    pack = load_actor_pack(tmp_path / "pack")
    trf = [e for e in pack.entries.values() if e.name == "The Resistance Front"]
    assert trf and "Kashmir Resistance" in trf[0].names()


def test_threat_actor_excerpt_imports_its_actors(tmp_path, galaxy_dir):
    store = Store(f"sqlite:///{tmp_path / 'kb.db'}")
    summary = import_galaxy(store, galaxy_dir / "threat-actor.south-asia-excerpt.json",
                            lambda: None, tmp_path / "pack")
    assert summary.actors == 9
    pack = load_actor_pack(tmp_path / "pack")
    sidewinder = [e for e in pack.entries.values() if "SideWinder" in e.names()]
    assert sidewinder and sidewinder[0].name == "RAZOR TIGER"


def test_foreign_bundle_relationships_become_claims_of_its_author(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'kb.db'}")
    summary = import_bundle(store, DATA / "foreign-bundle.json", tmp_path / "pack")
    assert summary.claims == 1
    assert summary.skipped == {"'related-to' relationships (no predicate of the ontology)": 1}
    [claim] = store.claims(subject="NFG")
    assert (claim["predicate"], claim["object"]) == ("targets", "Chinese nationals")
    assert (claim["source"], claim["modality"]) == ("Example CTI Desk", "believed")
    assert claim["document_source"].endswith("foreign-bundle.json")
    pack = load_actor_pack(tmp_path / "pack")
    nfg = [e for e in pack.entries.values() if e.name == "Northern Falcon Group"][0]
    assert "Shaheen-e-Shimal" in nfg.names()
    assert nfg.stix_id == "intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29"
    again = import_bundle(store, DATA / "foreign-bundle.json", tmp_path / "pack")
    assert again.new_actors == 0 and len(store.claims()) == 1  # idempotent


@pytest.mark.parametrize("command, file, fragment", [
    ("stix", "broken.json", "is not valid JSON (line 2"),
    ("stix", "not-stix.json", "is not a STIX bundle"),
    ("stix", "unknown-type-bundle.json", "unknown STIX object type 'weapon'"),
    ("stix", "missing.json", "no such file"),
    ("misp-galaxy", "other-galaxy.json", "is a MISP 'tool' galaxy, not one that lists actors"),
    ("misp-galaxy", "foreign-bundle.json", "is not a MISP galaxy cluster file"),
    ("misp-galaxy", "broken.json", "is not valid JSON"),
])
def test_bad_input_is_one_line_and_nothing_is_imported(tmp_path, command, file, fragment):
    from threatnet.cli import app

    db = f"sqlite:///{tmp_path / 'kb.db'}"
    result = CliRunner().invoke(app, ["import", command, str(DATA / file), "--db", db,
                                      "--pack", str(tmp_path / "pack")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and fragment in lines[0], \
        result.output
    assert Store(db).counts()["claims"] == 0
    assert not (tmp_path / "pack" / "imported.yaml").exists()


def test_a_failing_store_write_leaves_the_overlay_untouched(tmp_path, monkeypatch):
    from threatnet.errors import StoreError

    store = Store(f"sqlite:///{tmp_path / 'kb.db'}")

    def fail(records):
        raise StoreError("disk full")

    monkeypatch.setattr(store, "save_all", fail)
    with pytest.raises(StoreError):
        import_bundle(store, DATA / "foreign-bundle.json", tmp_path / "pack")
    assert not (tmp_path / "pack" / "imported.yaml").exists()
    assert not list((tmp_path / "pack").glob("*.tmp"))
