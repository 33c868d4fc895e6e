"""The vocabulary of member/officer protocols, shared by every council.

Councils word the same rules differently (member/councillor, officer/employee/
staff, enquiry/inquiry, media/press, e-mail/letters/correspondence). This module
holds the words that mean the same thing here, and the topics people ask about:
for each topic, the words that show a question is about it and the words that
show a clause states its rule. It is data, not any one council's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[a-z0-9]+")

# fmt: off
STOPWORDS = frozenset(
    """a about above after again all also am an and any anyone are as at be been being both but by can could d did
    do does doing done dont e eg etc for from further g get go going got had has have having he her here hers
    him his how i ie if im in into is it its itself just let like ll m may me might more most must my myself of
    off ok okay on once one only or other our ours out over own please re s same shall she should so some
    someone something such t than that the their theirs them then there these they thing things this those
    through to too under until up ve very want wanted wants was way we were what when where which while who whom
    why will with would you your yours""".split()
)
# fmt: on

# Words that mean the same in these documents: every word of a group is read as the first.
# fmt: off
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ('councillor', 'member', 'cllr', 'councilor', 'elected member', 'councillors', 'members'),
    ('officer', 'employee', 'staff', 'staffer', 'worker', 'officers', 'employees', 'assistant', 'administrator',
     'admin', 'groundsman', 'groundskeeper', 'handyman', 'caretaker', 'receptionist', 'secretary', 'colleague',
     'colleagues', 'team', 'rfo'),
    ('enquiry', 'inquiry', 'query', 'request', 'question'),
    ('press', 'media', 'journalist', 'journalists', 'newspaper', 'radio', 'tv', 'television', 'gazette'),
    ('correspondence', 'letter', 'email', 'e-mail', 'emails', 'mail', 'written communication'),
    ('copy', 'cc', 'bcc', 'copied', 'forward', 'forwarded'),
    ('document', 'paper', 'papers', 'file', 'files', 'record', 'records', 'minutes'),
    ('inspect', 'see', 'view', 'access', 'look', 'read', 'examine', 'obtain'),
    ('chair', 'chairman', 'chairperson', 'chairwoman', 'mayor'),
    ('criticise', 'criticize', 'criticism', 'criticisms', 'attack', 'slag', 'blame', 'rubbish', 'denigrate',
     'allegation', 'allegations', 'accuse', 'accused', 'fiddled', 'rumour', 'rumours', 'gossip', 'slander'),
    ('complaint', 'complain', 'complaints', 'grievance', 'dissatisfied', 'unhappy', 'concern', 'concerns',
     'moan', 'whinge', 'whinging', 'grumble'),
    ('confidential', 'confidentiality', 'secret', 'leak', 'disclose', 'divulge'),
    ('party', 'political', 'politics', 'politically', 'party-political', 'conservative', 'conservatives',
     'tory', 'tories', 'labour', 'libdem', 'libdems', 'greens', 'reform', 'plaid', 'snp', 'independents'),
    ('group', 'groups', 'caucus', 'faction'),
    ('premises', 'building', 'buildings', 'land', 'site', 'depot', 'hall', 'facilities', 'centre', 'pavilion',
     'cemetery', 'allotment', 'allotments', 'park', 'playground', 'library', 'museum', 'workshop', 'yard'),
    ('visit', 'visits', 'visiting', 'tour'),
    ('resources', 'photocopying', 'printing', 'printer', 'stationery', 'equipment', 'computer', 'laptop', 'ict',
     'van', 'vehicle', 'vehicles', 'photocopier', 'postage'),
    ('appointment', 'appoint', 'recruit', 'recruitment', 'hire', 'hiring', 'interview', 'candidate',
     'shortlist'),
    ('bully', 'bullying', 'harass', 'harassment', 'intimidate', 'intimidation', 'abuse', 'abusive', 'shout',
     'threaten'),
    ('instruct', 'instruction', 'instructions', 'demand'),
    ('impartial', 'impartiality', 'neutral', 'neutrality', 'unbiased', 'objective'),
    ('familiarity', 'friendship', 'friend', 'friends', 'relationship', 'relationships', 'relative', 'relatives',
     'family', 'niece', 'nephew', 'cousin', 'wife', 'husband', 'son', 'daughter', 'brother', 'sister', 'mother',
     'father', 'girlfriend', 'boyfriend', 'friendly', 'mate', 'mates'),
    ('ward', 'constituent', 'constituents', 'resident', 'residents', 'division', 'electorate'),
    ('public', 'publicly', 'openly', 'social media', 'facebook', 'twitter', 'online'),
    ('contact', 'contacted', 'rang', 'ring', 'rung', 'phoned', 'phone', 'called', 'approached', 'approach',
     'text', 'texts', 'texting', 'message', 'messages', 'telephone', 'whatsapp'),
    ('hours', 'evening', 'evenings', 'weekend', 'weekends', 'sunday', 'saturday', 'night', 'nights', 'holiday',
     'holidays', 'midnight'),
    ('refuse', 'refused', 'refusal', 'refuses', 'decline', 'declined', 'reject', 'rejected'),
    ('dispute', 'disputes', 'disagree', 'disagrees', 'appeal', 'challenge', 'review'),
    ('breach', 'break', 'breaking', 'broke', 'broken', 'breached', 'contravene'),
    ('campaign', 'campaigning', 'election', 'electioneering', 'leaflet', 'leaflets', 'canvassing'),
)
# fmt: on

# Chat wording rewritten before matching: longer phrases first.
# Chat wording that takes a pattern: "tell the handyman to …" is an instruction.
# fmt: off
PATTERN_REWRITES: tuple[tuple[str, str], ...] = (
    (r"\b\d{1,2}(?:[.:]\d\d)?\s?(?:pm|am)\b", "evening hours"),
    (r"\b(?:refuse|decline|say no|turn (?:it|him|her|them) down) (?:to|when|if)? ?(?:help|do|support)\b",
     "right not to support"),
    (r"\b(?:tell|ask|get|make) (?:the|our|my|a|an) [a-z]+(?: [a-z]+)? to\b", "instruct officer to"),
    (r"\bis (?:useless|incompetent|hopeless|rubbish|lazy|a disgrace)\b", "criticism of conduct or capability"),
)
# fmt: on

# fmt: off
REWRITES: tuple[tuple[str, str], ...] = (
    ('who do i complain to', 'raise complaint with'), ('who should i complain to', 'raise complaint with'),
    ('who do i tell', 'raise concern with'), ('who do i go to', 'raise concern with'),
    ('who does she tell', 'raise concern with'), ('who does he tell', 'raise concern with'),
    ('report it to', 'raise concern with'), ('who next', 'raise concern with'), ('turned down', 'refused'),
    ('turn down', 'refuse'), ('said no', 'refused'), ('how long', 'timely respond within'),
    ('how quickly', 'timely respond within'), ('for the council', 'on behalf of the council'),
    ('speak for', 'on behalf of'), ('deputy clerk', 'officer'), ('assistant clerk', 'officer'),
    ('member of staff', 'officer'), ('in confidence', 'confidential'), ('look round', 'visit'),
    ('pop into', 'visit'), ('pop in', 'visit'), ('drop in', 'visit'), ('lib dems', 'libdems'),
    ('lib dem', 'libdem'), ('green party', 'greens'), ('the greens', 'greens'), ('my own', 'personal interest'),
    ('sick leave', 'personal matters'), ('health', 'personal matters'), ('type up', 'work for'),
    ('do my', 'work for'), ('finding out', 'confidential'), ('find out', 'know'), ('local paper', 'press'),
    ('the paper', 'press'), ('news website', 'press'), ('headed paper', 'letterhead'),
    ('fallen out', 'dissatisfied'), ('fall out', 'dissatisfied'), ('falling out', 'dissatisfied'),
    ('not happy', 'dissatisfied'), ('fed up', 'dissatisfied'), ('had enough', 'dissatisfied'),
    ('names of', 'personal information'), ('addresses of', 'personal information'),
    ('details of', 'personal information'), ('personal details', 'personal information'),
    ('who complained', 'third parties'), ('people who', 'third parties'), ('get back to', 'respond to'),
    ('hear back', 'response'), ('come back to', 'respond to'), ('stand in', 'fulfil the role'),
    ('step in', 'fulfil the role'), ('cover for', 'fulfil the role'), ('get round', 'undermine'),
    ('get around', 'undermine'), ('overturn', 'undermine'), ('lean on', 'pressure'), ('push her', 'pressure'),
    ('push him', 'pressure'), ('lean on her', 'pressure'), ('messed up', 'criticism'),
    ('is useless', 'criticism'), ('hopeless', 'criticism'), ('call out', 'criticism'),
    ('slag off', 'criticism'), ('rubbish', 'criticism'), ('have a go', 'abuse'), ('having a go', 'abuse'),
)
# fmt: on


# Phrases that are one idea: matched before single words.
# fmt: off
PHRASES: tuple[str, ...] = (
    'need to know', 'roving commission', 'freedom of information', 'data protection', 'personal data',
    'code of conduct', 'monitoring officer', 'proper officer', 'town clerk', 'parish clerk', 'political group',
    'party group', 'political groups', 'party groups', 'social media', 'press release', 'vice chair',
    'vice-chair', 'day to day', 'ward member', 'local member', 'public meeting', 'disciplinary procedure',
    'grievance procedure', 'personal information', 'third party', 'third parties', 'conduct or capability',
    'in public', 'exempt information',
)
# fmt: on


@dataclass(frozen=True)
class Topic:
    """A subject people ask about, with the words that show it on each side."""

    key: str
    label: str
    ask: tuple[str, ...]  # words or phrases in a query that point to this topic
    rule: tuple[str, ...]  # words or phrases in a clause that show it states this topic's rule


# fmt: off
TOPICS: tuple[Topic, ...] = (
    Topic(
        'need-to-know', "Need to know: councillors' access to information and documents",
        ('need to know', 'need-to-know', 'roving commission', 'curiosity', 'access to information',
         'access to documents', 'see the papers', 'inspect', 'papers', 'documents', 'document', 'information',
         'file', 'records', 'minutes', 'exempt', 'not on the committee', 'committee i am not on',
         "committee i'm not on"),
        ('need to know', 'roving commission', 'curiosity', 'right to inspect', 'inspect', 'access to documents',
         'access to information', 'access to any document', 'documents', 'information'),
    ),
    Topic(
        'press', 'Press and media',
        ('press', 'media', 'journalist', 'reporter', 'newspaper', 'radio', 'tv', 'interview', 'press release',
         'publicity', 'statement', 'quote', 'spokesperson', 'rang me', 'called me'),
        ('press', 'media', 'publicity', 'press release', 'spokesperson', 'spokespersons', 'journalist'),
    ),
    Topic(
        'correspondence', 'Correspondence, letters and e-mails',
        ('correspondence', 'letter', 'letters', 'email', 'e-mail', 'emails', 'cc', 'bcc', 'copy', 'copied',
         'blind copy', 'sign', 'signed', 'write', 'writing', 'written'),
        ('correspondence', 'letters', 'letter', 'e-mail', 'email', 'copied', 'copy', 'blind', 'silent copies',
         'bcc', 'in the name of'),
    ),
    Topic(
        'political-groups', 'Political and party groups',
        ('political group', 'political groups', 'party group', 'party groups', 'party', 'group meeting',
         'caucus', 'faction', 'political'),
        ('political group', 'political groups', 'party group', 'party groups', 'group meetings',
         'party political'),
    ),
    Topic(
        'complaints', 'Complaints and when things go wrong',
        ('complain', 'complaint', 'complaints', 'grievance', 'dissatisfied', 'unhappy', 'concern', 'concerns',
         'go wrong', 'goes wrong', 'things go wrong', 'fall out', 'breach', 'breaches', 'disciplinary',
         'raise a concern', 'report', 'performance'),
        ('complaint', 'complaints', 'grievance', 'dissatisfied', 'unhappy', 'disciplinary', 'things go wrong',
         'concern', 'breach', 'raise the issue', 'raised with'),
    ),
    Topic(
        'criticism', 'Criticising officers (never in public)',
        ('criticise', 'criticize', 'criticism', 'criticising', 'criticizing', 'slag', 'call out', 'publicly',
         'in public', 'social media', 'facebook', 'twitter', 'name and shame', 'attack'),
        ('criticism', 'criticisms', 'criticise', 'in public', 'personal attacks', 'conduct or capability',
         'performance or conduct', 'performance, competence or conduct', 'find fault', 'open to the public',
         'denigrate'),
    ),
    Topic(
        'confidentiality', 'Confidentiality',
        ('confidential', 'confidentiality', 'confidence', 'secret', 'leak', 'leaked', 'disclose', 'divulge',
         'private', 'tell others', 'pass on', 'exempt'),
        ('confidential', 'confidentiality', 'in confidence', 'disclose', 'divulge', 'betrayal',
         'keep confidential'),
    ),
    Topic(
        'premises', 'Council premises and land',
        ('premises', 'building', 'buildings', 'land', 'site', 'depot', 'visit', 'visiting', 'office', 'hall',
         'go into', 'walk into', 'enter'),
        ('premises', 'land', 'visits', 'enter', 'right of access'),
    ),
    Topic(
        'resources', 'Use of council resources',
        ('resources', 'photocopy', 'photocopying', 'printing', 'printer', 'print', 'stationery', 'equipment',
         'computer', 'laptop', 'ict', 'phone', 'typing', 'campaign', 'leaflet', 'leaflets', 'electioneering'),
        ('resources', 'photocopying', 'printing', 'stationery', 'equipment', 'typing', 'public purse',
         'electioneering'),
    ),
    Topic(
        'appointments', 'Appointing staff',
        ('appointment', 'appointments', 'appoint', 'appointing', 'recruit', 'recruitment', 'recruiting', 'hire',
         'hiring', 'interview', 'interviews', 'candidate', 'candidates', 'shortlist', 'job applicant',
         'canvass', 'relative applying', 'friend applying'),
        ('appointment', 'appointments', 'candidate', 'candidates', 'merit', 'canvass', 'recruitment'),
    ),
    Topic(
        'bullying', 'Respect, bullying and harassment',
        ('bully', 'bullying', 'bullied', 'harass', 'harassment', 'harassed', 'intimidate', 'intimidation',
         'shout', 'shouted', 'abuse', 'abusive', 'rude', 'threaten', 'undue pressure', 'pressure', 'respect',
         'courtesy', 'disrespect'),
        ('bully', 'bullied', 'bullying', 'harass', 'harassment', 'intimidation', 'undue pressure', 'respect',
         'courtesy', 'abuse'),
    ),
    Topic(
        'instructions', 'Instructing staff',
        ('instruct', 'instruction', 'instructions', 'tell the clerk', 'tell staff', 'order', 'orders', 'direct',
         'directly', 'boss', 'give work', 'ask staff to', 'ask the clerk to', 'jump the queue', 'priorities'),
        ('instruct', 'instructions', 'instruction', 'not for individual', 'priorities', 'jump the queue',
         'direction'),
    ),
    Topic(
        'impartiality', 'Political neutrality and impartiality of officers',
        ('impartial', 'impartiality', 'neutral', 'neutrality', 'biased', 'bias', 'unbiased', 'take sides',
         'side with', 'favour', 'favouritism', 'political views'),
        ('impartiality', 'impartial', 'neutrality', 'political neutrality', 'favouritism', 'objective'),
    ),
    Topic(
        'relationships', 'Personal relationships and familiarity',
        ('friend', 'friends', 'friendship', 'friendly', 'relationship', 'relationships', 'relative', 'family',
         'related', 'dating', 'partner', 'familiarity', 'close', 'socialise', 'drinks', 'pub'),
        ('familiarity', 'friendship', 'friendships', 'personal relationship', 'close personal',
         'family or business', 'special relationships'),
    ),
    Topic(
        'ward', 'Ward work, constituents and local meetings',
        ('ward', 'constituent', 'constituents', 'resident', 'residents', 'casework', 'surgery', 'surgeries',
         'public meeting', 'local issue', 'on behalf of'),
        ('ward', 'constituent', 'constituents', 'ward surgeries', 'local members', 'public meeting'),
    ),
    Topic(
        'roles', 'Roles of councillors and officers',
        ('role', 'roles', 'job', 'responsibility', 'responsibilities', 'what do councillors do',
         'what is the clerk for', 'day to day', 'running the council', 'manage', 'management'),
        ('roles', 'role', 'responsibilities', 'responsibility', 'day to day', 'areas of responsibility'),
    ),
    Topic(
        'chairs', 'Chairs and vice-chairs',
        ('chair', 'chairs', 'chairman', 'vice chair', 'vice-chair', 'mayor', 'committee chair', 'leader'),
        ('chair', 'chairs', 'chairmen', 'vice-chairs', 'vice-chairmen', 'mayor'),
    ),
    Topic(
        'code-of-conduct', 'Code of conduct and the Monitoring Officer',
        ('code of conduct', 'monitoring officer', 'formal complaint', 'standards', 'breach of the code',
         'nolan', 'misconduct', 'report a councillor'),
        ('code of conduct', 'monitoring officer', 'localism act', 'formal written complaint', 'nolan'),
    ),
    Topic(
        'enquiries', 'Responses to enquiries',
        ('reply', 'replies', 'response', 'respond', 'answer', 'answered', 'ignored', 'ignoring', 'timely',
         'how long', 'waiting', 'chase', 'chasing', 'slow', 'late'),
        ('timely', 'timely response', 'timely responses', 'enquiries', 'response', 'respond', 'working days',
         'within'),
    ),
    Topic(
        'foi', 'Freedom of Information',
        ('freedom of information', 'foi', 'foia', 'information request', 'public request'),
        ('freedom of information',),
    ),
    Topic(
        'data-protection', 'Data protection and personal information',
        ('data protection', 'gdpr', 'personal data', 'personal information', 'third party', 'third parties',
         "someone's details", 'address', 'addresses'),
        ('data protection', 'personal information', 'personal data', 'third parties', 'third party'),
    ),
    Topic(
        'employer', 'The council as employer',
        ('employer', 'employment', 'hr', 'human resources', 'personnel', 'staffing', 'contract', 'pay',
         'disciplinary', 'sack', 'sacked', 'fire', 'dismiss', 'line manage', 'line management', 'appraisal'),
        ('employer', 'employed', 'human resources', 'personnel', 'line management', 'conditions of employment',
         'disciplinary'),
    ),
    Topic(
        'interpretation', 'Interpreting this protocol',
        ('interpret', 'interpretation', 'meaning', 'what does the protocol mean', 'unclear', 'guidance on'),
        ('interpretation', 'interpret', 'guidance'),
    ),
    Topic(
        'agenda', 'Agendas, meetings and reports',
        ('agenda', 'agenda item', 'meeting', 'meetings', 'report', 'reports', 'recommendation',
         'recommendations', 'prepared', 'preparation'),
        ('agenda', 'agendas', 'reports', 'recommendation', 'recommendations', 'meetings'),
    ),
    Topic(
        'social-media', 'Social media',
        ('social media', 'facebook', 'twitter', 'instagram', 'tiktok', 'whatsapp group', 'online', 'post',
         'posting', 'posted', 'tweet', 'tweeted', 'blog', 'forum'),
        ('social media', 'online', 'post', 'facebook', 'twitter', 'blog'),
    ),
    Topic(
        'interests', 'Declaring interests and conflicts of interest',
        ('interest', 'interests', 'declare', 'declaration', 'conflict of interest', 'conflicts of interest',
         'my own planning application', 'personal interest', 'my own', 'related to', 'business connection'),
        ('declare', 'declaration', 'interest', 'interests', 'conflict of interest', 'conflicts of interest',
         'personal interest'),
    ),
    Topic(
        'gifts', 'Gifts and hospitality',
        ('gift', 'gifts', 'hospitality', 'present', 'presents', 'bottle', 'lunch', 'dinner', 'tickets',
         'freebie'),
        ('gift', 'gifts', 'hospitality'),
    ),
    Topic(
        'lobbying', 'Lobbying and pressure on decisions',
        ('lobby', 'lobbying', 'lobbied', 'influence', 'sway', 'persuade', 'push', 'pressure',
         'planning decision', 'delegated decision', 'get them to approve'),
        ('lobby', 'lobbying', 'influence', 'undue pressure', 'put pressure', 'pressure', 'delegated'),
    ),
    Topic(
        'training', 'Training and development',
        ('training', 'train', 'course', 'development', 'induction', 'learn'),
        ('training', 'development'),
    ),
)
# fmt: on


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("'s ", " ").replace("'", "")
    return _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem (cached: the same few thousand words recur)."""
    return _STEMMER.stemWord(word)


