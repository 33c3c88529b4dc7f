"""Trafilatura settings + light post-processing variants for news main text (draft).

Self-contained on purpose (stdlib + trafilatura only) so that ``extract_variant``,
``clean_text`` and the post-processors can move into ``storyline/ingest`` unchanged.

Post-processing works on trafilatura's plain-text output, one line per paragraph /
list item / table row, and only ever *removes whole lines*; every rule is limited
to short lines so that a real paragraph is never dropped for a stray keyword:

* ``title``   - the leading headline when it repeats the page title (the title is
                metadata; a dossier stores it separately);
* ``boiler``  - widget and teaser lines: ads labels, share/follow bars, comment
                counters, "Related:/Read more:/Lesen Sie auch:" teasers (and the
                bullet list right after them), newsletter/subscription/app prompts,
                image credits, cookie notices, reading-time and "Updated:" lines;
* ``credits`` - reporter credits and contact lines ("Reporting by ...; Editing by
                ...", "X contributed to this report", "Write to X at x@y.com", bare
                URLs, "Source: ..." and agency sign-offs like "dpa/afp").

Phrase lists are generic (EN, DE, plus common FR/ES/IT/PL/PT teaser labels), not
copied from the evaluation sets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- helpers

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[\s\-–—•*·»›>|]+")
_EDGE_PUNCT = " \t:.!?…»›>|-–—()[]{}\"'“”‘’„"


def _words(line: str) -> int:
    return len(line.split())


def _key(line: str) -> str:
    """Line as a lookup key: no bullets/brackets/edge punctuation, casefolded."""
    s = _BULLET.sub("", line).strip(_EDGE_PUNCT)
    return re.sub(r"\s+", " ", s).casefold()


def _body(line: str) -> str:
    """Line without leading bullets or opening brackets, casefolded."""
    return re.sub(r"^[\s\-–—•*·»›>|(\[]+", "", line).casefold()


def _alt(phrases: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))


# --------------------------------------------------------------------------- boilerplate

# lines that are nothing but one of these labels (after _key), "|"-separated
_LABEL_TABLE = """
advertisement|advertisements|ad|ads|sponsored|sponsored content|paid content
story continues below advertisement|continue reading below advertisement
advertisement - continue reading below|skip advert|advert
share|share this|share this article|share this story|share on facebook|share on twitter
tweet|email|e-mail|print|print article|print this article|order reprints|reprints
comments|view comments|show comments|leave a comment|add a comment|post a comment|comment
tags|topics|related|related articles|related stories|related content|related posts
related coverage|related links|more on this|more stories|more from this author
recommended|recommended for you|recommended stories|you may also like|you might also like
you may be interested in|most read|most popular|most viewed|trending|trending now
don't miss|don’t miss|explore further|read more|see more|continue reading|keep reading
sign up|subscribe|thanks for signing up|back to top|loading|image|photo|close|enlarge
anzeige|werbung|teilen|teilen mit|artikel teilen|drucken|kommentare|keine kommentare
kommentieren|kommentar schreiben|mehr zum thema|weitere artikel|mehr artikel
das könnte sie auch interessieren|das könnte dich auch interessieren|auch interessant
lesen sie auch|lies auch|schon gelesen|zum thema|weiterlesen|mehr lesen|wird geladen
bewerten|themen|schlagworte|schlagwörter|newsletter|zum newsletter anmelden
jetzt abonnieren|empfohlene beiträge|empfohlene artikel|verwandte artikel|ähnliche artikel
beliebte artikel|meistgelesen|meist gelesen|meistgelesene artikel|mehr themen|weitere themen
top-themen|top themen|bild anzeigen|bild vergrößern|foto anzeigen|zur startseite
publicité|à lire aussi|lire aussi|sur le même sujet|à voir aussi
publicidad|lea también|vea también|le puede interesar|te puede interesar
notas relacionadas|contenido relacionado|noticias relacionadas|temas
pubblicità|leggi anche|reklama|czytaj też|czytaj także|zobacz też|zobacz także|polecamy
leia também|publicidade|veja também
"""
LABELS = frozenset(x.strip() for x in _LABEL_TABLE.replace("\n", "|").split("|") if x.strip())

# teaser prefixes: "<phrase>: <linked headline>" (also "[Related: ...]", "READ MORE - ...")
TEASER_PREFIXES = (
    "related",
    "related post",
    "related story",
    "related article",
    "read more",
    "read also",
    "read",
    "see also",
    "see more",
    "also read",
    "more",
    "don't miss",
    "don’t miss",
    "watch",
    "listen",
    "recommended",
    "further reading",
    "popular",
    "trending",
    "also see",
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie",
    "auch lesen",
    "mehr zum thema",
    "mehr dazu",
    "siehe auch",
    "weiterlesen",
    "das könnte sie auch interessieren",
    "auch interessant",
    "zum thema",
    "weitere artikel zum thema",
    "lies auch",
    "lies mehr",
    "ebenfalls interessant",
    "mehr themen",
    "zum weiterlesen",
    "passend zum thema",
    "empfehlung der redaktion",
    "lea también",
    "lea más",
    "lea",
    "vea también",
    "vea",
    "mira",
    "mire",
    "puedes ver",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "lee también",
    "leer más",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "à voir aussi",
    "leggi anche",
    "vedi anche",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "przeczytaj też",
    "przeczytaj także",
    "leia também",
    "leia mais",
    "veja também",
)
_TEASER = re.compile(rf"^(?:{_alt(TEASER_PREFIXES)})\s*(?::|\s[-–—|»›]\s|\.\.\.|…)")
# tabloid teaser tags: "Headline [VIDEO]", "Headline [INSIGHT]|"
_TAG_TEASER = re.compile(
    r"\[(?:insight|video|news|reaction|reveal|pics|pictures|poll|analysis|latest|update|"
    r"warning|exclusive|comment|live|gallery|photos|quiz)\]\s*\|?\s*$",
    re.I,
)

_SUBSCRIBE = [
    re.compile(r"^(?:click here to |please |now )?(?:sign up|subscribe|register now|join now)\b"),
    re.compile(r"\bnewsletters?\b.*\b(?:sign|subscrib|inbox|deliver|get |receive|free)"),
    re.compile(r"\b(?:sign|subscrib)\w*\b.*\bnewsletters?\b"),
    re.compile(r"thanks? (?:you )?for (?:signing up|subscribing)"),
    re.compile(
        r"\b(?:to (?:view|read) the full (?:story|article)|for the full story"
        r"|to continue reading|already a subscriber|subscribe now|subscribers only"
        r"|log ?in for (?:immediate|full) access|error processing your subscription)\b"
    ),
    re.compile(r"\bnewsletter\b.*\b(?:abonnier|anmeld|bestell|erhalten|registrier)"),
    re.compile(r"\b(?:abonnier|anmeld|bestell)\w*\b.*\bnewsletter"),
    re.compile(r"\b(?:jetzt|hier) (?:abonnieren|anmelden|registrieren)\b"),
    re.compile(r"\bsie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)\b"),
    re.compile(
        r"^(?:click here to |)(?:download|get|install|holen sie sich|laden sie)\b"
        r".{0,60}\bapps?\b(?! to\b)"
    ),
]
_SOCIAL = [
    re.compile(
        r"^(?:follow|folgen sie|folge|síguenos|siguenos|suivez|seguici|obserwuj)\b.*"
        r"(?:twitter|facebook|instagram|youtube|linkedin|telegram|tiktok|whatsapp|@\w)"
    ),
    re.compile(
        r"^(?:share|teilen|partager|compartir|condividi|udostępnij)\s+"
        r"(?:this|it|on|mit|auf|via|sur|en|su|w)\b"
    ),
    re.compile(r"\bshare (?:it|this)(?: story| article)? with (?:a|your) friends?\b"),
    re.compile(r"click to tweet\s*$"),
]
_CREDIT_IMAGE = [
    re.compile(
        r"^(?:photo|photos|foto|fotos|bild|bilder|image|images|picture|pictures|credit|"
        r"credits|crédits?(?: photos?)?|photo credit|image credit|bildquelle|titelbild|"
        r"beitragsbild|fotocredit|fotonachweis|bildnachweis|copyright|illustration|"
        r"grafik|quelle bild)\s*[:©]"
    ),
    re.compile(r"^(?:©|\(c\)|copyright\b)"),
    re.compile(
        r"^\(?[\w .,/&'’-]{0,40}\b(?:getty images|afp|dpa|reuters|ap photo|"
        r"associated press|imago|epa|shutterstock|istock(?:photo)?|keystone|picture "
        r"alliance|xinhua)\b[\w .,/&'’()-]{0,40}$"
    ),
]
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:use|uses|using|accept|consent|akzeptier|verwende|"
    r"einsatz|nutz|zustimm|einverstanden|datenschutz|privacy|utilis|usamos)"
)
_META = [
    re.compile(
        r"^(?:updated|published|posted|last (?:updated|modified)|aktualisiert|"
        r"veröffentlicht|stand|letzte änderung|erstellt|publicado|actualizado|publié|"
        r"mis à jour|pubblicato|aggiornato|opublikowano)\b[^\n]{0,40}\d"
    ),
    re.compile(
        r"\b(?:reading time|read time|lesezeit|lesedauer|tempo de leitura|"
        r"temps de lecture|tiempo de lectura|czas czytania)\b"
    ),
    re.compile(r"^\d+\s*(?:min|mins|minutes?|minuten|minutos)\.?\s*(?:read|lesezeit|lesen)?$"),
    re.compile(r"^\d+\s*(?:comments?|kommentare?|commentaires?|comentarios?|komentarz\w*)$"),
]


def is_boilerplate_line(line: str) -> bool:
    """True for a short widget / teaser / prompt / credit line (see module doc)."""
    n = _words(line)
    if n == 0 or n > 40:
        return False
    key = _key(line)
    if not key:
        return False
    if key in LABELS and not re.search(r"[{}=;<>]", line):
        return True
    body = _body(line)
    if n <= 30 and (_TEASER.search(body) or _TAG_TEASER.search(line)):
        return True
    if n <= 30 and any(p.search(body) for p in _SUBSCRIBE):
        return True
    if n <= 30 and any(p.search(body) for p in _SOCIAL):
        return True
    if n <= 12 and any(p.search(body) for p in _CREDIT_IMAGE):
        return True
    if _COOKIE.search(body):
        return True
    return n <= 12 and any(p.search(body) for p in _META)


def _is_bullet(line: str) -> bool:
    return bool(re.match(r"^\s*[-•*·]\s", line)) and _words(line) <= 30


def drop_boilerplate_lines(text: str) -> str:
    """Remove boilerplate lines, plus a bullet list that directly follows a removed
    teaser/label line (a "Related:" block)."""
    out: list[str] = []
    after_removed = False
    for line in text.split("\n"):
        if is_boilerplate_line(line):
            after_removed = True
            continue
        if after_removed and _is_bullet(line):
            continue
        after_removed = False
        out.append(line)
    return "\n".join(out).strip("\n")


# --------------------------------------------------------------------------- credits

_CREDITS = [
    re.compile(
        r"^\(?(?:reporting|additional reporting|writing|editing|edited|compiled|"
        r"translated|research|graphics|produced) by\b"
    ),
    re.compile(r"\bcontributed (?:reporting|to this (?:report|story|article))\b"),
    re.compile(r"^(?:write to|email|e-mail|contact|reach|kontakt:?)\b.{0,120}@"),
    re.compile(r"^(?:source|sources|quelle|quellen|fuente|źródło|fonte)\s*:"),
    re.compile(r"^(?:mit material (?:von|der)|material:)\b"),
    re.compile(
        r"^\(?(?:[a-zäöü]{1,4}/)*(?:dpa|afp|ap|reuters|kna|epd|apa|sda|pap|efe|ansa|"
        r"dts|rtr)(?:/[a-zäöü]{1,6})*\)?\.?$"
    ),
]


def is_credit_line(line: str) -> bool:
    n = _words(line)
    if n == 0 or n > 60:
        return False
    body = _body(line).strip()
    limit = (60, 25, 25, 10, 12, 3)
    return any(n <= lim and p.search(body) for p, lim in zip(_CREDITS, limit, strict=True))


def drop_credit_lines(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if not is_credit_line(ln)).strip("\n")


# --------------------------------------------------------------------------- title


def _toks(s: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(s)]


def _title_candidates(title: str) -> list[list[str]]:
    cands = [_toks(title)]
    # "Headline | Site", "Site - Headline", "Opinion | Headline"
    for part in re.split(r"\s[|–—\-:·»]\s|\s\|\s?|\s?\|\s", title):
        t = _toks(part)
        if len(t) >= 3:
            cands.append(t)
    return [c for c in cands if c]


def matches_title(line: str, title: str) -> bool:
    lt = _toks(line)
    if not lt or len(lt) > 40:
        return False
    for tt in _title_candidates(title):
        if lt == tt:
            return True
        common = sum((Counter(lt) & Counter(tt)).values())
        if line.rstrip().endswith(".") and len(lt) > 8:
            continue  # a full sentence: most likely the lede, keep it
        if common / len(tt) >= 0.8 and len(lt) <= 2 * len(tt) + 3:
            return True
        if common / max(len(lt), len(tt)) >= 0.7:
            return True
    return False


def drop_leading_title(text: str, title: str | None) -> str:
    """Drop the first line if it repeats the page title (or the second one, together
    with a short kicker line before it)."""
    if not title or not text:
        return text
    lines = text.split("\n")
    if matches_title(lines[0], title):
        return "\n".join(lines[1:]).strip("\n")
    if len(lines) > 1 and _words(lines[0]) <= 5 and matches_title(lines[1], title):
        return "\n".join(lines[2:]).strip("\n")
    return text


# --------------------------------------------------------------------------- variants

POSTPROCESSORS: dict[str, Callable[..., str]] = {
    "title": drop_leading_title,  # needs the title
    "boiler": lambda text, title=None: drop_boilerplate_lines(text),
    "credits": lambda text, title=None: drop_credit_lines(text),
}


@dataclass(frozen=True)
class Variant:
    kwargs: dict[str, Any] = field(default_factory=dict)
    post: tuple[str, ...] = ()
    note: str = ""
    per_doc_dedup: bool = False  # deduplicate=LRUCache() fresh for every page


NC = {"include_comments": False}
ALL_POST = ("title", "boiler", "credits")

VARIANTS: dict[str, Variant] = {
    "default": Variant({}, note="trafilatura defaults (= the 'trafilatura' system)"),
    "no_comments": Variant(NC, note="include_comments=False (upstream benchmark setting)"),
    "nc_fast": Variant({**NC, "fast": True}, note="+ fast=True (no fallback extractors)"),
    "nc_precision": Variant({**NC, "favor_precision": True}, note="+ favor_precision"),
    "nc_recall": Variant({**NC, "favor_recall": True}, note="+ favor_recall"),
    "nc_no_tables": Variant({**NC, "include_tables": False}, note="+ include_tables=False"),
    "nc_dedup": Variant(NC, per_doc_dedup=True, note="+ deduplicate (fresh cache per page)"),
    "nc+title": Variant(NC, ("title",), "no_comments + drop leading title"),
    "nc+boiler": Variant(NC, ("boiler",), "no_comments + drop boilerplate lines"),
    "nc+credits": Variant(NC, ("credits",), "no_comments + drop credit lines"),
    "nc+boiler+credits": Variant(NC, ("boiler", "credits"), "no_comments + boiler + credits"),
    "nc+all": Variant(NC, ALL_POST, "no_comments + title + boiler + credits"),
    "nc_precision+all": Variant({**NC, "favor_precision": True}, ALL_POST, "favor_precision + all post-processing"),
    "nc_recall+all": Variant({**NC, "favor_recall": True}, ALL_POST, "favor_recall + all post-processing"),
    "nc_dedup+all": Variant(NC, ALL_POST, per_doc_dedup=True, note="dedup + all post-processing"),
}


def _settings_key(v: Variant) -> tuple:
    return (tuple(sorted(v.kwargs.items())), v.per_doc_dedup)


def _run_trafilatura(html: str, url: str | None, v: Variant) -> str | None:
    import trafilatura

    kwargs = dict(v.kwargs)
    if v.per_doc_dedup:
        from trafilatura.deduplication import LRUCache

        kwargs["deduplicate"] = LRUCache(maxsize=4096)
    return trafilatura.extract(html, url=url, **kwargs)


def page_title(html: str, url: str | None) -> str | None:
    import trafilatura

    try:
        return trafilatura.extract_metadata(html, default_url=url).title
    except Exception:
        return None


def clean_text(text: str | None, title: str | None = None, steps: Sequence[str] = ALL_POST) -> str | None:
    """Apply post-processing steps (in order) to an extracted text."""
    if text is None:
        return None
    for step in steps:
        text = POSTPROCESSORS[step](text, title=title)
    return text or None


def extract_variant(html: str, url: str | None = None, variant: str = "default") -> str | None:
    v = VARIANTS[variant]
    raw = _run_trafilatura(html, url, v)
    title = page_title(html, url) if "title" in v.post and raw else None
    return clean_text(raw, title, v.post)


def extract_variants(html: str, url: str | None, names: Sequence[str]) -> tuple[dict[str, str | None], dict[str, str]]:
    """All named variants for one page, running trafilatura once per distinct setting.
    Returns (outputs, errors); a crash gives None and an error message."""
    cache: dict[tuple, str | BaseException | None] = {}
    outs: dict[str, str | None] = {}
    errs: dict[str, str] = {}
    title: str | None = None
    title_done = False
    for n in names:
        v = VARIANTS[n]
        key = _settings_key(v)
        if key not in cache:
            try:
                cache[key] = _run_trafilatura(html, url, v)
            except Exception as err:
                cache[key] = err
        raw = cache[key]
        if isinstance(raw, BaseException):
            outs[n], errs[n] = None, f"{type(raw).__name__}: {raw}"
            continue
        if "title" in v.post and not title_done:
            title, title_done = page_title(html, url), True
        try:
            outs[n] = clean_text(raw, title, v.post)
        except Exception as err:
            outs[n], errs[n] = None, f"{type(err).__name__}: {err}"
    return outs, errs
