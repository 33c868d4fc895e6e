"""Reading and writing packs: a council's imported protocol as a YAML file."""

from __future__ import annotations

from pathlib import Path

import yaml

from protocol.errors import ProtocolError
from protocol.importer import import_file
from protocol.model import Clause, ProtocolPack

PACK_SUFFIXES = (".yaml", ".yml")
_META = ("council", "title", "adopted", "reviewed", "source")


def pack_to_dict(pack: ProtocolPack) -> dict:
    """The pack as plain data: metadata first, then the clauses in document order."""
    data: dict = {key: getattr(pack, key) for key in _META}
    data["clauses"] = [c.to_dict() for c in pack.clauses]
    return data


def dump_pack(pack: ProtocolPack) -> str:
    """The pack as YAML text."""
    return yaml.safe_dump(pack_to_dict(pack), sort_keys=False, allow_unicode=True, width=100)


def pack_from_dict(data: object, name: str = "the pack") -> ProtocolPack:
    """A pack from plain data, checked; raises :class:`ProtocolError` naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("clauses"), list):
        raise ProtocolError(
            f"{name} is not a protocol pack (it has no list of clauses): "
            "give the protocol document itself, or a pack made by 'protocol-bot import FILE -o PACK.yaml'."
        )
    clauses = []
    seen: set[str] = set()
    for n, item in enumerate(data["clauses"], 1):
        if not isinstance(item, dict) or not str(item.get("id") or "").strip() or not str(item.get("text") or "").strip():
            raise ProtocolError(
                f"{name}: clause {n} has no id or no text: import the protocol document again to rebuild the pack."
            )
        clause = Clause.from_dict(item)
        if clause.id in seen:
            raise ProtocolError(
                f"{name}: clause id {clause.id} appears twice: import the protocol document again to rebuild the pack."
            )
        seen.add(clause.id)
        clauses.append(clause)
    if not clauses:
        raise ProtocolError(f"{name} has no clauses: import the protocol document again to rebuild the pack.")
    meta = {key: (None if data.get(key) is None else str(data[key])) for key in _META}
    return ProtocolPack(clauses=tuple(clauses), **meta)


def load_pack(path: str | Path) -> ProtocolPack:
    """Read a pack file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProtocolError(f"There is no file at {p}: check the path and try again.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        raise ProtocolError(f"{p} cannot be read ({reason}): check the file and try again.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" at line {line + 1}" if line is not None else ""
        raise ProtocolError(
            f"{p.name} is not valid YAML{where}: import the protocol document again to rebuild the pack."
        ) from None
    return pack_from_dict(data, name=p.name)


def load_protocol(path: str | Path) -> ProtocolPack:
    """A pack from a pack file (.yaml/.yml) or from a document imported on the fly."""
    p = Path(path)
    if p.suffix.lower() in PACK_SUFFIXES:
        return load_pack(p)
    return import_file(p)
