"""STUB: reading and writing packs (YAML). Interface: load_protocol, dump_pack, load_pack."""
from __future__ import annotations
from pathlib import Path
import yaml
from protocol.importer import import_file
from protocol.model import Clause, ProtocolPack


def pack_to_dict(pack: ProtocolPack) -> dict:
    return {"council": pack.council, "title": pack.title, "adopted": pack.adopted, "reviewed": pack.reviewed,
            "source": pack.source, "clauses": [c.to_dict() for c in pack.clauses]}


def dump_pack(pack: ProtocolPack) -> str:
    return yaml.safe_dump(pack_to_dict(pack), sort_keys=False, allow_unicode=True, width=100)


def load_pack(path: str | Path) -> ProtocolPack:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return ProtocolPack(tuple(Clause.from_dict(c) for c in data["clauses"]), council=data.get("council"),
                        title=data.get("title"), adopted=data.get("adopted"), reviewed=data.get("reviewed"),
                        source=data.get("source"))


def load_protocol(path: str | Path) -> ProtocolPack:
    """A pack from a pack file (.yaml/.yml) or a raw document imported on the fly."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        return load_pack(p)
    return import_file(p)
