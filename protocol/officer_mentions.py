"""Who a message is about: officers, staff as a whole, councillors and other people.

From the roster, :class:`MentionTable` learns every way people are referred to in
chat: full names, first names, surnames, aliases, platform mentions (Slack
``<@U0…>``, Discord ``<@123…>``), titles ("our RFO", "the deputy clerk") and
collective words ("the office", "council staff"). It then marks, in a message's
tokens, each reference with the person (or group) it stands for. Names that are
also ordinary words ("Will", "May", "Marsh") count only where they read as names,
and a misspelt name ("Nadai") is recognised when it is one letter off. A name an
officer shares with a councillor stands for the officer only where said with their
workplace ("Holly in the office"); otherwise it is marked "shared name", and only the
learned model, reading the rest of the message, may flag it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from protocol.chat_text import ChatText, Token

MAX_NAME = 24  # longer words are not misspelt names (and would be slow to compare)


class Party(StrEnum):
    """What a reference stands for."""

    OFFICER = "officer"  # one officer of the roster
    STAFF = "staff"  # officers collectively, or an officer not named
    MEMBER = "member"  # a councillor, the chair, the writer, someone else
    OUTSIDE = "outside"  # an officer of another body: the police, the district's planning officer


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference in a message: tokens ``first``..``last`` stand for ``party`` (``name`` for one person)."""

    party: Party
    name: str | None
    first: int
    last: int
    possessive: bool = False
    via: str = ""  # how it was recognised, for the explanation: "name", "title", "mention", "pronoun" …


@dataclass(frozen=True)
class Person:
    """The detector's view of a roster entry (see ``protocol.conduct.RosterEntry``)."""

    name: str
    is_officer: bool
    title: str | None
    role: str
    aliases: tuple[str, ...]
    platform_ids: tuple[str, ...]


