"""Showing console output: plain text when piped, rich when on a terminal.

Every reply starts with who sees it (``[only you]``, ``[#general, everyone]``,
``[DM to Nadia Kowalski]``); clause cards are quoted; buttons are numbered for
``:press N``.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from adapters.console.session import Note, Output, Shown
from bot.replies import Audience, Button, ClauseCard, FieldKind, Form


class Renderer(Protocol):
    """Where the console writes."""

    def show(self, outputs: list[Output]) -> None: ...

    def echo(self, prompt: str, line: str) -> None: ...

    def banner(self, text: str) -> None: ...


def buttons_line(buttons: tuple[Button, ...]) -> str:
    """``[1] See 10.4  [2] Share in channel``."""
    return "  ".join(f"[{n}] {b.label}" for n, b in enumerate(buttons, 1))


class PlainRenderer:
    """Plain text, for scripts and pipes; input lines are echoed after their prompt."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def show(self, outputs: list[Output]) -> None:
        for item in outputs:
            self.out.write(self._note(item) if isinstance(item, Note) else self._shown(item))
        self.out.flush()

    def echo(self, prompt: str, line: str) -> None:
        self.out.write(f"{prompt}{line}\n")

    def banner(self, text: str) -> None:
        self.out.write(text + "\n")

    @staticmethod
    def _note(note: Note) -> str:
        return "".join(f"-- {line}\n" if i == 0 else f"   {line}\n" for i, line in enumerate(note.text.splitlines()))

    @staticmethod
    def _shown(shown: Shown) -> str:
        reply = shown.reply
        first, *rest = reply.text.splitlines() or [""]
        out = [f"[{shown.label}] {first}"] + [f"  {line}" if line else "" for line in rest]
        for card in reply.cards:
            out += _card_lines(card)
        if reply.form is not None:
            out += [f"  {line}" for line in form_lines(reply.form)]
        if reply.buttons:
            out.append("  Buttons: " + buttons_line(reply.buttons))
        return "\n".join(out) + "\n\n"


def form_lines(form: Form) -> list[str]:
    """A form as the console shows it: its fields, and how to fill it in with ``:fill``."""
    lines = [f"Form: {form.title}. Fill it in with :fill key=value … (quote values with spaces):"]
    for field in form.fields:
        need = "required" if field.required else "optional"
        kind = {FieldKind.YES_NO: ", yes or no", FieldKind.DATE: ", YYYY-MM-DD"}.get(field.kind, "")
        line = f"  {field.key} ({need}{kind}): {field.label}"
        if field.initial:
            now = _clip(field.initial)
            line += f" Now: {now}" + ("" if now.endswith((".", "!", "?", "…")) else ".")
        if field.options:
            line += " Choices: " + ", ".join(value for value, _ in field.options) + "."
        lines.append(line)
    return lines


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _card_lines(card: ClauseCard) -> list[str]:
    lines = [f"  > {card.citation}", "  >"]
    lines += [f"  > {line}".rstrip() for line in card.text.splitlines()]
    return lines


_LABEL_STYLE = {Audience.ASKER: "bold yellow", Audience.CHANNEL: "bold green", Audience.DM: "bold magenta"}


class RichRenderer:
    """Colours, panels and a prompt, for a person at a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out, highlight=False)

    def show(self, outputs: list[Output]) -> None:
        for item in outputs:
            if isinstance(item, Note):
                self.console.print(Text(item.text, style="red" if item.error else "dim"))
                continue
            reply = item.reply
            parts: list[Text | Panel] = [
                Text.assemble((f"[{item.label}] ", _LABEL_STYLE[reply.audience]), reply.text)
            ]
            for card in reply.cards:
                parts.append(Panel(Text(card.text), title=Text(card.citation, style="bold"),
                                   title_align="left", border_style="blue"))
            if reply.form is not None:
                parts.append(Text("\n".join(form_lines(reply.form)), style="cyan"))
            if reply.buttons:
                parts.append(Text(buttons_line(reply.buttons) + "   (:press N)", style="bold cyan"))
            self.console.print(Group(*parts))
            self.console.print()

    def echo(self, prompt: str, line: str) -> None:
        self.console.print(Text(prompt + line, style="dim"))

    def banner(self, text: str) -> None:
        self.console.print(Text(text, style="bold"))