def _canonical_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in SYNONYMS:
        head = stem(_tokens(group[0])[0])
        for word in group:
            toks = _tokens(word)
            if len(toks) == 1:
                mapping.setdefault(stem(toks[0]), head)
    return mapping


CANONICAL = _canonical_map()


def terms(text: str, keep_stopwords: bool = False) -> list[str]:
    """The text as canonical stemmed terms (synonyms folded), stopwords dropped."""
    out = []
    for tok in _tokens(text):
        if not keep_stopwords and tok in STOPWORDS:
            continue
        s = stem(tok)
        out.append(CANONICAL.get(s, s))
    return out


ROLE_TERMS = frozenset(
    CANONICAL.get(stem(w), stem(w)) for w in ("councillor", "officer", "clerk", "council", "town", "parish", "protocol")
)

_REWRITES = tuple((re.compile(r"\b" + re.escape(a) + r"\b"), b) for a, b in REWRITES) + tuple(
    (re.compile(a), b) for a, b in PATTERN_REWRITES
)


def rewrite(query: str) -> str:
    """A chat query with everyday phrasings replaced by the protocols' own words."""
    text = query.lower().replace("’", "'")
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text


def phrase_terms(phrase: str) -> tuple[str, ...]:
    """A phrase as the term sequence it matches (stopwords kept, so "need to know" stays whole)."""
    return tuple(CANONICAL.get(stem(t), stem(t)) for t in _tokens(phrase))