# Posts by role, as people write them ("the clerk", "our RFO").
_ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "clerk": ("clerk", "town clerk", "parish clerk", "proper officer", "clerk to the council", "chief officer",
              "chief executive", "ceo"),
    "deputy_clerk": ("deputy clerk", "deputy town clerk", "deputy parish clerk", "assistant clerk", "deputy"),
    "rfo": ("rfo", "responsible financial officer", "responsible finance officer", "finance officer",
            "treasurer", "finance manager"),
}
_STAFF_WORDS = (
    "staff", "council staff", "office staff", "office", "officers", "council officers", "employees",
    "council employees", "admin team", "office team", "admin staff", "clerks", "back office", "town hall staff",
    "council office", "parish office", "town council office", "office lot", "officer", "an officer",
    "one of the officers", "one of the staff", "a member of staff", "member of staff", "members of staff",
    "staff member", "staff members", "paid staff", "workforce", "clerks office", "clerk s office", "office admin",
    "grounds team", "grounds staff", "outdoor team", "outside staff", "maintenance team", "works team",
    "town hall", "council offices",
)
_OUTSIDE_POSTS = (
    "police", "planning", "enforcement", "highways", "district", "county", "monitoring", "returning",
    "environmental health", "licensing", "tree", "conservation", "housing", "probation", "fire", "parking",
    "customs", "liaison", "community support", "borough", "unitary", "press", "council s", "case",
)
_MEMBER_WORDS = (
    "cllr", "cllrs", "councillor", "councillors", "councilor", "councilors", "chair", "chairman", "chairwoman",
    "chairperson", "mayor", "deputy mayor", "vice chair", "vice chairman", "members", "the chair", "our chair",
    "i", "me", "we", "us", "myself", "ourselves", "yourself", "one of the councillors",
)
# First names and surnames that are also everyday words: a name only where it reads as one.
COMMON_WORDS = frozenset(
    "will|may|mark|bill|grace|rose|hope|dawn|frank|jack|joy|bob|sue|pat|ray|don|guy|art|max|sky|river|brook|"
    "hunter|fisher|cook|baker|mason|marsh|wood|woods|field|fields|bell|hall|green|rich|stone|holly|ivy|summer|"
    "faith|hazel|heather|iris|lily|daisy|amber|ruby|pearl|crystal|april|june|august|autumn|robin|jay|dean|"
    "chase|grant|lance|miles|penny|rob|sandy|carol|eve|faye|gay|glen|harry|kitty|lou|may|mo|neil|nick|"
    "paddy|page|pip|reed|rick|sonny|sterling|victor|warren|wells|white|black|brown|young|long|short|price|"
    "little|king|knight|bishop|church|lane|hill|hills|ford|banks|bush|bird|fox|wolf|lamb|swan|crane|"
    "drake|finch|nash|rush|shaw|wade|walker|ward|webb|west|north|south|east|moore|moss|parsons|sharp|"
    "smart|strong|sweet|trim|booth|barber|butcher|carpenter|carter|chamberlain|clay|coles|cross|gill|"
    "golding|hart|hay|hayes|heath|hunt|jolly|lord|love|major|mayor|mills|oak|park|parks|pike|pool|read|"
    "rivers|rowe|sage|sale|salt|savage|spring|stern|story|sun|tate|temple|thorn|town|tower|vale|vine|"
    "wall|wallace|waters|well|whiteley|wise|worth|wren|yates|gale|early|earl|new|newman|best|"
    "bright|bond|boon|case|chance|cole|day|dear|dye|english|free|french|gentle|good|gray|grey|hand|"
    "hardy|holiday|irish|joiner|keen|kind|land|lawless|lucky|man|march|merry|middleton|mould|noble|"
    "pain|painter|person|pitt|plant|pope|potter|power|prince|quick|rich|roper|sadler|scott|sexton|"
    "shepherd|silver|slater|smith|spicer|street|stringer|taylor|thatcher|tinker|turner|tyler|waller|"
    "weaver|wheeler".split("|")
)
_VERB_AFTER_NAME = frozenset(
    "is|was|has|had|never|still|keeps|always|does|did|can|could|should|would|will|just|really|clearly|"
    "obviously|said|says|told|sent|ignored|lost|left|forgot|missed|messed|made|got|gets|seems|needs|"
    "hasnt|isnt|wasnt|didnt|doesnt|wont|cant|are|were|be|been|"
    # irregular past tenses and Scots negatives, which the "-ed" test below misses
    "took|put|spent|gave|let|kept|wrote|went|came|thought|knew|knows|thinks|runs|ran|broke|paid|"
    "cannae|couldnae|wouldnae|didnae|hasnae|isnae|disnae|wisnae|canny|couldny|wouldny".split("|")
)
# Words before a name that address its owner: "thanks May", "cheers Bill".
_THANKS = frozenset("thanks|thank|cheers|ta|diolch|hi|hey|morning".split("|"))
# "thanks will do", "cheers may have to": a modal verb after thanks, not a name.
_VERB_BASES = frozenset("do|be|have|send|get|try|look|check|sort|let|see|need|go|come|ask|add|bring".split("|"))
# "anyone in the office", "nobody at the town hall": the people there, not the place.
_SOMEONE = frozenset("anyone|anybody|someone|somebody|nobody|everyone|everybody|whoever|who|one|people".split("|"))
# How people shorten a post's head word ("the comms officer" for the Communications Officer).
_SHORT_HEADS = {"communications": ("comms", "communication"), "administration": ("admin",),
                "administrative": ("admin",), "finance": ("finances", "financial"), "events": ("event",),
                "facilities": ("facility",), "amenities": ("amenity",), "estates": ("estate",)}
# Generic words people put after a post's head word ("the parks guy", "the finance lady").
_POST_PEOPLE = ("officer", "manager", "guy", "man", "lady", "woman", "bloke", "person", "supervisor", "lead", "chap",
                "fella")
_PERSON_ENDINGS = ("man", "er", "or", "ist", "ian", "eer", "ess", "warden", "keeper")
_NOT_A_NAME_AFTER = frozenset("i|you|we|they|he|she|it|who|that|which|this|there|what|one|nobody|the|a|an|to|be|"
                              "will|may|might|would|could|should|can|must|of|in|on|at|for|amber|red|green".split("|"))
