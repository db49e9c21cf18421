"""The columns of the analyst's event table, each with its type, meaning and an example: the one source of the
codebook (``docs/codebook.md``, ``redline export --codebook``) and of the Parquet schema, so the documentation
cannot describe a column the export does not write, nor miss one it does.

The table has two shapes. ``event``: one row per event, its actors and recipients as lists. ``dyadic``: one row
per actor → recipient pair, as GDELT's Actor1/Actor2 and ICEWS's Source/Target columns do, each side a scalar.
"""

from __future__ import annotations

from dataclasses import dataclass

SHAPES = ("event", "dyadic")
FORMATS = ("jsonl", "csv", "parquet")
LIST_SEPARATOR = ";"

# kind -> (JSONL, CSV, Parquet) representation, for the codebook's legend
KINDS = {
    "string": ("string or null", "text (empty when null)", "string"),
    "date": ('"YYYY-MM-DD" or null', "YYYY-MM-DD (empty when null)", "date32"),
    "int": ("integer", "integer", "int64"),
    "float": ("number or null", "decimal (empty when null)", "float64"),
    "bool": ("true / false", "True / False", "bool"),
    "list<string>": ("array of strings", f'values joined by "{LIST_SEPARATOR}"', "list<string>"),
    "list<report>": ("array of objects", "not written (see the flat columns)", "list<struct>"),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the event table: what it holds, in which shapes and formats it appears, and an example."""

    name: str
    kind: str
    meaning: str
    example: str
    shapes: tuple[str, ...] = SHAPES
    formats: tuple[str, ...] = FORMATS


def _side(side: str, gdelt: str, icews: str) -> list[Column]:
    """The columns of one side (actor or recipient): lists in the event shape, scalars in the dyadic one."""
    role = "who acts" if side == "actor" else "whom the act is aimed at"
    example_name, example_country = ("Sergei Ryabkov", "RUS") if side == "actor" else ("NATO", "NATO")
    return [
        Column(
            f"{side}_names",
            "list<string>",
            f"Names of the {side}s ({role}); the mention as written when the knowledge base does not know it.",
            f'["{example_name}"]',
            shapes=("event",),
        ),
        Column(
            f"{side}_countries",
            "list<string>",
            f"Distinct country codes of the {side}s: ISO 3166 alpha-3, or an organisation code (NATO, EU, UN, ...).",
            f'["{example_country}"]',
            shapes=("event",),
        ),
        Column(
            f"{side}_sectors",
            "list<string>",
            f"Distinct PLOVER sector codes of the {side}s (GOV, MIL, DIP, ...).",
            '["GOV"]',
            shapes=("event",),
        ),
        Column(
            f"{side}_name",
            "string",
            f"This row's {side} ({gdelt}Name, ICEWS {icews} Name); null when the event names none.",
            example_name,
            shapes=("dyadic",),
        ),
        Column(
            f"{side}_country",
            "string",
            f"This row's {side}'s ISO 3166 alpha-3 or organisation code ({gdelt}CountryCode, ICEWS {icews} Country).",
            example_country,
            shapes=("dyadic",),
        ),
        Column(
            f"{side}_sector",
            "string",
            f"This row's {side}'s PLOVER sector code ({gdelt}Type1Code, ICEWS {icews} Sectors).",
            "GOV",
            shapes=("dyadic",),
        ),
    ]


COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id", "string", "Redline's stable event id (GDELT GLOBALEVENTID, ICEWS Event ID).", "ev_87d2b421b5b5c167"
    ),
    Column(
        "dyad_index",
        "int",
        "Position of this actor → recipient pair within its event, from 0: (event_id, dyad_index) is the row's key.",
        "0",
        shapes=("dyadic",),
    ),
    Column(
        "event_date", "date", "Day the act took place (SQLDATE, ICEWS Event Date); first day of a range.", "2021-12-17"
    ),
    Column(
        "event_date_end",
        "date",
        "Last day when the text dates the act to a range ('last week'), else null.",
        "2021-12-19",
    ),
    Column(
        "publication_date",
        "date",
        "Earliest publication day among the articles reporting the event (GDELT DATEADDED); null when none is dated.",
        "2021-12-17",
    ),
    Column("event_type", "string", "PLOVER event type.", "AGREE"),
    Column("mode", "string", "PLOVER mode of the event type, null when none applies.", "troops"),
    Column(
        "modality",
        "string",
        "How the text presents the act: asserted, negated, hypothetical, future or claimed.",
        "asserted",
    ),
    Column("negated", "bool", "The text says the act did not (or will not) happen.", "False"),
    Column("hypothetical", "bool", "The act is conditional ('if NATO deploys ...').", "False"),
    Column("future", "bool", "The act is announced or planned, not yet done ('will', 'plans to').", "False"),
    Column("claimed", "bool", "A party other than the actor's side says the act happened.", "False"),
    Column("reciprocal", "bool", "A mutual act, also exported in the other direction as its own event.", "False"),
    Column("cameo_code", "string", "CAMEO event code (GDELT EventCode, ICEWS CAMEO Code).", "036"),
    Column("cameo_root", "string", "Two-digit CAMEO root code (GDELT EventRootCode).", "03"),
    Column("goldstein", "float", "Goldstein conflict–cooperation score of the CAMEO code, −10…+10.", "4.0"),
    Column(
        "quad_class",
        "int",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict (GDELT QuadClass).",
        "1",
    ),
    Column("intensity", "float", "PLOVER intensity of the act, −10 (most hostile) … +10 (most cooperative).", "4.0"),
    *_side("actor", "Actor1", "Source"),
    *_side("recipient", "Actor2", "Target"),
    Column(
        "place_country",
        "string",
        "Where the act took place: ISO 3166 alpha-3 (GDELT ActionGeo_CountryCode); null when the text does not say.",
        "CHE",
    ),
    Column(
        "place_name",
        "string",
        "Name of the place (GDELT ActionGeo_FullName): the GeoNames name of the city or country the text names "
        "('Kyiv' for 'Kiev'), or the name as listed for a region the cities data lacks; null when none.",
        "Geneva",
    ),
    Column(
        "place_feature",
        "string",
        "What the place is (GDELT ActionGeo_Type, in words): city, country (its point is the capital's) or region "
        "(no coordinates); null when there is no place.",
        "city",
    ),
    Column(
        "place_lat",
        "float",
        "Latitude of the place in decimal degrees, WGS84 (GDELT ActionGeo_Lat), from GeoNames; null when unknown.",
        "46.20222",
    ),
    Column(
        "place_lon",
        "float",
        "Longitude of the place in decimal degrees, WGS84 (GDELT ActionGeo_Long), from GeoNames; null when unknown.",
        "6.14569",
    ),
    Column("confidence", "float", "The coder's confidence in the event, 0…1.", "0.85"),
    Column("report_count", "int", "How many reports (article sentences) the event merges (GDELT NumArticles).", "2"),
    Column(
        "outlet_count",
        "int",
        "How many distinct named outlets reported the event (GDELT NumSources); 0 when none is named.",
        "2",
    ),
    Column(
        "outlets",
        "list<string>",
        "Distinct outlets of the reporting articles, in report order.",
        '["baltic-monitor.com", "mitteleuropa-rundschau.de"]',
    ),
    Column(
        "urls",
        "list<string>",
        "Distinct URLs of the reporting articles, in report order (GDELT SOURCEURL).",
        '["https://www.baltic-monitor.com/security/2021/12/17/russia-draft-treaties-nato-enlargement"]',
    ),
    Column(
        "article_ids",
        "list<string>",
        "Distinct Redline ids of the reporting articles (`redline show ID` prints one).",
        '["2aa78f7e6837e3f8", "9b28ee04846812a1"]',
    ),
    Column(
        "headline",
        "string",
        "Title of the article the event was first coded from (its first report's when that one is unknown).",
        "Russia publishes draft treaties demanding halt to NATO enlargement",
    ),
    Column(
        "story_id",
        "string",
        "The story (cluster of articles about one real-world event) the event belongs to.",
        "story-f0cce1fd4992",
    ),
    Column(
        "evidence",
        "string",
        "The sentence the event was coded from (its first report's).",
        "Deputy Foreign Minister Sergei Ryabkov told reporters that Moscow was ready to start negotiations ...",
    ),
    Column(
        "reports",
        "list<report>",
        "Every report of the event: article_id, outlet, url, headline, publication_date (date), event_date (date "
        "as this report gives it) and sentence. Not in CSV, whose flat columns above carry the same articles.",
        '[{"article_id": "2aa78f7e6837e3f8", "outlet": "baltic-monitor.com", ...}]',
        formats=("jsonl", "parquet"),
    ),
)


def table_columns(shape: str = "event", fmt: str = "jsonl") -> list[Column]:
    """The columns a table of this shape has in this format, in order.

    :raises ValueError: an unknown shape or format
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose one of {', '.join(SHAPES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return [column for column in COLUMNS if shape in column.shapes and fmt in column.formats]
