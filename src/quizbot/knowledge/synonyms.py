"""The small synonym tables: phrases that name one thing, and words a learner swaps."""

from __future__ import annotations

from collections.abc import Iterable

from quizbot.knowledge.words import normalise, split_words, stem

# Each group names one thing. Any of its phrases, in a fact or a question, stands
# for the whole group (a "concept"), so "work from home" finds "working remotely".
CONCEPTS: dict[str, tuple[str, ...]] = {
    "remote-work": (
        "work from home",
        "working from home",
        "works from home",
        "worked from home",
        "wfh",
        "remote work",
        "remote working",
        "remote worker",
        "working remotely",
        "work remotely",
        "worked remotely",
        "telework",
        "teleworking",
        "teleworker",
        "telecommute",
        "telecommuting",
        "home office",
        "home working",
        "remote office",
    ),
    "telemedicine": (
        "telemedicine",
        "tele-medicine",
        "online medicine",
        "online medical",
        "online healthcare",
        "online health care",
        "online health",
        "telehealth",
        "e-health",
        "ehealth",
        "internet hospital",
        "online hospital",
        "online doctor",
        "doctor online",
        "doctors online",
        "medical services online",
        "medical care online",
        "remote medical",
        "remote medicine",
        "remote consultation",
        "online consultation",
        "medical consultation online",
        "digital health",
        "digital healthcare",
    ),
    "online-education": (
        "online education",
        "online learning",
        "online class",
        "online classes",
        "online school",
        "online schooling",
        "online course",
        "online study",
        "study online",
        "studying online",
        "learn online",
        "learning online",
        "students online",
        "online teaching",
        "e-learning",
        "elearning",
        "distance learning",
        "distance education",
        "remote learning",
        "remote education",
        "remote school",
        "internet education",
        "digital education",
    ),
    "penetration": (
        "penetration rate",
        "internet penetration",
        "internet penetration rate",
        "penetration",
        "internet coverage rate",
        "share of people online",
        "percentage of people online",
        "share of the population",
        "proportion of the population",
        "percentage of the population",
        "percent of the population",
        "population online",
        "population is online",
        "population use the internet",
        "population uses the internet",
        "proportion online",
    ),
    "ecommerce": (
        "e-commerce",
        "ecommerce",
        "e commerce",
        "online shopping",
        "shopping online",
        "shop online",
        "online shop",
        "online store",
        "online retail",
        "online sales",
        "buy online",
        "buying online",
        "internet shopping",
        "online purchase",
    ),
    "livestream": (
        "live streaming",
        "livestreaming",
        "live-streaming",
        "livestream",
        "live stream",
        "live-stream",
        "livestreamer",
        "streaming sales",
        "live broadcast",
        "live commerce",
        "live selling",
    ),
    "health-code": (
        "health code",
        "health qr code",
        "qr code",
        "qr health code",
        "health app",
        "green code",
        "health pass",
        "color code",
        "colour code",
        "color-based health code",
    ),
    "netizen": (
        "netizen",
        "netizens",
        "internet user",
        "internet users",
        "web user",
        "online user",
        "online population",
        "internet population",
        "people online",
        "people on the internet",
        "people using the internet",
        "people who use the internet",
        "people use the internet",
        "use the internet",
        "using the internet",
        "internet usage",
        "internet use",
    ),
    "participate": (
        "participate",
        "participated",
        "participating",
        "participation",
        "participant",
        "take part",
        "took part",
        "taking part",
        "takes part",
        "taken part",
        "join in",
        "joined in",
    ),
    "cnnic": (
        "cnnic",
        "china internet network information center",
        "china internet network information centre",
        "internet network information center",
        "internet network information centre",
    ),
    "free-movement": (
        "free movement",
        "move freely",
        "moves freely",
        "moving freely",
        "moved freely",
        "travel freely",
        "travelling freely",
        "freedom of movement",
        "free to move",
    ),
    "editor-in-chief": ("editor-in-chief", "editor in chief", "chief editor", "editorinchief"),
    "wechat-work": ("wechat work", "wecom", "wechatwork", "wechat for work"),
    "fibre": (
        "optical fiber",
        "optical fibre",
        "fiber optic",
        "fibre optic",
        "fiber",
        "fibre",
        "fibre broadband",
        "fiber broadband",
        "broadband",
    ),
    "ai": ("ai", "artificial intelligence"),
    "big-data": ("big data", "bigdata"),
    "takeout": ("takeout", "take-out", "takeaway", "take-away", "food delivery"),
    "poverty-alleviation": (
        "poverty alleviation",
        "alleviate poverty",
        "alleviating poverty",
        "poverty reduction",
        "reduce poverty",
        "anti-poverty",
        "antipoverty",
        "eradicate poverty",
        "end poverty",
        "fight poverty",
        "fight against poverty",
    ),
    "covid": (
        "covid",
        "covid-19",
        "covid19",
        "coronavirus",
        "corona",
        "pandemic",
        "epidemic",
        "virus",
        "sars-cov-2",
    ),
    "4g": ("4g", "4 g", "fourth generation"),
    "5g": ("5g", "5 g", "fifth generation"),
    "percent": ("percent", "per cent", "percentage", "pct"),
    "asean": ("asean", "association of southeast asian nations", "southeast asia"),
}

