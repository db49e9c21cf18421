"""Line patterns the cleaner uses, kept in one place (like trafilatura's xpaths) so rules read as names.

Patterns describe *kinds* of junk seen across sites (credits, trailers, disclaimers), not one site's strings.
"""

from __future__ import annotations

import re

IGNORE = re.IGNORECASE

MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
)
DATE_HINT = re.compile(
    rf"(\b\d{{4}}\b.*\b({MONTHS})\b|\b({MONTHS})\b.*\b\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)",
    IGNORE,
)
DATE_LABEL = re.compile(
    r"^(published|posted|updated|last updated|date|first published|modified)\s*(on|at)?\s*[:\-]?\s*", IGNORE
)
DATE_WORDS = re.compile(
    rf"\b({MONTHS}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"gmt|utc|msk|cet|cest|est|edt|pst|am|pm|at|on|updated|published|posted|moscow|time|local)\b|[\d:.,/|+\-–()]",
    IGNORE,
)

PHOTO_CREDIT = re.compile(
    r"(\b(photo|photograph|image|picture|pic|video|illustration|footage)s?\s*(by|credit|courtesy|source)?\s*[:©]"
    r"|\((photo|image|picture|file photo|archive photo)s?\b[^)]*\)\s*$"
    r"|\b(photo|image|picture)s?\s+(by|courtesy of)\s+\w"
    r"|©|\(c\)\s*\w|\bgetty images\b|\bshutterstock\b"
    r"|\s/\s*(afp|reuters|ap|epa|sputnik|tass|ria novosti|anadolu|xinhua|getty)\s*$"
    r"|\bfile photo\b|^credit\s*:)",
    IGNORE,
)
READ_MORE = re.compile(
    r"^(read more|read also|also read|see also|related|related articles?|more on this|recommended|more from|"
    r"you may also like|watch|listen|more stories|trending|editor'?s picks?)\b\s*[:\-–—|]?",
    IGNORE,
)
TRAILER = re.compile(
    r"^(link|url|source|sources|original|original article|via|tags?|keywords?|categories|category|topics?|"
    r"filed under|posted in|share( this( article| story)?)?|follow us( on)?|comments?)\s*[:：]",
    IGNORE,
)
SITE_BOILERPLATE = re.compile(
    r"(subscribe (to|for)|sign up (for|to)|newsletter|follow us on|join (us|our) (on )?(telegram|channel)|"
    r"download (our|the) app|click here|cookie|accept all|privacy policy|terms of (use|service)|"
    r"all rights reserved|^advertisement$|^advertising$|^sponsored\b|^share( on)? (facebook|twitter|x|telegram)|"
    r"^(share|tweet|email|print|whatsapp|telegram|facebook|twitter|vk|reddit)(\s*[|/·•,]?\s*"
    r"(share|tweet|email|print|whatsapp|telegram|facebook|twitter|vk|reddit|x))*$|"
    r"^(home|menu|search|log ?in|sign in|register)$|you can share this story on social media|"
    r"if you like this story, share it|^share (this|the) (article|story|post|page)$|"
    r"^follow [\w .]{1,30} on (telegram|twitter|facebook|x|vk|instagram|youtube)|alternate address(es)?|"
    r"can also be accessed at|^loading\W*$|^(watch|listen)( now| live)?$|you are receiving this (e-?mail|newsletter)|"
    r"unsubscribe|manage (your )?(preferences|subscription)|forward this (e-?mail|newsletter))",
    IGNORE,
)
DISCLAIMER = re.compile(
    r"(views?( and opinions)? expressed|opinions? expressed|do(es)? not necessarily (reflect|represent)|"
    r"(machine|automatically|auto)[- ]?translat|translated (automatically|by machine|with|using|by (google|deepl))|"
    r"translated from \w+( into \w+)? (by|with|using)|\bby deepl\b|google translate|"
    r"^disclaimer\b|not responsible for (the )?(content|accuracy)|solely (those|the responsibility) of the author|"
    r"(first|originally) (published|appeared) (on|in|at|by)|this (article|story|report|content) (was|has been|is) "
    r"(originally |first )?(published|republished|translated|reproduced)|republished (from|with permission))",
    IGNORE,
)
BYLINE = re.compile(r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|\||and|–|-).*)?$")
SIGNATURE = re.compile(r"^--\s*$")  # an e-mail signature delimiter: what follows is not the article
# Function words of other languages, so a foreign headline is not taken for a run of menu words.
FOREIGN_FUNCTION_WORDS = frozenset(
    [
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "un",
        "une",
        "et",
        "à",
        "au",
        "aux",
        "en",
        "pour",
        "sur",
        "avec",
        "dans",
        "par",
        "est",
        "que",
        "qui",
        "der",
        "die",
        "das",
        "und",
        "von",
        "mit",
        "für",
        "auf",
        "ist",
        "ein",
        "eine",
        "zu",
        "im",
        "den",
        "dem",
        "des",
        "nicht",
        "el",
        "los",
        "las",
        "y",
        "del",
        "por",
        "con",
        "para",
        "una",
        "al",
        "lo",
        "se",
        "в",
        "и",
        "на",
        "с",
        "не",
        "что",
        "по",
        "к",
        "о",
        "из",
        "за",
        "для",
        "от",
        "до",
        "у",
        "как",
        "это",
        "il",
        "di",
        "che",
        "per",
        "non",
        "della",
        "nel",
    ]
)
CREDIT_LINE = re.compile(
    r"^\(?(reporting|writing|editing|additional reporting|compiled|edited|translated) by\b", IGNORE
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,30}?)(?:,\s*(?:[A-Z][a-z]+\.? \d{1,2}|\d{1,2} [A-Z][a-z]+))?\s*"
    r"(?:[./]?\s*/(?P<slash>[A-Za-z -]{2,20})/\s*\.?|\((?P<paren>Reuters|AP|AFP|TASS|Sputnik|RIA Novosti|Xinhua|"
    r"Interfax|UNIAN|Ukrinform|IRNA|Anadolu|dpa|DPA|EFE|ANSA|PAP|BelTA)\)|\s*[-–—]{1,2})\s*[-–—]?\s*"
)
BULLET = re.compile(r"^([-•*–·▪►]|\d{1,2}[.)])\s")
BARE_URL = re.compile(r"^(<)?https?://\S+(>)?$", IGNORE)
URL = re.compile(r"https?://[^\s)>\]\"']+", IGNORE)
NAV_SEPARATORS = re.compile(r"[|•·»›>/]")
TERMINAL = re.compile(r"[.!?…\"”’»)\]':;]$|[.!?][\"”’»)]+$")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "if",
        "than",
        "then",
        "so",
        "such",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "more",
        "most",
        "other",
        "into",
        "over",
        "after",
        "before",
        "about",
        "against",
        "between",
        "during",
        "under",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "there",
        "here",
        "very",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "also",
        "just",
        "only",
        "said",
        "says",
    ]
)

# Possessives and negative contractions a bad scraper dropped the apostrophe from.
CONTRACTIONS = {
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "doesnt": "doesn't",
    "dont": "don't",
    "didnt": "didn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "mustnt": "mustn't",
    "wont": "won't",
    "cant": "can't",
    "theyre": "they're",
    "youre": "you're",
    "weve": "we've",
    "theyve": "they've",
}