PLACE_WORDS = frozenset(
    "road|street|st|lane|avenue|ave|close|crescent|drive|way|place|court|gardens|park|square|terrace|hill|green|"
    "farm|house|hall|centre|center|school|academy|church|chapel|estate|wood|woods|field|fields|common|bridge|"
    "meadow|meadows|rise|row|walk|grove|mews|surgery|pavilion|ward|recreation|rec|cemetery|allotments|"
    "primary|lodge|cottage|cottages|manor|mill|quarry|brook|river|valley|fc|united|rovers|ltd|limited|"
    "plc|homes|construction|builders|motors|services".split("|")
)
OTHER_BODIES = frozenset(
    "county|district|borough|unitary|shop|bank|hospital|school|police|company|firm|surgery|station|supermarket|"
    "tesco|cafe|pub|library|dvla|hmrc|dwp|nhs|gp|university|college|agency|contractor|contractors|club|"
    "charity|association|government|ministry|department|centre|museum|leisure|airport|railway|council's|"
    "authority|authorities|commission|commissioners|trust|board|inspectorate|ombudsman|network|water".split("|")
)
_PLACE_BEFORE = frozenset("at|in|to|from|into|outside|near|round|around|by|inside|behind|past|via|through".split("|"))
# Where something is ("the printer in the office"), as against "sent to the office", "heard from the office".
_LOCATED = _PLACE_BEFORE - {"to", "from", "via", "by"}
# People who are not on the roster: "he" after "the resident" is the resident.
PERSON_NOUNS = frozenset(
    "resident|residents|contractor|contractors|man|woman|guy|bloke|lady|gentleman|hirer|hirers|roofer|builder|"
    "builders|volunteer|volunteers|auditor|caller|visitor|tenant|landlord|neighbour|chap|fella|lad|lads|girl|boy|"
    "driver|engineer|inspector|journalist|reporter|vicar|headteacher|plumber|electrician|cleaner|cleaners|"
    "customer|applicant|developer|agent|solicitor|consultant|police|policeman|constable|"
    "mp|parent|parents|teenager|teenagers|kid|kids|child|children|someone|somebody|person|people|public|"
    "dogs|youths|hirers|supplier|suppliers|insurer|printers|cyclists|walkers".split("|")
)
# Words of a job title too general to stand for the post alone.
_GENERIC_POSTS = frozenset(
    "officer|manager|assistant|clerk|administrator|admin|worker|coordinator|co|ordinator|lead|supervisor|director|"
    "head|senior|deputy|chief|principal|town|parish|council|community|village|hall|services|service|team|"
    "support|general|project|projects|development|operations".split("|"))
_NAMES = frozenset({"name", "first name", "surname", "alias", "nickname"})
_NAMES_OR_SHARED = _NAMES | {"shared name"}
DETERMINER_WORDS = frozenset("the|a|an|this|that|these|those|my|our|your|his|her|their|its|some|any|no".split("|"))
_TITLES_OF_ADDRESS = frozenset("mr|mrs|ms|miss|mx|dr|mister".split("|"))
_COUNCILLOR = frozenset({"cllr", "councillor", "councilor"})
_FIRST_PERSON = frozenset("i|me|we|us|myself|ourselves".split("|"))
_HE = frozenset("he|him|his|himself|she|her|hers|herself".split("|"))
_THEY = frozenset("they|them|their|theirs|themselves".split("|"))
_YOU = frozenset("you|your|yours|yourself|ya".split("|"))


