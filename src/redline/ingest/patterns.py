"""Line patterns and word lists the cleaner uses, kept in one place (like trafilatura's xpaths).

Patterns describe *kinds* of junk seen across sites (credits, trailers, disclaimers, lead-ins to related
links), not one site's strings. Word lists cover the languages news about one crisis arrives in (English,
German, French, Spanish, Italian, Portuguese, Russian, Ukrainian, Polish, Dutch, Turkish, Arabic), and the
literal machine translations of their stock phrases ("More on the subject", "Read also").

Every pattern here is either anchored at the line's start or free of nested repetition, and the cleaner runs
the unanchored ones only on lines short enough to be junk, so no line costs more than linear time.
"""

from __future__ import annotations

import re

IGNORE = re.IGNORECASE


def _alternation(phrases: str) -> str:
    """A regex alternation of '|'-separated phrases, longest first (so 'read also' wins over 'read')."""
    items = sorted({p.strip() for p in phrases.split("|") if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in items)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


MONTH_NAMES = _alternation(
    # en, de, fr, es, it, pt (full and abbreviated), then ru, uk, pl (the genitive used in dates)
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    "jul|aug|sep|sept|oct|nov|dec|januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|"
    "avril|juin|juillet|août|septembre|octobre|novembre|décembre|janv|févr|avr|juil|déc|enero|febrero|marzo|abril|"
    "mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|abr|ago|dic|gennaio|febbraio|"
    "aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|"
    "outubro|novembro|dezembro|fev|dez|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
    "декабря|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|янв|фев|апр|авг|сен|"
    "окт|ноя|дек|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|stycznia|"
    "lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
)
MONTHS = MONTH_NAMES  # kept under its old name: caption dates use it
WEEKDAYS = _alternation(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|montag|"
    "dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|"
    "martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|segunda|"
    "terça|quarta|quinta|sexta|feira|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
# Labels and small words that go with a date ("Publié le … à 17h42", "21 de diciembre de 2021", "14 января 2022 г.").
DATE_LABELS = _alternation(
    "published|posted|updated|last updated|first published|date|modified|veröffentlicht|aktualisiert|zuletzt "
    "aktualisiert|stand|erstellt|publié|publié le|mis à jour|mis à jour le|modifié|publicado|actualizado|atualizado|"
    "pubblicato|aggiornato|опубликовано|обновлено|дата публикации|opublikowano|aktualizacja|zaktualizowano"
)
DATE_FILLERS = _alternation(
    "at|on|the|of|am|pm|a.m|p.m|time|local|um|uhr|le|à|de|del|el|a las|às|alle|ore|il|г|года|року|roku|o|в|h|"
    "gmt|utc|msk|cet|cest|eet|eest|est|edt|cst|cdt|pst|pdt|ist|jst|kst|hkt|sgt|bst|wib|ict|aest|mez|mesz|moscow"
)
DATE_HINT = re.compile(
    rf"(\b\d{{4}}\b.*\b({MONTH_NAMES})\b|\b({MONTH_NAMES})\b.*\b\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)",
    IGNORE,
)
DATE_LABEL = re.compile(rf"^({DATE_LABELS})\s*(on|at|am|le|el|il|em|в)?\s*[:\-]?\s*", IGNORE)
DATE_WORDS = re.compile(
    rf"\b({MONTH_NAMES}|{WEEKDAYS}|{DATE_LABELS}|{DATE_FILLERS})\b|\b\d{{1,2}}h\d{{2}}\b|[\d:.,/|+\-–()]", IGNORE
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
# Lead-ins to links to other articles, in the languages above and as machine translation renders them. A
# lead-in made of one word ("Related", "Watch") counts only when a separator or the line's end follows it.
LEAD_INS = _alternation(
    # English, and literal translations of other languages' stock phrases
    "read more|read also|also read|read next|see also|also see|related articles|related article|related stories|"
    "related story|related coverage|related content|related news|related topics|related reading|related links|"
    "more on this|more on this story|more on this topic|more on the subject|more on the topic|more on the same "
    "subject|more about this|more from|more stories|more news|you may also like|you might also like|you may also "
    "be interested in|you may be interested in|recommended for you|don't miss|do not miss|further reading|"
    "editor's picks|editor's pick|editors' picks|top stories|latest news|latest stories|in other news|up next|"
    "what to read next|must read|keep reading|also on the topic|on the same topic|also interesting|"
    # German, French, Spanish, Italian, Portuguese
    "lesen sie auch|lesen sie mehr|lesen sie hier|mehr zum thema|zum thema|auch interessant|das könnte sie auch "
    "interessieren|das könnte sie interessieren|weitere artikel|verwandte artikel|verwandte themen|siehe auch|"
    "mehr dazu|à lire aussi|a lire aussi|lire aussi|voir aussi|à voir aussi|sur le même sujet|lire la suite|"
    "articles liés|articles similaires|à lire également|lire également|dans la même rubrique|lee también|"
    "lea también|leer más|lee más|te puede interesar|le puede interesar|también te puede interesar|noticias "
    "relacionadas|temas relacionados|artículos relacionados|ver también|te recomendamos|leggi anche|leggi pure|"
    "potrebbe interessarti|ti potrebbe interessare|articoli correlati|vedi anche|leia também|leia mais|veja "
    "também|saiba mais|notícias relacionadas|confira também|leia ainda|"
    # Russian, Ukrainian, Polish, Dutch, Turkish, Arabic
    "читайте также|читайте еще|читайте ещё|также читайте|смотрите также|по теме|новости по теме|материалы по теме|"
    "ещё по теме|еще по теме|похожие новости|читайте також|дивіться також|за темою|новини за темою|теж читайте|"
    "zobacz też|zobacz także|czytaj także|czytaj też|przeczytaj też|przeczytaj także|czytaj więcej|więcej na ten "
    "temat|lees ook|lees meer|meer over|zie ook|ayrıca okuyun|ilgili haberler|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|"
    "مواضيع ذات صلة|اقرأ المزيد"
)
ONE_WORD_LEAD_INS = _alternation(
    "related|recommended|trending|watch|listen|relacionado|relacionadas|empfehlungen|meistgelesen|approfondimenti|"
    "polecamy|подробнее|рекомендуем|gerelateerd"
)
LEAD_IN = re.compile(
    rf"^[^\w\"'“”„«»‘’]{{0,3}}\s*(?:(?P<multi>{LEAD_INS})|(?P<single>{ONE_WORD_LEAD_INS}))(?=\W|$)"
    r"\s*(?P<sep>[\]\)»›>:：|\-–—•·]*)\s*",
    IGNORE,
)
READ_MORE = LEAD_IN  # the old name
SOURCE_WORDS = _alternation(
    "source|sources|original|original article|via|quelle|quellen|fuente|fuentes|fonte|source originale|источник|"
    "джерело|źródło|kaynak|bron"
)
TRAILER = re.compile(
    rf"^({SOURCE_WORDS}|link|url|tags?|keywords?|categories|category|topics?|filed under|posted in|"
    r"share( this( article| story)?)?|follow us( on)?|comments?|schlagwörter|stichwörter|themen|mots-clés|"
    r"étiquettes|etiquetas|temas|теги|метки|тэги|tagi)\s*[:：]",
    IGNORE,
)
CREDIT_SOURCE = re.compile(rf"^({SOURCE_WORDS})\s*[:：]\s*(.+)$", IGNORE)
HOME_WORDS = re.compile(
    r"^(home|home ?page|start|startseite|accueil|inicio|portada|início|главная|головна|strona główna|anasayfa|"
    r"الرئيسية)$",
    IGNORE,
)
BREADCRUMB_SEPARATOR = re.compile(r"\s+[›»>/|→]\s+|\s*[›»→]\s*")
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
    r"(machine|automatic(ally)?|auto)[- ]?translat|translated (automatically|by machine|with|using|by (google|deepl))|"
    r"translated from \w+( into \w+)? (by|with|using)|\bby deepl\b|google translate|"
    r"^disclaimer\b|not responsible for (the )?(content|accuracy)|solely (those|the responsibility) of the author|"
    r"(first|originally) (published|appeared) (on|in|at|by)|this (article|story|report|content) (was|has been|is) "
    r"(originally |first )?(published|republished|translated|reproduced)|republished (from|with permission))",
    IGNORE,
)
BYLINE = re.compile(r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|\||and|–|-).*)?$")
SIGNATURE = re.compile(r"^--\s*$")  # an e-mail signature delimiter: what follows is not the article
CREDIT_LINE = re.compile(
    r"^\(?(reporting|writing|editing|additional reporting|compiled|edited|translated) by\b", IGNORE
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,30}?(?:/[A-Z][A-Z .'-]{2,30}?)*)"  # GENEVA/JERUSALEM: filed from two places
    r"(?:,\s*(?:[A-Z][a-z]+\.? \d{1,2}|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?))?\s*"  # AUSTIN, Texas
    r"(?:[./]?\s*/(?P<slash>[A-Za-z -]{2,20})/\s*\.?|\((?P<paren>Reuters|AP|AFP|TASS|Sputnik|RIA Novosti|Xinhua|"
    r"Interfax|UNIAN|Ukrinform|IRNA|Anadolu|dpa|DPA|EFE|ANSA|PAP|BelTA)\)|\s*[-–—]{1,2})\s*[-–—]?\s*"
)
BULLET = re.compile(r"^([-•*–·▪►]|\d{1,2}[.)])\s")
BARE_URL = re.compile(r"^(<)?https?://\S+(>)?$", IGNORE)
URL = re.compile(r"https?://[^\s)>\]\"']+", IGNORE)
NAV_SEPARATORS = re.compile(r"[|•·»›>/]")
# How a sentence ends: a stop (any script) or a colon/semicolon, or a closing quote/bracket after a stop. A line
# ending in a bare closing quote ('… a "dead end"') is a headline's way of ending, not a sentence's.
SENTENCE_STOPS = ".!?…。！？．｡।॥؟۔"
TERMINAL = re.compile(rf"[{SENTENCE_STOPS}:;]$|[{SENTENCE_STOPS}][\"”’»)\]'」』】]+$")
# What a headline may start with besides a capital letter or digit: quotes, brackets and currency signs.
HEADLINE_OPENERS = "'‘\"“„«‹‚「『【([¿¡$€£¥₽₴"

STOPWORDS = _wordset(
    "a about after again against all also an and any are as at be been before between but by can could did do does "
    "down during for from further had has have he her here his how i if in into is it its just may might more most "
    "must no not of off on once only or other our out over said says she should so some such than that the their "
    "then there these they this those to under up very was we were what when where which who whom why will with "
    "would you"
)
# Function words of other languages, so a foreign headline is not taken for a run of menu words.
FOREIGN_FUNCTION_WORDS = _wordset(
    "al au auf aux avec che con dans das de del della dem den der des di die du ein eine el en est et für il im ist "
    "la las le les lo los mit nel nicht non par para per por pour que qui se sur un una und une von y zu à в для до "
    "за и из к как на не о от по с у что это"
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
