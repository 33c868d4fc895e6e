"""The protocol pack: a council's protocol as an ordered list of clauses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    """One citable clause of a protocol.

    ``id`` is the document's own number where it has one (``10.3``, ``2.3.1``,
    ``A4``) and otherwise one made from the heading and paragraph order
    (``press-media.2``). ``path`` is the chain of headings above the clause, outermost
    first; ``heading`` is the nearest of them (or the clause's own title). ``text``
    is the whole clause, sub-items included, one item a line; ``items`` repeats the
    sub-items on their own.
    """

    id: str
    text: str
    path: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    number: str | None = None
    title: str | None = None

    @property
    def heading(self) -> str:
        """The heading a reader would cite with the id."""
        if self.title:
            return self.title
        return self.path[-1] if self.path else ""

    @property
    def is_heading_only(self) -> bool:
        """True for a numbered heading that carries no body of its own."""
        return bool(self.title) and self.text == self.title

    def to_dict(self) -> dict:
        """The clause as plain data (the JSON and YAML form)."""
        data: dict = {"id": self.id, "heading": self.heading, "text": self.text}
        data["path"] = list(self.path)
        if self.items:
            data["items"] = list(self.items)
        if self.number is not None:
            data["number"] = self.number
        if self.title:
            data["title"] = self.title
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Clause:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            path=tuple(str(p) for p in data.get("path") or ()),
            items=tuple(str(i) for i in data.get("items") or ()),
            number=None if data.get("number") is None else str(data["number"]),
            title=data.get("title") or None,
        )


@dataclass(frozen=True)
class ProtocolPack:
    """A council's imported protocol: metadata and clauses in document order."""

    clauses: tuple[Clause, ...]
    council: str | None = None
    title: str | None = None
    adopted: str | None = None
    reviewed: str | None = None
    source: str | None = None
    _by_id: dict[str, Clause] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.clauses})

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def get(self, clause_id: str) -> Clause | None:
        """The clause with this id, or None."""
        return self._by_id.get(clause_id)

    @property
    def display_name(self) -> str:
        """How to name the document in a citation."""
        name = self.council or "the council"
        return f"{name}'s {self.title}" if self.title else f"{name}'s protocol"