# The usual short forms of first names: "Dan" for Daniel, "Maggie" for Margaret.
NICKNAMES: dict[str, tuple[str, ...]] = {
    name: tuple(short.split()) for name, short in (
        ("daniel", "dan danny"), ("robert", "rob bob bobby robbie"), ("william", "will bill billy liam"),
        ("margaret", "maggie mags meg peggy"), ("patrick", "pat paddy"), ("elizabeth", "liz lizzie beth betty"),
        ("katherine", "kate kath katie"), ("catherine", "cath cathy kate katie"), ("richard", "rich rick richie"),
        ("michael", "mike mick mikey"), ("christopher", "chris"), ("christine", "chris"), ("jonathan", "jon jonny"),
        ("samuel", "sam sammy"), ("samantha", "sam sammie"), ("alexander", "alex"), ("alexandra", "alex lexi"),
        ("benjamin", "ben benny"), ("thomas", "tom tommy"), ("james", "jim jimmy jamie"), ("joseph", "joe joey"),
        ("edward", "ed eddie ted"), ("anthony", "tony"), ("stephen", "steve"), ("steven", "steve"),
        ("matthew", "matt"), ("nicholas", "nick nicky"), ("andrew", "andy drew"), ("peter", "pete"),
        ("susan", "sue susie"), ("deborah", "debbie deb"), ("rebecca", "becky becca"), ("victoria", "vicky tori"),
        ("jennifer", "jen jenny"), ("jessica", "jess"), ("abigail", "abi abby"), ("charlotte", "charlie lottie"),
        ("charles", "charlie chas"), ("frances", "fran"), ("francis", "frank fran"), ("gareth", "gaz"),
        ("bethan", "beth"), ("timothy", "tim"), ("philip", "phil"), ("phillip", "phil"), ("gregory", "greg"),
        ("kenneth", "ken kenny"), ("raymond", "ray"), ("gerald", "gerry"), ("geraldine", "gerry"),
        ("josephine", "jo josie"), ("joanne", "jo"), ("joanna", "jo"), ("johanna", "jo"), ("jacqueline", "jackie"),
        ("barbara", "barb babs"), ("dorothy", "dot dotty"), ("patricia", "pat trish tricia"),
        ("rosemary", "rosie"), ("rosalind", "ros"), ("rosa", "rosie"), ("sarah", "sal sally"),
        ("elaine", "lainey"), ("helen", "nell"), ("eleanor", "ellie nell"), ("isabel", "izzy bella"),
        ("isabella", "izzy bella"), ("nathan", "nate"), ("nathaniel", "nate nat"), ("natalie", "nat"),
        ("david", "dave davy"), ("dafydd", "dai dave"), ("gwendolyn", "gwen"), ("rhiannon", "rhi"),
        ("siobhan", "shiv"), ("oluwaseun", "seun"), ("zbigniew", "ziggy"), ("agnieszka", "aga"),
        ("kieran", "kez"), ("terence", "terry"), ("lawrence", "laurie larry"), ("laurence", "laurie larry"),
        ("leonard", "len lenny"), ("ronald", "ron ronnie"), ("donald", "don donny"), ("albert", "bert"),
        ("herbert", "bert"), ("frederick", "fred freddie"), ("harold", "harry"), ("henry", "harry hal"),
        ("victor", "vic"), ("vincent", "vince"), ("douglas", "doug"), ("stuart", "stu"), ("stewart", "stu"),
        ("simon", "si"), ("jeremy", "jez"), ("gerard", "gerry"), ("teresa", "tess terri"), ("theresa", "tess"),
        ("valerie", "val"), ("beverley", "bev"), ("pamela", "pam"), ("sandra", "sandy"), ("amanda", "mandy"),
        ("miranda", "randi"), ("penelope", "penny"), ("judith", "judy jude"), ("caroline", "caro"),
        ("gillian", "gill jill"), ("angela", "angie"), ("christina", "tina"), ("louise", "lou"),
        ("lucinda", "lucy"), ("wilhelmina", "mina"), ("mohammed", "mo"), ("muhammad", "mo"), ("mohammad", "mo"),
        ("abdullah", "abdul"), ("oluwatobi", "tobi"), ("olufemi", "femi"), ("adebayo", "bayo"),
    )
}


_BEFORE_OTHERS_STAFF = frozenset(
    "previous|former|last|old|ex|new|retired|district|county|borough|unitary|police|government|nhs|agency|"
    "their|another|other|neighbouring|city|hospital|school|university".split("|"))


def _someone_elses(toks: tuple[Token, ...], first: int) -> bool:
    """'the previous clerk', 'district council staff', 'the Environment Agency's flood officer': not ours."""
    k = first - 1
    while k >= 0 and toks[k].word in ("the", "this", "that") and toks[k].sentence == toks[first].sentence:
        k -= 1
    if k < 0 or toks[k].sentence != toks[first].sentence:
        return False
    before = toks[k]
    if before.word in _BEFORE_OTHERS_STAFF or _a_body(before):
        return True
    # one word of post between ("the Agency's flood officer")
    return k > 0 and not before.possessive and toks[k - 1].sentence == before.sentence and _a_body(toks[k - 1])


def _a_body(tok: Token) -> bool:
    """'the Agency's', "the county's": an organisation whose staff are not ours."""
    return tok.possessive and (tok.capital or tok.word in OTHER_BODIES)


def key_of(toks: tuple[Token, ...], i: int, size: int) -> tuple[str, ...]:
    """The words of tokens ``i`` .. ``i + size - 1``."""
    return tuple(t.word for t in toks[i:i + size])


_WORKPLACE = frozenset("office|staff|estates|reception|desk|team|council|town|parish|hall|depot|admin".split("|"))


