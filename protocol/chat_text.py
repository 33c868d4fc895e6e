"""Chat messages as words: cleaned of markup and tricks, with offsets into the original.

A message is read as a list of :class:`Token` (lower-case word, where it stands in
the text as given, whether it was capitalised) and sentence numbers. Zero-width
characters, look-alike letters from other scripts, leetspeak digits, code blocks,
quoted lines, links and chat markup are dealt with here, so that the detector sees
what a reader sees. Every step is a single left-to-right pass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that render as nothing: used to split a name so that filters miss it.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
                                    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
                                    "\u2069\ufeff"), None)
# Letters of other scripts that look like Latin ones ("Nаdia" with a Cyrillic а).
_LOOKALIKE = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅ" "αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ" "ⅰⅴⅹ",
    "aeopcyxijsdhlqwABEKMHOPCTXIJS" "aeiknoptuxABEZHIKMNOPTYX" "ivx",
)
_LEET = str.maketrans("013457@$", "oieastas")
_STRETCHED = re.compile(r"(\w)\1\1")

# One pass finds, in order: a platform mention, a code block, inline code, a link, a word.
_PIECE = re.compile(
    r"(?P<mention><@!?&?(?P<uid>[A-Za-z0-9]{2,32})(?:\|[^<>\n]{0,80})?>)"
    r"|(?P<fence>```)"
    r"|(?P<code>`[^`\n]{0,400}`)"
    r"|(?P<link><(?:https?|mailto):[^<>|\s]{0,500}(?:\|(?P<label>[^<>\n]{0,200}))?>|https?://\S{1,500})"
    r"|(?P<word>[^\W_]+(?:['\u2019][^\W_]+)*)"
    r"|(?P<stop>[.!?;\n]+)"
)
_CONTRACTIONS = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
    "ain't": ("is", "not"), "i'm": ("i", "am"), "it's": ("it", "is"), "that's": ("that", "is"),
    "he's": ("he", "is"), "she's": ("she", "is"), "they're": ("they", "are"), "you're": ("you", "are"),
    "we're": ("we", "are"), "what's": ("what", "is"), "who's": ("who", "is"), "there's": ("there", "is"),
    "where's": ("where", "is"), "here's": ("here", "is"), "how's": ("how", "is"), "when's": ("when", "is"),
    "why's": ("why", "is"),
    "i've": ("i", "have"), "you've": ("you", "have"), "we've": ("we", "have"), "they've": ("they", "have"),
    "i'd": ("i", "would"), "he'd": ("he", "would"), "she'd": ("she", "would"), "i'll": ("i", "will"),
    "let's": ("let", "us"), "y'all": ("you",),
}
# Common apostrophe-less chat spellings.
_BARE = {
    "cant": ("can", "not"), "cannot": ("can", "not"), "wont": ("will", "not"), "dont": ("do", "not"), "doesnt": ("does", "not"),
    "didnt": ("did", "not"), "isnt": ("is", "not"), "wasnt": ("was", "not"), "arent": ("are", "not"),
    "werent": ("were", "not"), "hasnt": ("has", "not"), "havent": ("have", "not"), "hadnt": ("had", "not"),
    "couldnt": ("could", "not"), "wouldnt": ("would", "not"), "shouldnt": ("should", "not"),
    "im": ("i", "am"), "ive": ("i", "have"), "u": ("you",), "ur": ("your",), "r": ("are",), "pls": ("please",),
    "dunno": ("do", "not", "know"), "gonna": ("going", "to"), "wanna": ("want", "to"), "coz": ("because",),
    "cos": ("because",), "tho": ("though",), "thx": ("thanks",), "ty": ("thanks",),
}


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a message: ``word`` is lower-case; ``start``/``end`` index the original text."""

    word: str
    start: int
    end: int
    sentence: int
    capital: bool = False  # written with a capital first letter
    shout: bool = False  # written in capitals (three letters or more)
    possessive: bool = False  # "Nadia's"
    uid: str | None = None  # a platform mention's user id
    comma: bool = False  # a comma follows: "Owen, …" addresses Owen


