"""The actor pack: the bundled data is complete and consistent; user packs are validated."""

from __future__ import annotations

import textwrap
from importlib.resources import files

import pytest

from threatnet.errors import InvalidData
from threatnet.extract.aliases import AliasMatcher
from threatnet.ingest import document_from_text
from threatnet.model import EntityType
from threatnet.resolve.overlay import Imported, OverlayUpdate
from threatnet.resolve.pack import ALIAS_SOURCES, database_label, load_actor_pack, name_forms
from threatnet.store.queries import norm_name


@pytest.fixture(autouse=True)
def _no_env_pack(monkeypatch):
    monkeypatch.delenv("THREATNET_PACK", raising=False)


@pytest.fixture(scope="module")
def pack():
    return load_actor_pack()


def write_pack(folder, name: str, body: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


# -- the bundled pack -----------------------------------------------------------------------


def test_bundled_pack_loads_and_is_large(pack):
    assert len(pack) >= 120


def test_every_entity_type_is_present(pack):
    present = {e.type for e in pack.entries.values()}
    missing = sorted(str(t) for t in set(EntityType) - present)
    assert not missing, f"the bundled pack has no entry of type {missing}"


def test_known_anchor_entries(pack):
    ttp = pack.get("ttp")
    assert ttp is not None and ttp.type is EntityType.ARMED_GROUP
    assert "TTP" in ttp.names()
    assert ttp.names()[0] == ttp.name == "Tehrik-i-Taliban Pakistan"


def test_references_resolve(pack):
    for entry in pack.entries.values():
        if entry.parent:
            assert entry.parent in pack.entries, (entry.id, entry.parent)
        for role in entry.roles:
            assert role.org in pack.entries, (entry.id, role.org)
            assert pack.get(role.org).type in (EntityType.ARMED_GROUP, EntityType.STATE,
                                               EntityType.GOVERNMENT_BODY,
                                               EntityType.ORGANIZATION), (entry.id, role.org)


def test_alias_sources_and_names(pack):
    for entry in pack.entries.values():
        assert entry.name.strip() == entry.name and entry.name
        for alias in entry.aliases:
            assert alias.source in ALIAS_SOURCES, (entry.id, alias)
            assert alias.name.strip() == alias.name and alias.name, (entry.id, alias)


def test_ancestors_walk(pack):
    with_parent = [e for e in pack.entries.values() if e.parent]
    assert with_parent
    entry = with_parent[0]
    chain = pack.ancestors(entry.id)
    assert chain[0] == entry.parent
    assert entry.id not in chain


def test_loading_is_cached(pack):
    assert load_actor_pack() is pack


# -- user packs -----------------------------------------------------------------------------


GOOD = """\
    version: 1
    entries:
      - id: test_group
        name: Test Liberation Front
        type: armed_group
        aliases:
          - {name: TLF, source: user}
          - Test Front
        parent: ttp
"""


def test_user_pack_adds_entries(tmp_path):
    folder = tmp_path / "pack"
    write_pack(folder, "extra.yaml", GOOD)
    pack = load_actor_pack(folder)
    entry = pack.get("test_group")
    assert entry is not None
    assert entry.names() == ["Test Liberation Front", "TLF", "Test Front"]
    assert [a.source for a in entry.aliases] == ["user", "threatnet"]
    assert len(pack) == len(load_actor_pack()) + 1
    assert pack.ancestors("test_group")[0] == "ttp"


def test_user_entry_overrides_bundled(tmp_path):
    folder = tmp_path / "override"
    write_pack(folder, "ttp.yaml", """\
        version: 1
        entries:
          - id: ttp
            name: Pakistani Taliban Movement
            type: armed_group
            aliases: [{name: PTM-X, source: user}]
    """)
    bundled = load_actor_pack()
    pack = load_actor_pack(folder)
    assert len(pack) == len(bundled)
    assert pack.get("ttp").name == "Pakistani Taliban Movement"
    assert pack.get("ttp").names() == ["Pakistani Taliban Movement", "PTM-X"]
    # the bundled pack itself is untouched
    assert load_actor_pack().get("ttp").name == "Tehrik-i-Taliban Pakistan"


def test_pack_from_environment(tmp_path, monkeypatch):
    folder = tmp_path / "envpack"
    write_pack(folder, "extra.yaml", GOOD)
    monkeypatch.setenv("THREATNET_PACK", str(folder))
    assert load_actor_pack().get("test_group") is not None


BROKEN = {
    "missing_name": ("""\
        version: 1
        entries:
          - id: nameless_group
            type: armed_group
    """, "nameless_group", "name"),
    "bad_type": ("""\
        version: 1
        entries:
          - id: typo_group
            name: Typo Group
            type: armed_groop
    """, "typo_group", "armed_groop"),
    "unknown_parent": ("""\
        version: 1
        entries:
          - id: orphan_group
            name: Orphan Group
            type: armed_group
            parent: no_such_parent
    """, "orphan_group", "no_such_parent"),
    "unknown_role_org": ("""\
        version: 1
        entries:
          - id: some_person
            name: Some Person
            type: person
            roles: [{org: no_such_org, role: leader}]
    """, "some_person", "no_such_org"),
    "bad_alias_source": ("""\
        version: 1
        entries:
          - id: alias_group
            name: Alias Group
            type: armed_group
            aliases: [{name: AG, source: wikipedia}]
    """, "alias_group", "wikipedia"),
    "duplicate_id": ("""\
        version: 1
        entries:
          - {id: twin, name: Twin One, type: armed_group}
          - {id: twin, name: Twin Two, type: armed_group}
    """, "twin", "duplicate"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_entry_names_file_and_entry(tmp_path, case):
    body, entry_id, detail = BROKEN[case]
    folder = tmp_path / case  # a fresh folder per case: load_actor_pack caches by path
    path = write_pack(folder, "broken.yaml", body)
    with pytest.raises(InvalidData) as info:
        load_actor_pack(folder)
    message = str(info.value)
    assert str(path) in message
    assert entry_id in message
    assert detail in message
    assert info.value.entry == entry_id
    assert "\n" not in message


def test_entry_without_id_is_named_by_position(tmp_path):
    folder = tmp_path / "noid"
    path = write_pack(folder, "noid.yaml", """\
        version: 1
        entries:
          - {id: fine, name: Fine Group, type: armed_group}
          - {name: No Id Group, type: armed_group}
    """)
    with pytest.raises(InvalidData) as info:
        load_actor_pack(folder)
    assert str(path) in str(info.value)
    assert info.value.entry == "#1"


def test_bad_yaml_names_the_file(tmp_path):
    folder = tmp_path / "badyaml"
    path = write_pack(folder, "bad.yaml", "version: 1\nentries:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(InvalidData) as info:
        load_actor_pack(folder)
    message = str(info.value)
    assert str(path) in message
    assert "YAML" in message
    assert "\n" not in message


@pytest.mark.parametrize("body", ["just a string\n", "version: 1\n", "entries: {a: 1}\n"])
def test_file_without_entries_list(tmp_path, body):
    folder = tmp_path / "shape"
    path = write_pack(folder, "shape.yaml", body)
    with pytest.raises(InvalidData) as info:
        load_actor_pack(folder)
    assert str(path) in str(info.value)
    assert "entries" in str(info.value)


def test_missing_pack_folder(tmp_path):
    with pytest.raises(InvalidData) as info:
        load_actor_pack(tmp_path / "absent")
    assert "does not exist" in str(info.value)


def test_non_yaml_files_are_ignored(tmp_path):
    folder = tmp_path / "mixed"
    write_pack(folder, "README.md", "# not a pack file: [unclosed\n")
    write_pack(folder, "extra.yml", GOOD)
    assert load_actor_pack(folder).get("test_group") is not None


# -- names other databases use ----------------------------------------------------------------

DATABASE_SOURCES = {"gtd", "acled", "ucdp", "un_sanctions", "us_fto", "ofac_sdn"}


def _database_aliases():
    pack = load_actor_pack()
    return [(entry.id, alias.name, alias.source) for entry in pack.entries.values()
            for alias in entry.aliases if alias.source in DATABASE_SOURCES]


def test_every_database_source_is_used_and_documented(pack):
    used = {source for _, _, source in _database_aliases()}
    assert used == DATABASE_SOURCES
    assert DATABASE_SOURCES <= ALIAS_SOURCES
    readme = (files("threatnet.data") / "actors" / "README.md").read_text(encoding="utf-8")
    for source in DATABASE_SOURCES:
        assert f"`{source}`" in readme, source


@pytest.mark.parametrize(("text", "expected"), [
    ("Tehrik-i-Taliban Pakistan (TTP)", "Tehrik-i-Taliban Pakistan"),
    ("TTP: Tehreek-i-Taliban Pakistan", "Tehreek-i-Taliban Pakistan"),
    ("Islamic State of Iraq and the Levant - Khorasan (ISIL-K)",
     "Islamic State of Iraq and the Levant - Khorasan"),
    ("Communist Party of India - Maoist (CPI-Maoist)", "Communist Party of India - Maoist"),
    ("CPI (Maoist): Communist Party of India (Maoist)", "Communist Party of India (Maoist)"),
    # qualifiers and plain names are names, not database forms
    ("Jundallah (Iran)", None),
    ("Communist Party of India (Maoist)", None),
    ("TTP", None),
    ("Note: the Taliban", None),
])
def test_database_label(text, expected):
    assert database_label(text) == expected


@pytest.mark.parametrize(("entry_id", "name", "source"), _database_aliases())
def test_database_name_in_text_links_to_its_actor(extractor, entry_id, name, source):
    text = f"On 3 May 2024, {name} claimed responsibility for the attack on a police station."
    record = extractor.extract(document_from_text(text, source="test"))
    groups = {e.pack_id for e in record.entities if e.type is EntityType.ARMED_GROUP
              and e.pack_id}
    assert groups == {entry_id}, (source, name, groups)
    entity = next(e for e in record.entities if e.pack_id == entry_id)
    label = database_label(name) or name
    # the mention is the name itself (a leading "al-" aside); the tag is never part of it
    assert any(m.text in label and len(m.text) >= len(label) - len("al-")
               for m in entity.mentions), (name, entity.mentions)
    if database_label(name):  # a qualifier, "Lashkar-e-Islam (Pakistan)", is part of the name
        assert not any(c in m.text for m in entity.mentions for c in "():"), entity.mentions


@pytest.mark.parametrize(("entry_id", "name", "source"), _database_aliases())
def test_database_name_as_a_record_links_to_its_actor(tmp_path, entry_id, name, source):
    overlay = OverlayUpdate(tmp_path / "absent", alias_source="stix")
    assert overlay.find(Imported(name, EntityType.ARMED_GROUP)) == entry_id


@pytest.mark.parametrize("name", [
    "TTP: Tehrik-e-Taliban Pakistan", "Tehreek-e-Taliban Pakistan (TTP)",
    "LeJ: Lashkar-e-Jhangvi", "Balochistan Liberation Army (BLA)",
])
def test_other_spellings_in_database_form_link_as_records(tmp_path, name):
    overlay = OverlayUpdate(tmp_path / "absent", alias_source="stix")
    found = overlay.find(Imported(name, EntityType.ARMED_GROUP))
    assert found is not None and database_label(name) in load_actor_pack().get(found).names()


def test_an_acronym_tag_alone_links_nothing(tmp_path, extractor):
    # "HM" (Hizbul Mujahideen in the GTD's "Hizbul Mujahideen (HM)") is left out of the pack:
    # it is also India's Home Minister
    record = extractor.extract(document_from_text(
        "The HM said the police post was attacked on Monday.", source="test"))
    assert not [e for e in record.entities if e.pack_id == "hizbul_mujahideen"]
    overlay = OverlayUpdate(tmp_path / "absent", alias_source="stix")
    assert overlay.find(Imported("HM: Harkat Front", EntityType.ARMED_GROUP)) is None
    assert overlay.find(Imported("Unknown Front (TTP)", EntityType.ARMED_GROUP)) is None


def test_qualified_names_keep_their_qualifier(extractor):
    record = extractor.extract(document_from_text(
        "Jundallah (Iran) and Jundallah (Pakistan) are different groups.", source="test"))
    assert {e.pack_id for e in record.entities if e.pack_id} == {"jundallah_iran",
                                                                  "jundallah_pakistan"}


def test_no_name_is_shared_by_two_armed_groups(pack, extractor):
    """Text: two groups on one matcher key would be decided silently by load order.
    Records: two groups on one normalised name would make imports link by order.
    The pack has no ambiguous names: a name two groups use is left out (or kept for one
    group, as the bare "Jundallah" for Iran's, with the other qualified)."""
    matcher = AliasMatcher(lambda s: [t.text for t in extractor.nlp.tokenizer(s)])
    groups = pack.of_type(EntityType.ARMED_GROUP)
    for entry in groups:
        for name in entry.names():
            matcher.add(name, entry.id, entry.type)
    shared = {key: [t.entry_id for t in targets]
              for table in (matcher._acronyms, matcher._words)
              for key, targets in table.items() if len(targets) > 1}
    assert not shared
    owner: dict[str, str] = {}
    for entry in groups:
        for name in entry.names():
            for form in name_forms(name):
                assert owner.setdefault(norm_name(form), entry.id) == entry.id, \
                    (form, owner[norm_name(form)], entry.id)