def _at_work(toks: tuple[Token, ...], last: int) -> bool:
    """'Holly in the office', 'Carl from estates': a shared first name said with where the officer works."""
    k = last + 1
    if k >= len(toks) or toks[k].word not in ("in", "from", "at", "on") or toks[k].sentence != toks[last].sentence:
        return False
    after = [t.word for t in toks[k + 1:k + 4] if t.sentence == toks[last].sentence]
    return any(w in _WORKPLACE for w in after[:3]) and "council" not in after[:1]


def _someone_at(toks: tuple[Token, ...], first: int) -> bool:
    """'anyone in the office', 'nobody at the town hall': the people who work there."""
    k = first - 1
    while k >= 0 and toks[k].word in ("the", "our", "this", "that", "main", "council", "town", "parish"):
        k -= 1
    return k >= 1 and toks[k].word in ("in", "at") and toks[k - 1].word in _SOMEONE \
        and toks[k - 1].sentence == toks[first].sentence


def _lower_name(toks: tuple[Token, ...], i: int) -> bool:
    """A name written in lower case in a message with capitals: 'marcus is …', 'thanks may for …'."""
    prev = toks[i - 1].word if i > 0 and toks[i - 1].sentence == toks[i].sentence else None
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].sentence == toks[i].sentence else None
    if prev in _THANKS and not toks[i - 1].comma and (nxt is None or nxt.word not in _VERB_BASES):
        return True
    if prev is not None and (prev in _NOT_A_NAME_AFTER or prev in DETERMINER_WORDS):
        return False
    return toks[i].possessive and prev is None or nxt is not None and nxt.word in _VERB_AFTER_NAME


def _after_preposition(toks: tuple[Token, ...], i: int, before: frozenset[str] = _PLACE_BEFORE) -> bool:
    k = i - 1
    while k >= 0 and toks[k].word in ("the", "our", "this", "that", "your", "their", "main", "council", "town"):
        k -= 1
    return k >= 0 and toks[k].word in before and toks[k].sentence == toks[i].sentence