@dataclass(frozen=True, slots=True)
class ChatText:
    """A message read as tokens; ``lowercase`` is True when the writer capitalised no word (shouting aside)."""

    original: str
    tokens: tuple[Token, ...]
    lowercase: bool
    emphasis: int  # "!!", "?!", and eye-roll emoji: how heated the message reads
    questions: frozenset[int] = frozenset()  # the sentences that end in a question mark


_EYE_ROLL = frozenset("\U0001f644\U0001f926\U0001f612\U0001f643\U0001f611\U0001f621\U0001f620\U0001f92c\U0001f4a9")


def _clean(text: str) -> str:
    """Drop invisible characters and fold look-alike letters, keeping one character per original one
    where possible (offsets stay usable); compatibility forms (full-width, bold maths letters) folded."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) in _INVISIBLE:
            out.append("\x00")  # kept as a placeholder so offsets still line up; skipped by the tokenizer
            continue
        if ord(ch) > 0x7F:
            folded = unicodedata.normalize("NFKC", ch)
            ch = folded if len(folded) == 1 else ch
            ch = ch.translate(_LOOKALIKE)
            if ch == "\u2019" or ch == "\u2018":
                ch = "'"
        out.append(ch)
    return "".join(out)


def read(text: str, max_chars: int = 40_000) -> ChatText:
    """Read a message as tokens (the first ``max_chars`` characters: a whole Slack or Discord message)."""
    if text.isascii() and len(text) <= max_chars and not _SPECIAL.search(text):
        return _read_plain(text)
    original = text
    cleaned = _clean(text[:max_chars])
    joined = cleaned.replace("\x00", "") if "\x00" in cleaned else cleaned
    # Invisible characters inside a word are removed; keep a map back to the original offsets.
    offsets: list[int] | None = None
    if joined is not cleaned:
        offsets = [i for i, ch in enumerate(cleaned) if ch != "\x00"]
    tokens: list[Token] = []
    sentence = 0
    in_fence = False
    emphasis = sum(1 for ch in joined if ch in _EYE_ROLL) if not joined.isascii() else 0
    emphasis += joined.count("!!") + joined.count("?!") + joined.count("!?")
    questions: set[int] = set()
    quoted = joined.lstrip().startswith((">", "&gt;"))
    for m in _PIECE.finditer(joined):
        kind = m.lastgroup
        if kind == "fence":
            in_fence = not in_fence
            sentence += 1
            continue
        if in_fence or kind in ("code",):
            continue
        start = m.start()
        if kind == "stop":
            if "?" in m.group():
                questions.add(sentence)
            sentence += 1
            if "\n" in m.group():  # a line that starts with ">" quotes someone else's words
                quoted = joined.startswith((">", "&gt;", " >"), m.end())
            continue
        if quoted:
            continue
        if kind == "mention":
            tokens.append(_token("@", m, offsets, sentence, uid=m.group("uid")))
            continue
        if kind == "link":
            label = m.group("label")
            if label:
                for w in re.finditer(r"[^\W_]+", label):
                    tokens.extend(_words(w.group(), m.start("label") + w.start(), offsets, sentence))
            continue
        found = _words(m.group(), start, offsets, sentence)
        if joined.startswith(",", m.end()) and found:
            last = found[-1]
            found[-1] = Token(last.word, last.start, last.end, last.sentence, last.capital, last.shout,
                              last.possessive, last.uid, True)
        tokens.extend(found)
    return ChatText(original, tuple(tokens), lowercase=not any(t.capital and not t.shout and t.word != "i" for t in tokens),
                    emphasis=emphasis, questions=frozenset(questions))


_SPECIAL = re.compile(r"[<>`&]|https?:|[A-Za-z][0-9]|[0-9][A-Za-z]|(\w)\1\1")
_PLAIN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*|[.!?;\n]+")


def _read_plain(text: str) -> ChatText:
    """The common case, quickly: ASCII words without markup, links, apostrophes or stretched letters."""
    tokens: list[Token] = []
    questions: set[int] = set()
    sentence = 0
    bare = _BARE
    for m in _PLAIN.finditer(text):
        raw = m.group()
        start, end = m.span()
        if not raw[0].isalnum():
            if "?" in raw:
                questions.add(sentence)
            sentence += 1
            continue
        comma = text.startswith(",", end)
        if "'" in raw:
            found = _words(raw, start, None, sentence)
            if comma:
                last = found[-1]
                found[-1] = Token(last.word, last.start, last.end, last.sentence, last.capital, last.shout,
                                  last.possessive, None, True)
            tokens += found
            continue
        capital = raw[0].isupper()
        word = raw.lower() if capital or not raw.islower() else raw
        parts = bare.get(word)
        if parts:
            tokens += [Token(p, start, end, sentence, capital) for p in parts]
        else:
            tokens.append(Token(word, start, end, sentence, capital, capital and len(raw) >= 3 and raw.isupper(),
                                False, None, comma))
    emphasis = text.count("!!") + text.count("?!") + text.count("!?")
    return ChatText(text, tuple(tokens), lowercase=not any(t.capital and not t.shout and t.word != "i" for t in tokens),
                    emphasis=emphasis, questions=frozenset(questions))


def _pos(offsets: list[int] | None, i: int) -> int:
    if offsets is None:
        return i
    return offsets[i] if i < len(offsets) else (offsets[-1] + 1 if offsets else 0)


def _token(word: str, m: re.Match[str], offsets: list[int] | None, sentence: int, uid: str | None = None) -> Token:
    return Token(word, _pos(offsets, m.start()), _pos(offsets, m.end() - 1) + 1, sentence, uid=uid)


def _words(raw: str, start: int, offsets: list[int] | None, sentence: int) -> list[Token]:
    """One written word as tokens: contractions opened ("can't" -> can not), possessives marked."""
    if offsets is None:
        begin, end = start, start + len(raw)
    else:
        begin, end = _pos(offsets, start), _pos(offsets, start + len(raw) - 1) + 1
    capital = raw[0].isupper()
    shout = capital and len(raw) >= 3 and raw.isupper()
    word = raw.lower()
    if word.isalpha():  # the common case: a plain word
        parts = _BARE.get(word)
        if parts:
            return [Token(p, begin, end, sentence, capital, shout) for p in parts]
        if len(word) > 3 and _STRETCHED.search(word):
            word = _squeeze(word)
        return [Token(word, begin, end, sentence, capital, shout)]
    word = word.replace("\u2019", "'")
    if not word.isalpha() and any(c.isalpha() for c in word) and any(c.isdigit() for c in word):
        word = word.translate(_LEET)  # "us3less", "1ncompetent"
    parts = _CONTRACTIONS.get(word) or _BARE.get(word)
    if parts:
        return [Token(p, begin, end, sentence, capital, shout) for p in parts]
    possessive = False
    if word.endswith("'s") or word.endswith("s'"):
        possessive = True
        word = word[:-2] if word.endswith("'s") else word[:-1]
    elif word.endswith("n't"):
        return [Token(word[:-3], begin, end, sentence, capital, shout), Token("not", begin, end, sentence)]
    elif "'" in word:
        head, _, tail = word.partition("'")
        word = head if tail in ("ll", "d", "ve", "re", "m") else word.replace("'", "")
    if len(word) > 3:
        word = _squeeze(word)
    return [Token(word, begin, end, sentence, capital, shout, possessive)]


def _squeeze(word: str) -> str:
    """Letters stretched for effect ("sooooo", "useleeeess") back to at most two."""
    out = []
    run = 0
    prev = ""
    for ch in word:
        run = run + 1 if ch == prev else 1
        prev = ch
        if run <= 2:
            out.append(ch)
    return "".join(out)
