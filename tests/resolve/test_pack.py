"""The actor pack: the bundled data is complete and consistent; user packs are validated."""

from __future__ import annotations

import textwrap

import pytest

from threatnet.errors import InvalidData
from threatnet.model import EntityType
from threatnet.resolve.pack import ALIAS_SOURCES, load_actor_pack


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