def _phrase(text: str) -> tuple[str, ...]:
    out = []
    for w in text.lower().replace("'", "").replace("\u2019", "").replace("-", " ").replace(".", " ").split():
        out.append(w)
    return tuple(out)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class MentionTable:
    """How a council's people are referred to, built once from the roster."""

    def __init__(self, people: Sequence[Person], known_words: frozenset[str] = frozenset(),
                 home: Sequence[str] = ()) -> None:
        claims: dict[tuple[str, ...], set[tuple[Party, str | None, str]]] = {}

        def claim(phrase: str | tuple[str, ...], party: Party, name: str | None, via: str) -> None:
            key = phrase if isinstance(phrase, tuple) else _phrase(phrase)
            if key:
                claims.setdefault(key, set()).add((party, name, via))

        for words in _STAFF_WORDS:
            claim(words, Party.STAFF, None, "collective")
        for post in _OUTSIDE_POSTS:
            claim(f"{post} officer", Party.OUTSIDE, None, "outside")
            claim(f"{post} officers", Party.OUTSIDE, None, "outside")
            claim(f"{post} staff", Party.OUTSIDE, None, "outside")
        for words in _MEMBER_WORDS:
            claim(words, Party.MEMBER, None, "member")
        self._by_uid: dict[str, tuple[Party, str]] = {}
        self._first_names: dict[str, list[tuple[Party, str, str]]] = {}  # first name: (party, name, surname initial)
        for person in people:
            party = Party.OFFICER if person.is_officer else Party.MEMBER
            for uid in person.platform_ids:
                self._by_uid[uid.upper()] = (party, person.name)
            names = _phrase(person.name)
            claim(names, party, person.name, "name")
            if len(names) > 1:
                self._first_names.setdefault(names[0], []).append((party, person.name, names[-1][0]))
            if len(names) > 1:
                claim(names[:1], party, person.name, "first name")
                claim(names[-1:], party, person.name, "surname")
            for alias in person.aliases:
                claim(alias, party, person.name, "alias")
            for short in NICKNAMES.get(names[0], ()) if names else ():
                claim((short,), party, person.name, "nickname")
            if person.is_officer:
                for post in self._posts(person):
                    claim(post, Party.OFFICER, person.name, "title")
        # A phrase claimed by two people stands for neither with certainty: a councillor beats an officer
        # (a wrong nudge costs more than a missed one); two officers become "an officer".
        self._table: dict[tuple[str, ...], tuple[Party, str | None, str]] = {}
        self._shared_officer: dict[tuple[str, ...], str] = {}  # a name shared by one officer and councillors
        for key, owners in claims.items():
            specific = {o for o in owners if o[1] is not None}
            pool = specific or owners
            if len({o[1] for o in pool}) == 1 and len({o[0] for o in pool}) == 1:
                self._table[key] = sorted(pool)[0]
            elif any(o[0] is Party.MEMBER for o in pool):
                self._table[key] = (Party.MEMBER, None, "shared name")
                officers = {o[1] for o in pool if o[0] is Party.OFFICER}
                if len(officers) == 1:
                    self._shared_officer[key] = officers.pop()
            else:
                self._table[key] = (Party.STAFF, None, "shared title")
        self._sizes: dict[str, tuple[int, ...]] = {}
        for key in self._table:
            self._sizes[key[0]] = tuple(sorted({*self._sizes.get(key[0], ()), len(key)}, reverse=True))
        # Every phrase for an officer or staff ends with one of these words ("the parks guy" starts with one).
        self._staff_words = frozenset(key[0] if len(key) > 1 and key[-1] in _POST_PEOPLE else key[-1]
                                      for key, (party, _n, _v) in self._table.items()
                                      if party in (Party.OFFICER, Party.STAFF)) | frozenset(
            first for first, owners in self._first_names.items() if any(o[0] is Party.OFFICER for o in owners))
        # Misspelt names: one letter off a name of five letters or more.
        self._home = frozenset(w for name in home for w in _phrase(name))  # the council's own name and town
        self._known = known_words | frozenset(w for key in self._table for w in key) | self._home
        self._near: dict[str, set[str]] = {}
        for key, (_party, name, _via) in self._table.items():
            if len(key) == 1 and name and len(key[0]) >= 5 and key[0] not in COMMON_WORDS:
                for d in _deletions(key[0]) | {key[0]}:
                    self._near.setdefault(d, set()).add(key[0])

    @property
    def known(self) -> frozenset[str]:
        """Every word of a name, title or staff phrase, and the words the detector already knows."""
        return self._known

    @staticmethod
    def _posts(person: Person) -> list[str]:
        posts = list(_ROLE_TITLES.get(person.role, ()))
        if person.title:
            title = _phrase(person.title)
            posts.append(" ".join(title))
            # "Lengthsman and Assets Officer": each part is how people say it ("the lengthsman", "assets officer")
            parts = [p.split() for p in " ".join(title).replace(" and ", "|").replace(" & ", "|").split("|")]
            if len(parts) > 1:
                last = parts[-1][-1]
                for part in parts:
                    if part and part[-1] not in _GENERIC_POSTS:
                        if part[-1] != last:
                            posts.append(" ".join(part + [last]))
                        if part[-1].endswith(_PERSON_ENDINGS):
                            posts.append(" ".join(part))  # "the lengthsman", not "the harbour"
            head = [w for w in title if w not in _GENERIC_POSTS and w not in ("and", "of", "the", "for", "to")]
            if len(title) > 1 and len(head) == 1 and title[-1] == head[0]:
                posts.append(head[0])  # "the caretaker" for the Village Hall Caretaker
            if "administrator" in title:  # "the office admin"
                posts.append(" ".join("admin" if w == "administrator" else w for w in title))
            if title and title[0] in ("town", "parish", "council", "community", "village", "city"):
                posts.append(" ".join(title[1:]))
        for post in list(posts):
            # "the parks guy" for the Parks Supervisor, "the comms officer" for the Communications Officer
            words = post.split()
            heads = [w for w in words if w not in _GENERIC_POSTS and w not in ("and", "of", "the", "for", "to")]
            for head in heads[-1:] if len(words) > 1 and words[-1] in _GENERIC_POSTS else []:
                for form in (head, *_SHORT_HEADS.get(head, ())):
                    posts.extend(f"{form} {who}" for who in _POST_PEOPLE)
        return posts

    def mentions(self, text: ChatText, author: str | None = None) -> list[Mention]:
        """Every reference in the message, in order, pronouns resolved to the person they follow."""
        toks = text.tokens
        out: list[Mention] = []
        i = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            if tok.uid is not None:
                party, name = self._by_uid.get(tok.uid.upper(), (Party.MEMBER, None))
                out.append(Mention(party, name, i, i, via="mention"))
                i += 1
                continue
            found = self._match(toks, i, text.lowercase)
            place = toks[found.last].word if found is not None and found.via == "collective" else ""
            if place in ("office", "hall", "offices") and not _someone_at(toks, found.first) \
                    and (place != "office" or _after_preposition(toks, found.first, _LOCATED)):
                i = found.last + 1  # "the phone line at the office", "the town hall roof": a place, not the staff
                continue
            if found is not None and found.last + 1 < n and toks[found.last + 1].word in PLACE_WORDS \
                    and found.via in _NAMES_OR_SHARED:
                i = found.last + 2  # "Brooks Road", "Marsh Lane": a place named after someone
                continue
            if found is not None and found.via in _NAMES_OR_SHARED and not toks[found.first].capital \
                    and not text.lowercase and found.last == found.first and not _lower_name(toks, found.first):
                i = found.last + 1  # "the graves at the back", "the hedges": a word, where names are capitalised
                continue
            if found is not None and found.party is not Party.MEMBER and found.via in ("collective", "title") \
                    and (self._elsewhere(toks, found.last) or _someone_elses(toks, found.first)):
                found = Mention(Party.OUTSIDE, None, found.first, found.last, found.possessive, "outside")
            if found is not None:
                out.append(found)
                i = found.last + 1
                continue
            word = tok.word
            if word in PERSON_NOUNS:
                out.append(Mention(Party.OUTSIDE, None, i, i, tok.possessive, "person"))
            elif word in _HE or word in _THEY or word in _YOU:
                out.append(self._pronoun(word, i, out, toks))
            i += 1
        return out

    def _match(self, toks: tuple[Token, ...], i: int, lowercase: bool) -> Mention | None:
        word = toks[i].word
        sizes = self._sizes.get(word)
        if sizes is not None:
            sentence = toks[i].sentence
            for size in sizes:
                if i + size > len(toks):
                    continue
                found = self._table.get(tuple(t.word for t in toks[i:i + size]) if size > 1 else (word,))
                if found is None or toks[i + size - 1].sentence != sentence:
                    continue
                party, name, via = found
                initial = self._by_initial(toks, i) if size == 1 else None
                if initial is not None:  # "Robin F", "Heather L.": the first name and the surname's initial
                    party, name = initial
                    return Mention(party, name, i, i + 1, toks[i + 1].possessive, "name and initial")
                if size == 1 and via in _NAMES_OR_SHARED and word in COMMON_WORDS \
                        and not (self._reads_as_name(toks, i, lowercase) or toks[i].capital and _at_work(toks, i)):
                    return None
                if i > 0 and toks[i - 1].word in _COUNCILLOR:
                    if party is not Party.MEMBER or via == "shared name":
                        party, name, via = Party.MEMBER, None, "councillor"
                elif via == "shared name" and key_of(toks, i, size) in self._shared_officer:
                    # A name an officer shares with councillors: the officer where said with their workplace;
                    # otherwise only the learned model may decide, from the rest of the message, who it is.
                    shared = self._shared_officer[key_of(toks, i, size)]
                    party, name, via = Party.OFFICER, shared, "name at work" if _at_work(toks, i + size - 1) else via
                return Mention(party, name, i, i + size - 1, toks[i + size - 1].possessive, via)
        if 5 <= len(word) <= MAX_NAME and (toks[i].capital or lowercase) and word not in self._known:
            near = self._near_name(word)
            if near is not None:
                party, name, _via = self._table[(near,)]
                return Mention(party, name, i, i, toks[i].possessive, "spelling")
        return None

    def _by_initial(self, toks: tuple[Token, ...], i: int) -> tuple[Party, str] | None:
        """The one person with this first name whose surname starts with the capital letter after it."""
        if i + 1 >= len(toks) or toks[i + 1].sentence != toks[i].sentence:
            return None
        nxt = toks[i + 1]
        if len(nxt.word) != 1 or not nxt.capital:
            return None
        owners = [p for p in self._first_names.get(toks[i].word, ()) if p[2] == nxt.word]
        return (owners[0][0], owners[0][1]) if len(owners) == 1 else None

    def may_mention_staff(self, words: list[str], capitalised: list[str]) -> bool:
        """A quick test on a message's words: could it refer to an officer or to staff at all?"""
        if not self._staff_words.isdisjoint(words):
            return True
        return any(5 <= len(w) <= MAX_NAME and w not in self._known and self._near_name(w) for w in capitalised)

    def _elsewhere(self, toks: tuple[Token, ...], last: int) -> bool:
        """'the staff at the county's one-stop shop', 'the clerk at Kingsbridge': another body's staff."""
        k = last + 1
        if k >= len(toks) or toks[k].word not in ("at", "from", "of", "in") or toks[k].sentence != toks[last].sentence:
            return False
        after = [t for t in toks[k + 1:k + 5] if t.sentence == toks[last].sentence]
        if any(t.word in OTHER_BODIES for t in after):
            return True
        first = next((t for t in after if t.word not in ("the", "a", "an")), None)
        return first is not None and first.capital and first.word not in self._known and first.word not in (
            "this", "our", "the")

    def _near_name(self, word: str) -> str | None:
        hits = set(self._near.get(word, ()))
        for d in _deletions(word):
            hits |= self._near.get(d, set())
        return next(iter(hits)) if len(hits) == 1 else None

    @staticmethod
    def _reads_as_name(toks: tuple[Token, ...], i: int, lowercase: bool) -> bool:
        """'May's report', 'I told Will', 'Will has …', 'Dawn, …' are names; 'I will', 'it may be', 'the marsh'
        are not."""
        tok = toks[i]
        prev = toks[i - 1] if i > 0 and toks[i - 1].sentence == tok.sentence else None
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].sentence == tok.sentence else None
        if tok.possessive or prev is not None and prev.word in _TITLES_OF_ADDRESS:
            return True
        if prev is not None and prev.word in _THANKS and not prev.comma and (tok.capital or lowercase) and (
                nxt is None or nxt.word not in _VERB_BASES):
            return True
        if tok.capital and not tok.shout and prev is not None and prev.word not in DETERMINER_WORDS \
                and nxt is not None and nxt.word in _VERB_AFTER_NAME and nxt.word not in ("be", "will"):
            return True  # "… nobody else will: Rob has ignored …"
        if prev is not None and prev.word in _NOT_A_NAME_AFTER and not (
                prev.word == "you" and i > 1 and toks[i - 2].word == "thank"):  # "thank you May", not "you may"
            return False
        if not (tok.capital or lowercase):
            return False
        if tok.comma or nxt is None:
            return tok.capital or prev is not None
        if tok.capital and not tok.shout and prev is not None:
            return True
        word = nxt.word
        if word in ("be", "i", "you", "we", "they", "he", "she", "it", "the", "a", "an", "this", "that", "not"):
            return False
        return word in _VERB_AFTER_NAME or ((tok.capital or lowercase) and len(word) > 3 and word.endswith(("ed", "s")))

    @staticmethod
    def _pronoun(word: str, i: int, before: list[Mention], toks: tuple[Token, ...]) -> Mention:
        possessive = word in ("his", "her", "hers", "their", "theirs", "your", "yours")
        if word in _YOU:
            # "you" is the officer addressed at the start of the message ("<@U01> you …", "Owen, you …").
            first = before[0] if before else None
            if first is not None and first.first <= 1 and first.party in (Party.OFFICER, Party.STAFF):
                return Mention(first.party, first.name, i, i, possessive, "addressed")
            return Mention(Party.MEMBER, None, i, i, possessive, "pronoun")
        sentence = toks[i].sentence
        for m in reversed(before):
            if m.via in ("pronoun", "addressed") or m.party is Party.MEMBER and toks[m.first].word in _FIRST_PERSON:
                continue
            if m.via == "person" and toks[m.first].sentence != sentence and any(
                    b.name for b in before if b.via not in ("pronoun", "addressed", "person")):
                continue  # "The RFO told the auditor … So he fibbed": the named person, not the passer-by
            if word in _THEY and m.party is Party.STAFF:
                return Mention(Party.STAFF, None, i, i, possessive, "pronoun")
            if word in _HE and m.party is not Party.STAFF:
                return Mention(m.party, m.name, i, i, possessive, "pronoun")
            break
        return Mention(Party.MEMBER, None, i, i, possessive, "pronoun")
