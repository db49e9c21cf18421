"""Word lists the quote extractor reasons with: speech verbs, role nouns, pronouns, name genders.

Kept apart from the rules so a reader can see (and extend) the vocabulary in one place. Everything is
lower case and compared with spaCy lemmas or lower-cased token text.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word list written as running text (easier to read and extend than a quoted literal per word)."""
    return frozenset(text.split())


# Verbs that report speech when they govern a clause (or sit next to a quotation).
SPEECH_VERBS = _words(
    """
    say tell warn stress emphasize emphasise add note insist recall explain unveil announce claim state declare
    argue assert affirm confirm deny reiterate repeat write tweet comment remark reply respond answer acknowledge
    admit concede caution complain conclude contend maintain mention observe predict pledge vow reveal report
    suggest underline underscore highlight allege hint clarify specify lament boast charge
    promise threaten urge wish continue quip retort counter object protest reassure estimate indicate
    point
    """
)
# Verbs that quote when a quotation sits in their complement ("called the plan “a serious step”").
NAMING_VERBS = frozenset({"call", "describe", "dub", "brand", "label", "term", "characterize", "characterise"})
# Speech verbs that only count with a particle ("pointed out").
PARTICLE_VERBS = {"point": "out"}
# Of these, the ones that mark the quoted clause when it follows as an xcomp rather than a ccomp are none:
# directives ("urged X to leave") are events, not statements.
QUOTING_VERBS = frozenset({"quote", "cite"})  # "X was quoted as saying", "his office quoted him as saying"
# Participles that introduce the audience or occasion of a statement, not its content.
OCCASION_VERBS = frozenset({"speak", "talk", "address", "write", "tweet"})
AUDIENCE_PREPOSITIONS = frozenset({"to", "with"})
AUDIENCE_NOUNS = frozenset({"interview", "conversation", "remarks", "comments", "briefing", "call", "meeting"})