# Words a learner swaps for the word a fact uses; a match through one of these
# counts a little less than the word itself.
RELATED: tuple[tuple[str, ...], ...] = (
    (
        "user",
        "users",
        "people",
        "ppl",
        "person",
        "persons",
        "individual",
        "individuals",
        "citizen",
        "citizens",
    ),
    (
        "school",
        "schools",
        "education",
        "educational",
        "student",
        "students",
        "pupil",
        "pupils",
        "classroom",
        "classrooms",
        "teaching",
        "study",
        "studying",
        "learn",
        "learning",
    ),
    ("poor", "poorer", "poorest", "poverty", "impoverished", "needy", "deprived", "low-income"),
    ("village", "villages", "rural", "countryside", "countrysides", "farmland"),
    (
        "medical",
        "medicine",
        "healthcare",
        "health care",
        "doctor",
        "doctors",
        "hospital",
        "hospitals",
        "clinic",
    ),
    ("farm", "farmer", "farmers", "agricultural", "agriculture", "produce"),
    (
        "enterprise",
        "enterprises",
        "company",
        "companies",
        "business",
        "businesses",
        "firm",
        "firms",
        "employer",
    ),
    ("app", "apps", "application", "applications"),
    ("register", "registered", "registration", "signed up", "sign up", "enrolled"),
    ("donation", "donations", "donate", "donated", "charity"),
    ("purchase", "purchases", "buy", "bought", "buying"),
    (
        "connect",
        "connected",
        "connection",
        "connections",
        "access",
        "online",
        "coverage",
        "covered",
    ),
    ("county", "counties", "district"),
    ("city", "cities", "urban"),
    ("report", "survey"),
    (
        "grow",
        "grew",
        "growth",
        "increase",
        "increased",
        "rise",
        "rose",
        "surge",
        "add",
        "added",
        "new",
        "gain",
        "gained",
    ),
    ("number", "count", "total", "amount"),
    ("editor", "journalist", "reporter", "writer", "author", "wrote"),
    ("director", "head", "chief", "leader", "boss"),
    ("year", "years", "annual", "annually", "yearly"),
    (
        "since",
        "first",
        "start",
        "started",
        "starts",
        "begin",
        "began",
        "begun",
        "beginning",
        "launch",
        "launched",
        "founded",
        "established",
        "inception",
    ),
    ("often", "frequently", "frequency", "twice", "annually", "yearly", "regularly"),
    ("month", "months", "monthly"),
    ("mobile", "phone", "phones", "smartphone", "smartphones", "cellphone"),
    ("internet", "web", "net", "online"),
    # Irregular verb forms the stemmer cannot join.
    ("take", "took", "taken", "taking"),
    ("write", "wrote", "written", "writing", "writer"),
    ("say", "said", "says"),
    ("give", "gave", "given"),
    ("photo", "photograph", "picture", "image"),
)


def stem_phrase(phrase: str) -> tuple[str, ...]:
    """A phrase as the stems the index uses (hyphenated words joined, as in the facts)."""
    return tuple(stem(w.replace("-", "")) for w in split_words(normalise(phrase)))


def concept_phrases() -> dict[tuple[str, ...], str]:
    """Every concept phrase, stemmed, to its concept token."""
    table: dict[tuple[str, ...], str] = {}
    for name, phrases in CONCEPTS.items():
        for phrase in phrases:
            key = stem_phrase(phrase)
            if key:
                table.setdefault(key, "~" + name)
    return table


def related_stems() -> dict[str, frozenset[str]]:
    """Each single-word stem of RELATED to the other stems of its groups."""
    table: dict[str, set[str]] = {}
    for group in RELATED:
        stems = {s[0] for s in (stem_phrase(p) for p in group) if len(s) == 1}
        for s in stems:
            table.setdefault(s, set()).update(stems - {s})
    return {k: frozenset(v) for k, v in table.items()}


def surface_words(groups: Iterable[Iterable[str]]) -> set[str]:
    """The plain words of the tables, so that typos of them can be mended."""
    out: set[str] = set()
    for group in groups:
        for phrase in group:
            out.update(w.replace("-", "") for w in split_words(normalise(phrase)))
    return out


ALL_SURFACE: frozenset[str] = frozenset(
    surface_words(list(CONCEPTS.values()) + [list(g) for g in RELATED])
)
