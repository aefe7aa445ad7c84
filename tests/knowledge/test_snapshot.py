"""The bundled knowledge base's snapshot (knowledge/snapshot.py, built into the wheel by
hatch_build.py): used only when whole and made from the YAML's current bytes by this code;
anything else is parsed and checked as any YAML file is (issue 22 §5)."""

from __future__ import annotations

import marshal
import shutil
from hashlib import blake2b
from pathlib import Path

import pytest

import sciaticli.knowledge as knowledge
from sciaticli import model
from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import bundled_path, load_knowledge_base, snapshot, validate_file
from sciaticli.knowledge.parsecache import cache_dir, parse_file
from sciaticli.knowledge.validate import load_files
from tests.conftest import USER_KB


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the bundled file with its snapshot beside it, as a wheel installs them."""
    folder = tmp_path / "site" / "data"
    folder.mkdir(parents=True)
    copy = folder / "techniques.yaml"
    shutil.copyfile(bundled_path(), copy)
    snapshot.write(copy, snapshot.path_for(copy))
    return copy


def test_a_snapshot_reads_back_as_the_checked_knowledge_base(built: Path) -> None:
    found = snapshot.read(built)
    assert found is not None
    assert snapshot.knowledge_base(found) == load_files([built])
    assert snapshot.parsed_file(found) == parse_file(built)


def test_the_bundled_file_loads_from_its_snapshot_without_parsing(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(knowledge, "bundled_path", lambda: built)
    monkeypatch.setattr("sciaticli.knowledge.yamlfile.parse_bytes", refuse)
    monkeypatch.setattr("sciaticli.knowledge.validate.load_parsed", refuse)
    kb = load_knowledge_base()
    assert kb.files == (str(built),)
    assert {entry.origin for entry in kb.techniques.values()} == {str(built)}


def refuse(*_: object) -> None:
    raise AssertionError("parsed or checked although the snapshot matches")


def test_a_user_file_is_checked_on_top_of_the_snapshot_s_parse(
    built: Path, monkeypatch: pytest.MonkeyPatch, user_kb: Path
) -> None:
    monkeypatch.setattr(knowledge, "bundled_path", lambda: built)
    kb = load_knowledge_base(user_kb)
    assert kb.techniques["test-press"].origin == str(user_kb)
    assert validate_file(user_kb) == kb
    # the user's file keeps the parse cache; the bundled one needs none
    assert [path.name for path in cache_dir().glob("parsed-*.marshal")] == [
        f"parsed-{blake2b(bytes(user_kb.resolve()), digest_size=8).hexdigest()}.marshal"
    ]
    assert kb == load_files([built, user_kb])


def test_a_stale_snapshot_is_never_used(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The YAML was changed after the build: its bytes no longer match the snapshot's key."""
    text = built.read_text(encoding="utf-8")
    built.write_text(text.replace("name: Swedish massage", "name: Edited massage"), "utf-8")
    assert snapshot.read(built) is None
    monkeypatch.setattr(knowledge, "bundled_path", lambda: built)
    assert load_knowledge_base().techniques["swedish-massage"].name == "Edited massage"


def test_a_stale_snapshot_with_a_broken_yaml_is_an_error(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built.write_text(built.read_text(encoding="utf-8") + "\nunknown_section: 1\n", "utf-8")
    monkeypatch.setattr(knowledge, "bundled_path", lambda: built)
    with pytest.raises(KnowledgeBaseError):
        load_knowledge_base()


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # the parse, at the end
        lambda blob: blob[:100] + blob[100:].replace(b"Swedish massage", b"Swedish nassage"),
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: b"",
        lambda blob: b"sciaticli parse cache\x00" + blob[len(snapshot.MAGIC) :],
    ],
    ids=["parse-part", "knowledge-part", "truncated", "empty", "other-magic"],
)
def test_a_damaged_snapshot_is_never_used(
    built: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    assert callable(damage)
    target = snapshot.path_for(built)
    target.write_bytes(damage(target.read_bytes()))
    found = snapshot.read(built)
    assert found is None or snapshot.parsed_file(found) is None
    monkeypatch.setattr(knowledge, "bundled_path", lambda: built)
    assert load_knowledge_base() == load_files([built])


def test_a_snapshot_made_by_other_code_is_never_used(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot whose digest is right but whose key names another version or other shapes
    of the typed objects (a field added since) is not decoded."""
    assert snapshot.read(built) is not None
    monkeypatch.setattr(snapshot, "__version__", "0.0.0")
    assert snapshot.read(built) is None
    monkeypatch.undo()
    monkeypatch.setattr(model.Source, "_fields", (*model.Source._fields, "added"))
    assert snapshot.read(built) is None


@pytest.mark.source_checkout
def test_a_source_checkout_has_no_snapshot_and_parses_the_yaml() -> None:
    """An editable install or a source checkout: the YAML is parsed (and its parse cached) and
    checked, as before."""
    assert not snapshot.path_for(bundled_path()).exists()
    assert snapshot.read(bundled_path()) is None
    assert not list(cache_dir().glob("parsed-*.marshal"))
    kb = load_knowledge_base()
    assert kb == load_files([bundled_path()])
    assert len(list(cache_dir().glob("parsed-*.marshal"))) == 1


def test_a_knowledge_base_with_problems_makes_no_snapshot(tmp_path: Path) -> None:
    broken = tmp_path / "techniques.yaml"
    broken.write_text(USER_KB, encoding="utf-8")  # no safety section: not a bundled file
    with pytest.raises(KnowledgeBaseError):
        snapshot.build(broken)


def test_what_a_snapshot_cannot_hold_stops_the_build() -> None:
    with pytest.raises(ValueError, match="cannot keep"):
        snapshot._check_plain({"a": (1, object())})
    source = model.Source("k", "t", "p", origin="elsewhere.yaml")
    with pytest.raises(ValueError, match="another file"):
        snapshot._encode(source, "techniques.yaml", {})
    assert marshal.loads(marshal.dumps(snapshot._encode(source, "elsewhere.yaml", {})))