# Documents that speak for their author ("a Pentagon readout noted", "the Kremlin's statement said").
DOCUMENT_NOUNS = _words(
    """
    statement readout report communique communiqué release document letter memo memorandum transcript tweet post
    message notice note declaration announcement bulletin decree resolution summary website account channel
    """
)
# Common nouns that name an organisation ("the ministry said").
ORG_NOUNS = _words(
    """
    ministry government kremlin office department agency administration embassy mission council committee
    parliament army military command headquarters alliance bloc delegation cabinet presidency secretariat
    service company party movement group organisation organization union commission court media outlet
    newspaper broadcaster network television channel station
    """
)

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
ORG_PRONOUNS = frozenset({"it", "its"})
UNRESOLVED_PRONOUNS = frozenset({"they", "them", "we", "us", "i", "me", "you", "one", "someone", "nobody"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Role nouns a nominal speaker can have, and the title words of a named person that license each.
ROLE_LICENSES: dict[str, frozenset[str]] = {
    "president": frozenset({"president"}),
    "leader": frozenset(
        {"president", "premier", "chancellor", "leader", "king", "queen", "emir", "chairman", "head", "prime"}
    ),
    "diplomat": frozenset(
        {
            "diplomat",
            "foreign",
            "ambassador",
            "envoy",
            "delegation",
            "negotiator",
            "representative",
            "secretary",
            "spokeswoman",
            "spokesman",
            "spokesperson",
            "consul",
        }
    ),
    "envoy": frozenset({"envoy", "ambassador", "representative", "diplomat", "delegation", "negotiator"}),
    "ambassador": frozenset({"ambassador", "envoy"}),
    "negotiator": frozenset({"negotiator", "delegation", "envoy", "diplomat"}),
    "minister": frozenset({"minister"}),
    "premier": frozenset({"premier", "prime"}),
    "chancellor": frozenset({"chancellor"}),
    "secretary": frozenset({"secretary"}),
    "spokeswoman": frozenset({"spokeswoman", "spokesperson"}),
    "spokesman": frozenset({"spokesman", "spokesperson"}),
    "spokesperson": frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    "general": frozenset({"general", "commander"}),
    "commander": frozenset({"commander", "general", "chief"}),
    # "the NATO chief" is its Secretary General, "the EU chief" the Commission's president
    "chief": frozenset({"chief", "head", "director", "commander", "chairman", "chairwoman", "secretary", "president"}),
    "head": frozenset({"head", "chief", "director", "chairman", "chairwoman", "secretary", "president"}),
    "director": frozenset({"director", "head", "chief"}),
    "adviser": frozenset({"adviser", "advisor"}),
    "advisor": frozenset({"adviser", "advisor"}),
    "deputy": frozenset({"deputy"}),
    "senator": frozenset({"senator"}),
    "lawmaker": frozenset({"senator", "lawmaker", "congressman", "congresswoman", "mp", "deputy", "legislator"}),
    "governor": frozenset({"governor"}),
    "mayor": frozenset({"mayor"}),
    "king": frozenset({"king"}),
    "queen": frozenset({"queen"}),
    "chairman": frozenset({"chairman", "chair", "head"}),
    "chairwoman": frozenset({"chairwoman", "chair", "head"}),
    "prosecutor": frozenset({"prosecutor"}),
    "judge": frozenset({"judge"}),
    "politician": frozenset(),  # any named person with a role
    "official": frozenset(),
    "statesman": frozenset(),
}
# Nominal heads that license any person who holds some role (``official`` fits a minister and a general).
GENERIC_ROLES = frozenset(noun for noun, licensed in ROLE_LICENSES.items() if not licensed)
# The actor's sector (PLOVER agent code) licenses these role nouns too.
SECTOR_ROLES = {
    "DIP": frozenset({"diplomat", "envoy", "official"}),
    "GOV": frozenset({"official", "politician"}),
    "MIL": frozenset({"general", "commander", "official"}),
}
ROLE_WORDS = frozenset(ROLE_LICENSES) | _words(
    """
    minister secretary spokeswoman spokesman spokesperson ambassador envoy general commander foreign defence defense
    prime vice deputy head chief director adviser advisor senator representative delegate negotiator chairman
    chairwoman premier chancellor president governor mayor colonel admiral marshal lieutenant captain major sergeant
    officer commissioner judge prosecutor attorney speaker mp lawmaker leader king queen prince princess emir sheikh
    pope ayatollah patriarch press aide consul diplomat official officials delegation
    """
)
# Title words that modify a role rather than name one ("Foreign" in "Foreign Minister", "Foreign Ministry").
ROLE_MODIFIERS = frozenset({"foreign", "defence", "defense", "prime", "vice", "deputy", "press", "national"})
TITLE_NOUNS = ROLE_WORDS - ROLE_MODIFIERS
# Words in a title that carry no role (kept out of ``role`` strings).
TITLE_STOPWORDS = frozenset(
    {"top", "senior", "former", "ex", "then", "current", "acting", "new", "longtime", "veteran", "retired", "outgoing"}
)

FEMALE_ROLES = frozenset(
    {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "mrs", "ms", "miss", "madam", "queen", "princess"}
)
MALE_ROLES = frozenset({"spokesman", "chairman", "congressman", "businessman", "mr", "sir", "king", "prince"})

# A small, deliberately common set of given names; unknown names leave the gender open.
FEMALE_NAMES = _words(
    """
    maria mariya marie mary anna ana anne ann elena yelena helena olga natalia natalya tatiana tatyana svetlana
    irina ekaterina yekaterina valentina lyudmila ludmila galina nadezhda oksana yulia julia iryna olena kateryna
    victoria viktoriya viktoria ursula angela annalena kamala hillary nancy condoleezza madeleine jen jennifer
    karine linda liz elizabeth theresa margaret kaja federica christine sanna mette giorgia marine ruth susan sarah
    emily emma catherine kate samantha nikki wendy jill michelle laura lisa karen janet gina avril kristalina
    sophie claire jacinda sahra nicola priti lilia alexandra daria darya marina vera zoya
    """
)
MALE_NAMES = _words(
    """
    sergei sergey vladimir dmitry dmitri dmitriy konstantin alexander aleksandr alexei alexey aleksei andrei andrey
    mikhail nikolai nikolay igor oleg yuri yury boris viktor victor pavel ivan ilya maxim maksim evgeny yevgeny
    anatoly vasily grigory leonid gennady vyacheslav valery volodymyr oleksii oleksiy dmytro petro mykhailo andriy
    ramzan sergiy joe joseph jake antony anthony lloyd mark john james william robert michael david richard thomas
    charles donald barack george bill jens emmanuel olaf boris rishi recep hassan ebrahim ali mohammad mohammed
    narendra naftali benjamin yair jair luiz ned josep frank tony kurt heiko annegret
    steffen viktor andrzej mateusz volker dominic keir jeremy ben nikos kyriakos mario matteo pedro justin scott
    peter paul stephen steven daniel matthew kevin brian jeffrey ryan eric jim bob tom mike dan ted chuck mitch marco
    rand josh adam andrew nick chris lloyd jon jonathan hunter liam olaf rob
    """
)
FEMALE_SURNAME_ENDINGS = ("ova", "eva", "yova", "ina", "aya", "skaya", "tskaya", "kaya")
MALE_SURNAME_ENDINGS = ("ov", "ev", "yov", "in", "sky", "skiy", "skii", "ich", "vich")

# Nationality words that carry no country (they let any candidate through).
GENERIC_PLACES = frozenset({"country", "nation", "state", "its", "their", "local", "national", "foreign", "top"})
DETERMINERS_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
DETERMINERS_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "two", "three"})
# A line "Label: ..." with one of these labels is page furniture, not a headline-style statement.
HEADLINE_LABELS = _words(
    """
    photo photos image images video watch read link links tags tag source sources update updated editor note related
    see also credit credits pictured file caption subscribe follow share advertisement comments topics category
    """
)
# Plural or generic people who speak without a name ("analysts say", "sources said"): unknown speakers.
PEOPLE_NOUNS = _words(
    """
    analyst expert observer critic witness resident source people protester activist journalist reporter
    commentator economist scholar researcher historian lawyer investigator spokespeople representative
    someone anyone person man woman citizen voter soldier fighter rebel separatist survivor villager
    """
)
LOCATIVE_PREPOSITIONS = _words("in at near inside outside within across around toward towards into on from")
