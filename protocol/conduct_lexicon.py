"""The words of criticism, and of its opposites, that the conduct detector reads.

Each cue is a phrase (written as a reader would type it; matched word by word
after contractions are opened, so "can't handle" is "can not handle"), the kind
of criticism it carries, how it attaches to the person it is about, and how much
it weighs. Data only: the detector (:mod:`protocol.conduct_engine`) reads it.

How a cue attaches to its target:

- ``PRED``: said *of* someone: "X is useless", "X's report was a shambles", "useless X",
  "Pathetic." after a sentence about X;
- ``VERB``: something someone did, with them as its subject: "X ignored my emails";
- ``OBJ``: aimed at the person after it: "sack X", "no faith in X";
- ``ANY``: anywhere in the sentence with X: "thanks for nothing, X", "how hard can it be, X?";
- ``ASKED``: the same, but only in a question ("is X even capable?"): said plainly it is praise.
"""

from __future__ import annotations

from dataclasses import dataclass

CONDUCT, CAPABILITY, HONESTY, IMPARTIALITY, ATTACK = "conduct", "capability", "honesty", "impartiality", "personal_attack"
PRED, VERB, OBJ, ANY, ASKED = "pred", "verb", "obj", "any", "asked"
STRONG, CLEAR, WEAK = 1.4, 1.0, 0.55


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase of criticism: its words, kind, how it attaches, and its weight."""

    words: tuple[str, ...]
    kind: str
    mode: str
    weight: float


def _cues(mode: str, kind: str, weight: float, phrases: str) -> list[tuple[str, str, str, float]]:
    return [(p.strip(), kind, mode, weight) for p in phrases.split("|") if p.strip()]


# fmt: off
_TABLE: list[tuple[str, str, str, float]] = [
    # ---- said of a person (adjectives and nouns after "is", or before the name)
    *_cues(PRED, ATTACK, STRONG,
           "useless|hopeless|incompetent|inept|pathetic|lazy|bone idle|idle|a disgrace|disgraceful|a joke|a liability|"
           "an idiot|idiot|idiots|a clown|clowns|a moron|moronic|stupid|thick|dim|clueless|an embarrassment|"
           "a waste of space|waste of space|waste of money|a nightmare|a shambles|shambles|shambolic|a farce|"
           "a laughing stock|laughing stock|a total mess|an absolute mess|a mess|rubbish|crap|garbage|dreadful|"
           "appalling|abysmal|atrocious|woeful|lamentable|dire|a car crash|car crash|jobsworth|a jobsworth|"
           "a dinosaur|past it|dead wood|deadwood|a fool|foolish|arrogant|smug|power mad|power hungry|"
           "a bully|bullying|spineless|gutless|two faced|snake|a snake|weasel|a weasel|untrustworthy|"
           "a total failure|a failure|worse than useless|no use|no good|good for nothing|not up to much|"
           "utterly useless|a fiasco|fiasco|a debacle|debacle|embarrassing|shameful|shocking|scandalous|"
           "an utter disgrace|beyond a joke|a law unto himself|a law unto herself|a law unto themselves"),
    *_cues(PRED, CONDUCT, CLEAR,
           "rude|so rude|very rude|extremely rude|offensive|aggressive|hostile|abrasive|obnoxious|dismissive|"
           "patronising|patronizing|condescending|unprofessional|unhelpful|unresponsive|obstructive|difficult|"
           "awkward|belligerent|sarcastic|snotty|snooty|stroppy|surly|curt|short with me|short with us|"
           "careless|sloppy|slapdash|slack|negligent|lax|shoddy|chaotic|disorganised|disorganized|unreliable|"
           "useless at|hopeless at|terrible at|awful at|rubbish at|bad at|poor at|always late|never on time|"
           "missing in action|awol|asleep at the wheel|nowhere to be seen|out to lunch|a law unto|"
           "a control freak|controlling|high handed|heavy handed|full of excuses|all excuses"),
    *_cues(PRED, CAPABILITY, CLEAR,
           "out of her depth|out of his depth|out of their depth|in over her head|in over his head|"
           "in over their heads|not up to|is not up to|not fit for the job|not fit for the role|not fit for purpose|unfit for the role|"
           "unfit for the job|unfit for purpose|not fit to|unfit to|not up to the job|not up to it|not up to scratch|"
           "not up to standard|not competent|not capable|incapable|not qualified|unqualified|under qualified|"
           "underqualified|not good enough|not cut out for"),
    *_cues(PRED, HONESTY, STRONG,
           "a liar|liar|liars|lying|dishonest|deceitful|a fraud|fraud|corrupt|bent|crooked|shady|dodgy|sneaky|"
           "devious|underhand|underhanded|two faced|economical with the truth|misleading|a cover up|covering up|"
           "covering for|hiding something|hiding things|up to something"),
    *_cues(PRED, IMPARTIALITY, STRONG,
           "biased|partial|partisan|one sided|in the pocket of|in cahoots with|a tory stooge|a labour stooge|"
           "stooge|political|politically motivated|taking sides|not neutral|not impartial|far from neutral|"
           "anything but neutral|playing favourites|playing politics|pro tory|pro labour|in bed with"),
    *_cues(PRED, ATTACK, WEAK,
           "poor|slow|terrible|awful|bad|weak|lacking|clumsy|vague|confused|confusing|muddled|a mess again|"
           "all over the place|wrong|no help|not helpful|not very helpful|disappointing|a let down|let down|"
           "annoying|infuriating|frustrating|ridiculous|absurd|laughable|unacceptable|not acceptable|typical"),

    # ---- things a person did (they are the subject)
    *_cues(VERB, CONDUCT, CLEAR,
           "ignored|ignores|ignoring|keeps ignoring|has ignored|blanked|blanks|blanking|fobbed me off|fobbed us off|"
           "fobs me off|fobbing me off|fob me off|brushed me off|brushed off|stonewalled|stonewalling|stonewalls|"
           "never replies|never responds|never answers|never returns|never gets back|never calls back|"
           "never bothers|never listens|never turns up|never shows up|never does|can not be bothered|"
           "could not be bothered|did not bother|does not bother|never bothered|did not even bother|"
           "has not bothered|not bothered to|does not care|did not care|could not care less|couldnt care less|"
           "does not listen|did not listen|will not listen|refuses to listen|refused to listen|"
           "was rude|were rude|snapped at|shouted at|yelled at|swore at|hung up on|put the phone down on|"
           "talked down to|talks down to|spoke down to|lectured|belittled|belittles|humiliated|sneered|"
           "rolled her eyes|rolled his eyes|tutted|sulked|sulking|threw a strop|throws a strop|lost her temper|"
           "lost his temper|lost the plot|kicked off|blew up at|went off on|had a go at|has a go at|"
           "slammed the door|stormed out|walked out on|sits on|dragging her feet|dragging his feet|"
           "dragging their feet|drags her feet|drags his feet|kicked into the long grass|passed the buck|"
           "passes the buck|passing the buck|dropped the ball|drops the ball|fell asleep|asleep on the job|"
           "left the gates open|left the gate open|left it open|left it unlocked|left the building unlocked|"
           "skiving|skives|skived|swinging the lead|slacking|slacked off|bunked off|disappeared again|"
           "vanished again|never in the office|never there|never around|never available|"
           "is always late|was late again|late again|three weeks late|weeks late|months late|still late|"
           "overstepped|overstepping|oversteps|exceeded her authority|exceeded his authority|"
           "went behind my back|went behind our backs|goes behind|behind our backs|behind my back|"
           "undermined|undermines|undermining|sabotaged|sabotaging|sabotages|"
           "keeps us in the dark|kept us in the dark|keeping us in the dark|kept me in the dark|"
           "keeps me in the dark|keeping me in the dark"),
    *_cues(VERB, CAPABILITY, CLEAR,
           "messed up|messes up|messing up|mucked up|mucks up|cocked up|cocks up|screwed up|screws up|"
           "fouled up|balls up|ballsed up|botched|bungled|bodged|fudged|made a mess|makes a mess|made a hash|"
           "made a pigs ear|made a pig's ear|made a complete mess|made a right mess|has made a mess|"
           "got it wrong again|gets it wrong|gets everything wrong|got everything wrong|always gets|"
           "can not handle|could not handle|can not cope|could not cope|is not coping|not coping|"
           "can not manage|could not manage|can not organise|could not organise|could not organize|"
           "can not organize|can not run|could not run|could not find|can not do|could not do|can not even|"
           "could not even|can not get|can not spell|can not count|can not add up|does not understand|"
           "does not know what|has no idea|had no idea|has not a clue|has no clue|have no clue|no clue|"
           "has not got a clue|does not have a clue|does not have a clue what|clearly does not know|"
           "lost track|loses track|losing track|lost the|loses everything|lost my|lost our|keeps losing|"
           "failed to|fails to|failing to|failed again|keeps failing|keeps forgetting|forgot again|forgets|"
           "missed the deadline|missed another deadline|misses deadlines|missed deadlines|"
           "keeps missing|another deadline missed|deadline missed|still has not|still have not|still not done|"
           "got the figures wrong|got the numbers wrong|got the dates wrong|got the minutes wrong|"
           "made a hash of|made an error again|made mistakes|makes mistakes|made another mistake|"
           "makes the same mistakes|is making a mess|wasting our time|wastes our time|wasted our time|"
           "wasting money|wasted money|wastes money|wasting taxpayers|ran it into the ground|"
           "runs it into the ground|ruined|ruins|ruining|broke the|wrecked|wrecks|"
           "is not doing her job|is not doing his job|not doing her job|not doing his job|not doing their job|"
           "not doing their jobs|does not do her job|does not do his job|do not do their job|"
           "should be sacked|should be fired|should be replaced|should resign|needs sacking|needs replacing|"
           "should be disciplined|"
           "should be ashamed|ought to be ashamed|should be embarrassed|should be struck off|"
           "has lost the confidence|has lost our confidence|lost all credibility|has no credibility"),
    *_cues(VERB, HONESTY, STRONG,
           "lied|lies|lying|lied to|is lying|was lying|twisted|twists|twisting|twisted the facts|"
           "misled|misleads|misleading us|misrepresented|misrepresents|fabricated|makes things up|"
           "made it up|doctored|fiddled|fiddles|fiddling|cooked the books|covered up|covers up|"
           "concealed|conceals|withheld|withholds|withholding|hid the|hiding the|"
           "deliberately keeping|deliberately withholding|deliberately hiding|deliberately left|"
           "deliberately ignored|deliberately delayed|keeping information from|"
           "kept information from|keeps information from|keeping things from|kept things from|"
           "is keeping information|keeping it from|hiding information|hid information|sits on information|"
           "changed the minutes|rewrote the minutes|edited the minutes to"),
    *_cues(VERB, IMPARTIALITY, STRONG,
           "is playing politics|playing politics|plays politics|played politics|takes sides|took sides|"
           "taking sides|sided with|sides with|"
           "is biased|was biased|is in the pocket|is campaigning|campaigns for|campaigned for|"
           "is pushing her own agenda|is pushing his own agenda|pushing her own agenda|pushing his own agenda|"
           "pushing their own agenda|own agenda|has an agenda|has her own agenda|has his own agenda|"
           "suit herself|suit himself|suit themselves|to suit her|to suit him|to suit them|stitched up|"
           "stitches up|stitched us up|rigged|rigs|manipulated|manipulates|manipulating"),

    *_cues(VERB, CONDUCT, WEAK,
           "still not sorted|still not fixed|still not replied|has not sorted|has not fixed|has not done|"
           "has not replied|has not responded|has not answered|has not got back|did not reply|did not respond|"
           "did not answer|never got back|not got back|not replied|forgot to|forgotten to|got it wrong|"
           "was late|is late|late with|slow to|took ages|takes ages|takes forever|took forever|"
           "left early|left it|missed|forgot|lost|moaned|moans|complained|grumbled|"
           "could have|should have|ought to have|needs to|need to|must do better|has to do better|"
           "needs to do better|could do better|should know better|ought to know better"),

    *_cues(PRED, ATTACK, CLEAR,
           "worthless|pointless|nonsense|a work of fiction|work of fiction|pure fantasy|fantasy|fiction|"
           "a black hole|black hole|a ghost|ghost|a closed shop|a brick wall|talking to a brick wall|"
           "unwelcoming|off with me|off with us|short with|sharp with|curt with|snippy|snappy|grumpy|moody|"
           "unbelievable|beyond belief|worrying|alarming|concerning|dangerous|reckless|"
           "chaos|chaotic|a circus|a shambles|inadequate|not adequate|substandard|below par|amateurish|"
           "amateur hour|amateur|unprepared|ill prepared|badly designed|badly written|badly organised|"
           "badly run|poorly run|poorly organised|poorly written|badly handled|poorly handled|mishandled|"
           "full of errors|full of mistakes|riddled with errors|riddled with mistakes|littered with errors|"
           "error strewn|useless as|hopeless as|least helpful|most unhelpful|worst|the worst|a let down|"
           "completely wrong|totally wrong|flat wrong|plain wrong|simply wrong|wrong again|wrong as usual|"
           "convenient|very convenient|conveniently|too big for you|too big for her|too big for him|"
           "too much for her|too much for him|too much for them|not her job|not his job|not your job|"
           "not your call|not her call|not his call|not your place|not her place|not his place|"
           "more interested in|a holiday camp|holiday camp|optional|pretending|a disgrace to|"
           "unwilling|uninterested|disinterested|apathetic|complacent|indifferent|entitled|rude again"),

    *_cues(VERB, CAPABILITY, CLEAR,
           "done nothing|did nothing|does nothing|doing nothing|has done nothing|achieved nothing|"
           "can not tell|could not tell|can not reconcile|can not add|can not write|can not read|"
           "can not take a message|can not be trusted|not be trusted|can not follow|could not follow|"
           "will not learn|never learns|does not learn|never listens|does not read|did not read|"
           "did not check|does not check|never checks|never check|not checked|without checking|"
           "did not even|does not even|did not bother to|didnt bother|never picks up|never answers her|"
           "never answers his|never answers the|never returns|never rings back|never calls back|"
           "never in|never here|never about|never seen|nobody has seen|no one has seen|not seen him|"
           "not seen her|spends more time|spent more time|more time on|more time in|sat in the van|"
           "sitting in the van|on his phone|on her phone|get off his phone|get off her phone|"
           "having a laugh|taking the mickey|taking the mick|taking the piss|takes the mick|"
           "acting like|treat councillors like|treats councillors like|treat us like|treats us like|"
           "treat members like|treats members like|think councillors work for|thinks councillors work for|"
           "think we work for|thinks we work for|talked over me|talks over me|talked over|interrupted me|"
           "needs to learn|need to learn|learn some manners|needs to get|should not be handling|"
           "should not be in charge|should not be allowed|should not be trusted|not fit to be|"
           "make the numbers up|made the numbers up|made up the numbers|make it up|making it up|"
           "says whatever|say whatever|tells people|telling people|fibbed|fibbing|fibs|porkies|"
           "double counted|double-counted|copy and paste|copied and pasted|cut and paste|"
           "sent out the wrong|sent the wrong|sends the wrong|sending the wrong|put the wrong|"
           "got the wrong|gave the wrong|given the wrong|wrong date|wrong papers|wrong list|wrong people|"
           "wrong version|wrong figures|wrong address|wrong email|keeps sending|keep sending|"
           "lost the|lost my|lost our|loses the|loses our|mislaid|misplaced|has lost|have lost|"
           "signed off|without getting|without asking|without telling|without consulting|"
           "left off the agenda|left it off|been warned|has been warned|been told|been shown|"
           "has been shown|i have told her|i have told him|i have told you|i told her|i told him|"
           "told her twice|told him twice|told you twice|told her three|told him three|told you three|"
           "asked you|i asked you|asked her three|asked him three|asked you three|"
           "still happening|keeps happening|still waiting|still no|still nothing|still hadn|still had not|"
           "looking into|been looking into|meant to be done|supposed to|was supposed to|were supposed to|"
           "meant to|was meant to|should have spotted|would have spotted|should have noticed|"
           "would have noticed|should have checked|would have checked|should have known|should have known "
           "better|has one job|one job|manages to|somehow manages|can not deputise|can not even|"
           "can not organise|double booked|forgot to book|forgot to send|forgot to order|forgot to tell|"
           "forgot my|forgot our|no idea what|has no idea|not a clue|clueless about"),
    *_cues(VERB, CONDUCT, WEAK,
           "propped open|left on|left open|left unlocked|left down|left out|left lying|dumped|"
           "sent it at|sent it late|sent late|came in late|turned up late|turned up without|turned up with|"
           "off sick again|on holiday again|off again|disappear|disappears|disappeared|vanish|vanishes|"
           "sighing|sighed|rolling her eyes|rolling his eyes|rolled her eyes|rolled his eyes|"
           "for a week|for weeks|for a fortnight|for months|for four months|for three months|for two months|"
           "since february|since january|since march|since april|since may|since june|since july|"
           "since august|since september|since october|since november|since december|since last year|"
           "three weeks ago|weeks ago|months ago|twice now|three times|four times|five times|"
           "a hundred times|third time|fourth time|fifth time|every time|yet again|once again|again"),
    *_cues(VERB, CONDUCT, WEAK,
           "left ... unlocked|left ... open|left ... on all|left ... on again|left ... running|"
           "left ... lying|left ... out|left ... down|left ... on overnight|leaves ... open|leaves ... out|"
           "leaves ... on|sat on ... for|sitting on ... for|sent ... wrong|sends ... wrong|"
           "sent ... before|turned up ... wrong|got ... wrong|gets ... wrong|put ... wrong|told ... before|"
           "sitting on ... since|sat on ... since|sitting on ... for|had ... since|has had ... since|"
           "exposed us to|put us at risk|left us exposed|cost us|cost the council|lost us"),

    # ---- aimed at the person named after them
    *_cues(OBJ, CAPABILITY, CLEAR,
           "sack|get rid of|discipline|no faith in|no faith left in|no confidence in|lost faith in|"
           "lost confidence in|lost all faith in|lost all confidence in|do not trust|can not trust|never trust|"
           "would not trust|question whether|questions whether|doubt whether|fed up with|sick of|sick and tired of|tired of|had enough of|had it with|"
           "disappointed in|disappointed with|disappointed by|let down by|embarrassed by|ashamed of|"
           "appalled by|appalled at|disgusted by|disgusted with|furious with|fuming with|fuming at|"
           "angry with|angry at|livid with|annoyed with|frustrated with|exasperated with|blame|blamed|"
           "still waiting for|still waiting on|god help|heaven help|good luck getting|good luck with|"
           "the problem is|the trouble is|the issue is|the real problem is|the weak link is|"
           "complaint about|complaint against|complain about|complained about|formal complaint about|"
           "something needs to be done about|do something about|rein in|typical of|classic|disappointed that|"
           "appalled that|shocked that|dismayed that|not sure|wonder if|wonder whether|doubt if|"
           "would not trust|wouldnae trust|thanks a lot|thanks a bunch"),

    # ---- anywhere in the sentence with the person
    *_cues(ANY, CONDUCT, STRONG,
           "thanks for nothing|cheers for nothing|thanks for nowt|as useful as a chocolate teapot|"
           "chocolate teapot|could not organise a piss up|could not organise a raffle|"
           "could not run a bath|could not find her way|could not find his way|"
           "what does she actually do|what does he actually do|what do they actually do|"
           "what does she even do|what does he even do|what do they even do|what do we pay|"
           "what are we paying|why are we paying|we pay her|we pay him|we pay them|"
           "do they actually do|does she actually do|does he actually do"),
    *_cues(ANY, CONDUCT, CLEAR,
           "that is a first|thats a first|wonders will never cease|miracles do happen|miracles never cease|"
           "hell has frozen over|mark it in the diary|mark the date|alert the press|stop the press|"
           "pigs might fly|i will believe it when i see it|believe it when i see it"),
    *_cues(ANY, CAPABILITY, CLEAR,
           "actually capable|even capable|how hard can it be|how hard is it|how difficult can it be|"
           "is it too much to ask|is it so hard|is that too much to ask|heads should roll|heads will roll|"
           "why can not|why does she never|why does he never|why do they never|why is it always|"
           "why is she still|why is he still|why are they still|how many times|how long does it take|"
           "what is the point of|whats the point of|the point of a|how does an|how does a|how can an|"
           "how can a|how is that even possible|how is that possible|what were they thinking|"
           "what was she thinking|what was he thinking|what planet|in name only|someone has to say it|"
           "somebody had to say it|someone had to say it|i said it|there i said it|this has to stop|"
           "this cannot carry on|this can not carry on|can not carry on|this needs to stop|enough is enough|"
           "not good enough|not acceptable|unacceptable|mortifying|embarrassing for|embarrassed for|"
           "shows in everything|it shows"),

    # ---- only in a question ("is she up to the job?"): said plainly, these are praise
    *_cues(ASKED, CAPABILITY, CLEAR,
           "capable|capable of|up to the job|up to it|fit for the job|fit for the role|fit for purpose|"
           "know what she is doing|know what he is doing|know what they are doing|have the skills|"
           "has the skills|have the competence|has the competence|qualified|competent|cut out for|"
           "actually do|even do|any good|any use|worth the money|worth what we pay|on top of|impartial|neutral|"
           "honest|telling the truth|even able|even check|check anything|even read|read what|"
           "read anything|look before|doing any work|any work|just pretending|pretending|make the numbers up|"
           "even bother|ever going to|ever going|actually answer|actually reply|know how to|understand"),
]
# fmt: on

# Words that say a criticism is not meant, or not the writer's: "to be fair", "not her fault".
SUPPRESSORS: tuple[str, ...] = tuple(p.strip() for p in (
    "to be fair|in fairness|in her defence|in his defence|in their defence|in fairness to|not fair on|"
    "not fair to|unfair on|unfair to|is unfair|being unfair|very unfair|bit unfair|a bit harsh|too harsh|"
    "not her fault|not his fault|not their fault|not the fault of|no fault of|through no fault|"
    "nothing to do with her|nothing to do with him|nothing to do with them|not to blame|not blame|"
    "stop blaming|do not blame|should not blame|can not blame|leave her alone|leave him alone|"
    "leave them alone|give her a break|give him a break|give them a break|cut her some slack|"
    "cut him some slack|cut them some slack|people are saying|people say|some people say|some say|"
    "someone said|someone told me|rumour|rumours|i heard that|not true|that is nonsense|"
    "would never say|i would not say|not saying|i am not saying|never said|i never said|"
    "nobody is saying|no one is saying|not criticising|not a criticism|not criticism|"
    "should not criticise|must not criticise|never criticise|not criticise|do not criticise|"
    "please do not|let us not|lets not|not in public|protocol|code of conduct|privately|be fair|"
    "keep saying|people keep saying|are saying|hypothetically|if an officer|if a member of staff|"
    "if staff|if the clerk|if someone|suppose|supposing|for example|for instance|nothing wrong|people keep|"
    "defending|in defence of|hate for anyone to think|not because of anything she|not because of anything he|"
    "not because of anything they|fair to blame|that is on us|"
    "was on us|my error|my fault|my mistake|my bad|the error was mine|was mine|hold my hands up|hands up|caught it in time|"
    "thankfully|to her credit|to his credit|to their credit|credit to|i withdraw|withdraw that|"
    "not having her criticised|not having him criticised|not having them criticised|that is not fair|"
    "do not think that is fair|not the office|not the staff|not the clerk|not on the staff|not on the office|"
    "having a pop at|has a pop at|deserve|deserves|"
    "raise it with|raise this with|take it up with|speak to the chair|speak to the clerk|"
    "if anyone thinks|if you think|if we think|if i think|anyone who thinks|whoever said|to whoever|imagine if|what if|"
    "only joking|just joking|jk"
).split("|"))

# Words that make a criticism heavier: "again", "as usual", "yet another".
INTENSIFIERS: frozenset[str] = frozenset(
    "again|usual|always|constantly|every|still|yet|another|typical|typically|seriously|absolutely|utterly|"
    "completely|totally|totes|clearly|obviously|deliberately|repeatedly|continually|ever|once|third|fourth|"
    "overnight|weekend|night|nights|fortnight|"
    "fifth|literally|honestly|frankly|really|so|twice|way|even|whole|months|weeks|again".split("|")
)

# Praise said with a sting: "well done Nadia, another deadline missed".
PRAISE: tuple[str, ...] = tuple(
    "well done|great job|good job|nice one|nice work|great work|fantastic|brilliant|amazing|wonderful|superb|"
    "outstanding|stellar|top job|bravo|genius|impressive|excellent|congratulations|congrats|what a surprise|"
    "shock horror|who knew|colour me surprised|quelle surprise|slow clap|round of applause|take a bow|"
    "award winning|world class|gold star|love it|love that|marvellous|splendid|classic|lovely|lovely to see|"
    "good to see|nice to see|great to see|thank you|thanks|cheers|many thanks|great|good|nice|perfect|"
    "impressive stuff|hats off|kudos|hero|heroic|legend".split("|")
)
# A bad outcome that turns praise into sarcasm.
STING: tuple[str, ...] = tuple(
    "missed|late|lost|forgot|forgotten|wrong|failed|ignored|mess|error|errors|mistake|mistakes|typo|typos|"
    "overdue|only took|only out by|only two days|only three days|only a week|only a month|only a year|"
    "only three weeks|only six weeks|only took him|only took her|after it had passed|"
    "after the deadline|a first|mark it in the diary|hell freezes|miracles|wonders never cease|"
    "out by|took him|took her|took them".split("|")
)

# Words that stand for something other than a person: a cue next to them is about it, not about staff.
THINGS: frozenset[str] = frozenset(
    "decision|decisions|policy|policies|motion|motions|vote|votes|voting|plan|plans|planning|scheme|proposal|"
    "proposals|timetable|weather|rain|bus|buses|train|trains|road|roads|traffic|parking|potholes|pothole|"
    "website|app|system|software|broadband|wifi|internet|phone|phones|printer|computer|heating|boiler|roof|"
    "building|hall|toilets|bins|bin|budget|precept|budgets|agenda|minutes|report|reports|document|documents|"
    "draft|paper|papers|letter|letters|email|emails|form|forms|process|procedure|procedures|rules|rule|law|"
    "legislation|government|ministers|minister|parliament|mp|mps|contractor|contractors|company|firm|"
    "builders|builder|developer|developers|district|county|borough|unitary|police|highways|council|councils|"
    "committee|committees|meeting|meetings|consultation|survey|result|results|outcome|idea|ideas|situation|"
    "news|service|services|it|this|that|these|those|everything|nothing|things|weekend|week|year|month|"
    "day|event|fair|festival|show|match|game|team|club|school|church|pub|shop|shops|residents|resident|"
    "public|people|everyone|everybody|nobody|anyone|someone|somebody|dog|dogs|kids|children|youths|"
    "teenagers|cyclists|drivers|neighbours|neighbour|landlord|tenant|volunteers|volunteer|"
    "grant|grants|scheme|funding|money|cost|costs|price|prices|fees|fee|rates|tax|bill|bills|invoice|"
    "quote|tender|contract|lease|insurance|audit|auditor|auditors|consultant|consultants|lawyers|solicitor|"
    "press|paper|newspaper|media|journalist|journalists|facebook|twitter|post|article|headline|"
    "idea|suggestion|amendment|recommendation|recommendations|approach|strategy|situation|state|"
    "response|reply|answer|turnout|attendance|sound|audio|video|zoom|teams|mic|microphone|camera".split("|")
)
# The people who are never officers: councillors, the chair, the writer.
MEMBER_WORDS: frozenset[str] = frozenset(
    "cllr|cllrs|councillor|councillors|councilor|councilors|member|members|chair|chairman|chairwoman|"
    "chairperson|mayor|deputy mayor|vice chair|i|me|we|us|myself|ourselves|you|yourself|mp|candidate|"
    "opposition|leader|group|party|tories|labour|libdems|greens|independents|reform".split("|")
)
# Fillers that may stand between a name and what is said of it ("X has clearly ...").
FILLERS: frozenset[str] = frozenset(
    "has|have|had|is|are|was|were|be|been|being|will|would|should|could|can|may|might|must|shall|did|does|do|"
    "just|again|still|also|always|clearly|obviously|apparently|really|totally|completely|somehow|once|yet|now|"
    "then|even|actually|basically|literally|seriously|honestly|frankly|simply|utterly|absolutely|so|very|"
    "quite|rather|pretty|bit|a|an|too|getting|got|gets|become|became|becoming|seems|seemed|looks|looked|"
    "sounds|sounded|remains|remained|proved|proving|proven|as|usual|ever|never|not|only|being|genuinely|"
    "truly|entirely|wholly|increasingly|consistently|continually|constantly|repeatedly|frequently|"
    "often|sometimes|today|yesterday|again|already|recently|lately|this|week|morning|afternoon|evening|"
    "year|month|time|once|more|most|all|total|complete|absolute|utter|right|real|proper|such|bit|of|"
    "massive|huge|big|bloody|flipping|effing|damn|darn|fairly|somewhat|kind|sort|incredibly|extremely|"
    "deeply|highly|thoroughly|unbelievably|ridiculously|fundamentally|just|plain|downright|way|openly|"
    "frankly|genuinely|quite|now|here|all|also|openly|visibly|probably|surely|definitely|certainly".split("|")
)
COPULAS: frozenset[str] = frozenset(
    "is|are|was|were|be|been|being|seems|seemed|looks|looked|sounds|sounded|remains|remained|became|become|"
    "becoming|getting|proved|proving|feels|felt".split("|")
)
DETERMINERS: frozenset[str] = frozenset("the|a|an|this|that|these|those|my|your|his|her|its|our|their|some|"
                                        "any|every|each|no".split("|"))
NEGATIONS: frozenset[str] = frozenset("not|never|no|hardly|barely|nobody|nothing|neither|nor|without".split("|"))


# Cue words people misspell ("incompetant", "usless"): matched when one letter off.
MISSPELT: frozenset[str] = frozenset(
    "incompetent|useless|hopeless|pathetic|disgrace|disgraceful|unprofessional|ridiculous|embarrassing|"
    "shambles|shambolic|dishonest|appalling|patronising|condescending|careless|negligent|unacceptable|"
    "incapable|clueless|deliberately|disorganised|unreliable|unhelpful|dismissive|arrogant|obstructive|"
    "disrespectful|aggressive|ignored|ignoring|abysmal|atrocious|laughable|idiot|lazy|rude|liar|lying|"
    "biased|corrupt|sloppy|shoddy|dreadful|terrible|awful|rubbish".split("|")
)


def cue_table(extra: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[tuple[str, str, str, float]]:
    """The cue rows (phrase, kind, mode, weight), with a council's extra words added and ignored ones removed."""
    ignored = {" ".join(w.lower().split()) for w in ignore}
    rows = [row for row in _TABLE if row[0] not in ignored]
    rows += [(" ".join(w.lower().split()), ATTACK, PRED, CLEAR) for w in extra if w.strip()]
    return rows
