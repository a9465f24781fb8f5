#!/usr/bin/env python3
"""Generate crossfire's bundled demo data.

Writes three files under src/main/resources/demo/:

  figures.yaml  the public-figures registry (contract format, see docs / contracts)
  posts.jsonl   the sample stream, one post per line; FILE ORDER IS ARRIVAL ORDER
  README.md     which posts play which scenario, the expected alerts, provenance

The output is deterministic: the same inputs give the same bytes. Python 3 standard library
only. The script reads the shared public-figure data at generation time; the build never runs
it (the generated files are committed).

    python3 tools/demo-data/generate.py                 # regenerate and validate
    python3 tools/demo-data/generate.py --check         # validate; fail if files on disk differ
    python3 tools/demo-data/generate.py --data-dir DIR  # where the figures data lives
                                                        # (default ../shared/data/figures)
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data" / "figures"
OUT_DIR = REPO / "src" / "main" / "resources" / "demo"

SEED = 20200523
DEMO_DATE = "2020-05-22"  # roles and parties are taken as they were on this day
END_OF_SAMPLE = dt.datetime(2020, 5, 25, 23, 59, 59, tzinfo=dt.timezone.utc)

LEGISLATORS = ("unitedstates/congress-legislators", "dfa9622263dd4c8d08636926e498f1845704d7eb", "CC0-1.0")
CONGRESSTWEETS = ("alexlitel/congresstweets-accounts", "b0271d542992ac13bcb71513b5d11e4dbcafe64b", "MIT")
MIT_COPYRIGHT = "Copyright (c) 2022 Alex Litel"
MIT_NOTICE = """Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


# ---------------------------------------------------------------------------------------------
# A reader for the block-style YAML that congress-legislators writes (stdlib has no YAML):
# mappings, sequences ("- " items, also at the parent key's indent), plain and quoted scalars.
# No flow collections, anchors or multi-line scalars: those files have none.

_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:\s+(.*))?$")


def load_block_yaml(text):
    tokens = []  # (indent, content); a "- " becomes its own token
    for raw in text.splitlines():
        content = raw.strip()
        if not content or content.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        while content.startswith("- "):
            tokens.append((indent, "-"))
            indent += 2
            content = content[2:].lstrip()
        tokens.append((indent, content))
    value, pos = _block(tokens, 0, tokens[0][0])
    if pos != len(tokens):
        raise ValueError(f"unparsed YAML from token {pos}: {tokens[pos]}")
    return value


def _block(tokens, pos, indent):
    if tokens[pos][1] == "-":
        items = []
        while pos < len(tokens) and tokens[pos] == (indent, "-"):
            item, pos = _block(tokens, pos + 1, tokens[pos + 1][0])
            items.append(item)
        return items, pos
    if not _KEY.match(tokens[pos][1]):
        return _scalar(tokens[pos][1]), pos + 1
    mapping = {}
    while pos < len(tokens) and tokens[pos][0] == indent and tokens[pos][1] != "-":
        key, rest = _KEY.match(tokens[pos][1]).groups()
        pos += 1
        if rest:
            mapping[key] = _scalar(rest)
        elif pos < len(tokens) and (tokens[pos][0] > indent or tokens[pos] == (indent, "-")):
            mapping[key], pos = _block(tokens, pos, tokens[pos][0])
        else:
            mapping[key] = None
    return mapping, pos


def _scalar(s):
    if s.startswith("'") and s.endswith("'"):
        return s[1:-1].replace("''", "'")
    if s.startswith('"') and s.endswith('"'):
        return json.loads(s)
    return s  # numbers stay strings: we only need ids and names


# ---------------------------------------------------------------------------------------------
# Public figures

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
PARTY_LETTER = {"D": "Democrat", "R": "Republican", "I": "Independent"}

# Members of Congress in the registry, by bioguide id: all served on DEMO_DATE. Most post in the
# sample; grouped as the sample uses them.
MEMBERS = [
    "T000278", "J000300", "S001185", "A000055", "R000575", "P000609",          # Alabama
    "C001098", "C001056",                                                       # friendly: Texas
    "F000466", "G000583",                                                       # friendly: Problem Solvers
    "K000367", "G000386",                                                       # friendly: drug prices
    "K000384", "W000805",                                                       # friendly: Virginia
    "M000355", "T000250", "B001243", "C001035", "M001153", "C001047", "G000359",
    "E000295", "L000575", "C001075",                                            # other Republican senators
    "S000148", "D000563", "C001088", "S001181", "M001111", "W000779", "S001194",
    "B001230", "S000033",                                                       # other Democratic/independent senators
    "P000197", "S001176", "J000294", "S001196", "C001120", "D000624", "R000606",  # House
]

# Where the data describes a later situation than the sample's, or lacks the person.
ROLE_OVERRIDES = {
    "T000278": "Republican candidate for US Senate in Alabama (2020 primary runoff); former Auburn head football coach",
    "J000300": "US Senator from Alabama",
}
EXTRA_ALIASES = {"T000278": ["Coach Tuberville", "Coach Tommy Tuberville"]}
# Surnames that are also everyday words or first names are not used alone as aliases.
SURNAME_STOPLIST = {"king", "young", "lee", "roy", "jordan", "scott", "paul", "rice", "brown",
                    "cotton", "bacon", "may", "price", "rose", "hill", "wood", "case", "long"}

HAND_WRITTEN = [  # not in the data files (executive branch / not in Congress): public facts
    {
        "id": "donald-trump", "name": "Donald J. Trump", "display": "Donald J. Trump",
        "aliases": ["Trump", "Donald Trump", "Donald J. Trump", "President Trump"],
        "role": "President of the United States", "affiliation": "Republican",
        "accounts": [{"handle": "realDonaldTrump", "id": "25073877", "note": "personal"}],
        "source": "hand-written (public facts)",
    },
    {
        "id": "jeff-sessions", "name": "Jeff Sessions", "display": "Jeff Sessions",
        "aliases": ["Sessions", "Jeff Sessions", "Attorney General Sessions"],
        "role": "Former US Attorney General; candidate for US Senate in Alabama (2020 Republican primary runoff)",
        "affiliation": "Republican",
        "accounts": [{"handle": "jeffsessions", "id": None, "note": "personal; account id not recorded"}],
        "source": "hand-written (public facts)",
    },
]


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ordinal(n):
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def on_demo_date(entry):
    return entry["start"] <= DEMO_DATE <= entry.get("end", "9999-12-31")


def load_figures(data_dir):
    current = {m["id"]["bioguide"]: m for m in
               load_block_yaml((data_dir / "legislators-current.yaml").read_text(encoding="utf-8"))}
    social = {s["id"]["bioguide"]: s.get("social", {}) for s in
              load_block_yaml((data_dir / "legislators-social-media.yaml").read_text(encoding="utf-8"))}
    tweets = {}
    for entry in json.loads((data_dir / "congresstweets-historical-users-filtered.json").read_text(encoding="utf-8")):
        if entry.get("type") == "member" and isinstance(entry.get("id"), dict) and entry["id"].get("bioguide"):
            tweets[entry["id"]["bioguide"]] = entry

    figures = [dict(f) for f in HAND_WRITTEN]
    for bioguide in MEMBERS:
        figures.append(member_figure(bioguide, current.get(bioguide), social.get(bioguide, {}), tweets[bioguide]))

    # A surname alone is an alias only if no other figure in this file shares it.
    surnames = [f["surname"].lower() for f in figures if f.get("surname")]
    for f in figures:
        surname = f.pop("surname", None)
        if surname and surnames.count(surname.lower()) == 1 and surname.lower() not in SURNAME_STOPLIST:
            f["aliases"].insert(0, surname)
    ids = [f["id"] for f in figures]
    assert len(ids) == len(set(ids)), "figure ids must be unique"
    return figures


def member_figure(bioguide, legislator, social, tweets):
    display = tweets["name"]
    if legislator:
        names = legislator["name"]
        name = names.get("official_full") or f"{names['first']} {names['last']}"
        surname = names["last"]
        full_names = [display, name, f"{names['first']} {surname}"]
        if names.get("nickname"):
            full_names.append(f"{names['nickname']} {surname}")
        # the term on the demo date; a member elected later (Tuberville) has a role override
        term = next((t for t in legislator["terms"] if on_demo_date(t)), legislator["terms"][0])
        affiliation = term["party"]
        if term["type"] == "sen":
            role = f"US Senator from {STATES[term['state']]}"
        elif term.get("district") in ("0", None):
            role = f"US Representative from {STATES[term['state']]} (at large)"
        else:
            role = f"US Representative from {STATES[term['state']]}'s {ordinal(term['district'])} district"
        leadership = [r["title"] for r in legislator.get("leadership_roles") or [] if on_demo_date(r)]
        if leadership:
            role += "; " + "; ".join(leadership)
        sources = f"legislators-current ({LEGISLATORS[2]}), congresstweets ({CONGRESSTWEETS[2]})"
    else:  # left Congress before the legislators snapshot: congresstweets only
        name = display
        surname = display.split()[-1]
        full_names = [display]
        affiliation = PARTY_LETTER[tweets["party"]]
        role = None
        sources = f"congresstweets ({CONGRESSTWEETS[2]})"
    role = ROLE_OVERRIDES.get(bioguide, role)

    accounts = []
    seen = set()

    def add(handle, account_id, note):
        if handle and handle.lower() not in seen:
            seen.add(handle.lower())
            accounts.append({"handle": handle, "id": str(account_id) if account_id else None, "note": note})

    ordered = sorted(tweets["accounts"], key=lambda a: a["account_type"] != "office")  # office first, stable
    for account in ordered:
        add(account["screen_name"], account.get("id"), account["account_type"])
    if social.get("twitter"):
        add(social["twitter"], social.get("twitter_id"), "office")
    for account in ordered:  # earlier names of the same accounts: posts of 2020 may carry them
        for previous in account.get("prev_names") or []:
            add(previous, account.get("id"), f"{account['account_type']}; earlier name of {account['screen_name']}")

    aliases = []
    for alias in full_names + EXTRA_ALIASES.get(bioguide, []):
        if alias not in aliases:
            aliases.append(alias)
    return {"id": slug(display), "bioguide": bioguide, "name": name, "display": display, "aliases": aliases, "role": role,
            "affiliation": affiliation, "accounts": accounts, "surname": surname,
            "source": f"bioguide {bioguide}; {sources}"}


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .'&()_/-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def yaml_str(value):
    if value is None:
        return "null"
    if _PLAIN.match(value) and value.lower() not in _YAML_WORDS and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def figures_yaml(figures):
    lines = [
        "# crossfire demo: public-figures registry (format: see the contracts, \"Public figures\").",
        "# Generated by tools/demo-data/generate.py; do not edit by hand.",
        "# Members of Congress: names, parties, roles from unitedstates/congress-legislators",
        f"#   @ {LEGISLATORS[1]} (legislators-current.yaml, legislators-social-media.yaml), {LEGISLATORS[2]};",
        "#   office, campaign and personal X accounts from alexlitel/congresstweets-accounts",
        f"#   @ {CONGRESSTWEETS[1]} (historical-users-filtered.json), {CONGRESSTWEETS[2]}:",
        f"#   {MIT_COPYRIGHT}; the licence notice is in README.md beside this file.",
        f"# Roles and parties as of {DEMO_DATE}, the date of the sample stream.",
        "# Donald Trump and Jeff Sessions are in neither file: written by hand from public facts.",
        "# Account \"id\" is the platform's numeric account id where known (optional).",
        "",
    ]
    for f in figures:
        lines.append(f"# {f['source']}")
        lines.append(f"- id: {f['id']}")
        lines.append(f"  name: {yaml_str(f['name'])}")
        lines.append("  aliases: [" + ", ".join(yaml_str(a) for a in f["aliases"]) + "]")
        lines.append(f"  role: {yaml_str(f['role'])}")
        lines.append(f"  affiliation: {yaml_str(f['affiliation'])}")
        lines.append("  accounts:")
        for a in f["accounts"]:
            account_id = f", id: \"{a['id']}\"" if a["id"] else ""
            lines.append(f"    - {{platform: x, handle: {yaml_str(a['handle'])}{account_id}}}  # {a['note']}")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Posts

TWITTER_EPOCH_MS = 1288834974657
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable
DID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32, as in did:plc identifiers


def ts(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Author:
    def __init__(self, platform, handle, name, account_id, tier, figure_id=None):
        self.platform, self.handle, self.name = platform, handle, name
        self.account_id, self.tier, self.figure_id = account_id, tier, figure_id


class Post:
    """One post being built. `data` is the JSON object in the contract's field order."""

    def __init__(self, data, author, at, seq):
        self.data, self.author, self.at, self.seq = data, author, at, seq

    @property
    def id(self):
        return self.data["id"]

    def line(self):
        return json.dumps(self.data, ensure_ascii=False)


MENTION = {
    "x": re.compile(r"(?<![\w@])@(\w{1,15})\b"),
    "bluesky": re.compile(r"(?<![\w@])@([a-z0-9-]+(?:\.[a-z0-9-]+)+)"),
    "mastodon": re.compile(r"(?<![\w@])@(\w+@[a-z0-9.-]*[a-z0-9])"),
}
TIER_SCALE = {"president": 60000, "campaign": 4000, "senator": 900, "house": 450, "public": 4}


class Stream:
    def __init__(self):
        self.posts = []

    def post(self, author, at, text, *, reply_to=None, quote_of=None, repost_of=None, mentions=None,
             lang="en", metrics=None, post_id=None):
        at = ts(at) if isinstance(at, str) else at
        for ref in (reply_to, quote_of, repost_of):
            assert ref is None or ref.at < at, f"{text[:40]!r} is older than what it references"
        # Ids and metrics come from the post's own content, so editing one scenario does not
        # renumber the posts of another.
        rng = seeded(author.platform, author.handle, iso(at), text)
        ms = int(at.timestamp()) * 1000 + rng.randrange(1000)
        post_id, url, author_id = self._identity(author, ms, post_id, rng)
        root = None
        if reply_to is not None and author.platform != "mastodon":  # Mastodon gives only the parent
            root = reply_to.data["rootId"] or reply_to.id
        if mentions is None:
            mentions = []
            for handle in MENTION[author.platform].findall(text):
                if handle not in mentions:
                    mentions.append(handle)
        data = {
            "id": post_id,
            "platform": author.platform,
            "author": {"id": author_id, "handle": author.handle, "name": author.name},
            "createdAt": iso(at),
            "text": text,
            "replyTo": _ref(reply_to),
            "quoteOf": _ref(quote_of),
            "repostOf": _ref(repost_of),
            "rootId": root,
            "mentions": mentions,
            "lang": lang,
            "url": url,
            "metrics": metrics or self._metrics(author, rng, reposted=repost_of is not None),
        }
        p = Post(data, author, at, len(self.posts))
        self.posts.append(p)
        return p

    def reply(self, author, parent, delay_s, text, **kw):
        """A reply `delay_s` seconds after `parent`; on X and Mastodon the text starts with the
        @handles the platform puts there (the parent's author, and the root's author on X)."""
        prefix = []
        if author.platform in ("x", "mastodon") and parent.author.handle != author.handle:
            prefix.append("@" + parent.author.handle)
        if author.platform == "x" and parent.data["rootId"]:
            root_author = self.by_id(parent.data["rootId"]).author.handle
            if root_author not in (author.handle, parent.author.handle):
                prefix.append("@" + root_author)
        body = " ".join(prefix + [text])
        return self.post(author, parent.at + dt.timedelta(seconds=delay_s), body, reply_to=parent, **kw)

    def by_id(self, post_id):
        return next(p for p in self.posts if p.id == post_id)

    def _identity(self, author, ms, post_id, rng):
        if author.platform == "x":
            if post_id is None:  # a Twitter snowflake: milliseconds since its epoch, then 22 bits
                post_id = str(((ms - TWITTER_EPOCH_MS) << 22) | rng.getrandbits(22))
            return f"x:{post_id}", f"https://twitter.com/{author.handle}/status/{post_id}", f"x:{author.account_id}" if author.account_id else None
        if author.platform == "bluesky":  # record key is a TID: microseconds, then a 10-bit clock id
            value = (ms * 1000 + rng.randrange(1000)) << 10 | rng.getrandbits(10)
            tid = "".join(TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))
            did = author.account_id
            return (f"bsky:at://{did}/app.bsky.feed.post/{tid}",
                    f"https://bsky.app/profile/{author.handle}/post/{tid}", f"bsky:{did}")
        if author.platform == "mastodon":  # status ids: milliseconds, then 16 bits
            user, instance = author.handle.split("@")
            status = (ms << 16) | rng.getrandbits(16)
            return (f"mastodon:{instance}/{status}", f"https://{instance}/@{user}/{status}",
                    f"mastodon:{instance}/accounts/{author.account_id}")
        raise ValueError(author.platform)

    @staticmethod
    def _metrics(author, rng, reposted):
        if reposted:
            return {"likes": 0, "reposts": 0, "replies": 0, "quotes": 0}
        scale = TIER_SCALE[author.tier]
        likes = int(scale * rng.lognormvariate(0, 0.9))
        return {"likes": likes, "reposts": int(likes * rng.uniform(0.08, 0.3)),
                "replies": int(likes * rng.uniform(0.05, 0.25)),
                "quotes": int(likes * rng.uniform(0.01, 0.06))}


def seeded(*parts):
    """A random generator determined by `parts` alone."""
    return random.Random(hashlib.sha256("|".join(parts).encode("utf-8")).digest())


def _ref(post):
    return None if post is None else {"postId": post.id, "authorHandle": post.author.handle}


def _metrics(likes, reposts, replies, quotes):
    return {"likes": likes, "reposts": reposts, "replies": replies, "quotes": quotes}


# Fictional members of the public. Any likeness to real accounts is accidental.
PUBLIC_X = [
    ("rolltide_randy62", "Randy P."), ("bham_mom_of3", "Kendra in Birmingham"), ("gulfcoast_gary", "Gary"),
    ("auburnfan1989", "War Eagle Dave"), ("mobilebay_belle", "Marianne"), ("dawn_in_decatur", "Dawn H."),
    ("huntsville_eng", "Priya (Huntsville)"), ("montgomery_lawyer", "J. Whitfield"), ("dothan_dad", "Chris T."),
    ("tuscaloosa_teach", "Ms. Green"), ("txhillcountryvet", "Ray, USMC (ret.)"), ("katy_votes", "Katy L."),
    ("mn_lakes_linda", "Linda O."), ("iowa_cornbelt_bill", "Bill from Ames"), ("rva_nurse_jen", "Jen, RN"),
    ("nova_commuter", "Sam K."), ("bucks_county_bob", "Bob M."), ("nj_shore_tina", "Tina"),
    ("memphis_maggie", "Maggie"), ("bangor_boater", "Pete"), ("anchorage_amy", "Amy (AK)"),
    ("wv_coalcountry", "Jim D."), ("charleston_sc_al", "Al"), ("okc_oilfield", "Dusty"),
    ("baton_rouge_bre", "Brianna"), ("bronx_barista", "Luis"), ("chi_policy_wonk", "Ana M."),
    ("dover_de_dan", "Dan"), ("nh_granite_gal", "Sue"), ("seattle_sara_w", "Sara W."),
    ("pdx_cyclist", "Mo"), ("honolulu_hank", "Hank"), ("madison_wi_mel", "Mel"),
    ("btv_maple", "Jess"), ("norcal_retiree", "Ed & Carol"), ("nola_noah", "Noah"),
    ("capitol_beat_jen", "Jen Alvarez | politics newsletter"), ("dc_wonk_watch", "Policy Watch (parody)"),
    ("flint_mi_frank", "Frank"), ("bethesda_bea", "Bea"), ("south_la_vic", "Vic"),
    ("plains_voter", "K. Olsen"),
]
PUBLIC_BLUESKY = [
    ("lena-reads.bsky.social", "Lena"), ("marcusw.bsky.social", "Marcus W."),
    ("quietcoast.bsky.social", "quiet coast"), ("okra-and-politics.bsky.social", "Okra & Politics"),
    ("birminghamnotes.bsky.social", "Birmingham Notes"), ("dana-k.bsky.social", "Dana K."),
]
PUBLIC_MASTODON = [
    ("newsnerd@mastodon.social", "News Nerd"), ("rlee@mastodon.online", "R. Lee"),
    ("civics_teacher@mstdn.social", "Civics Teacher"), ("bayou_bea@mastodon.social", "Bea"),
    ("gulls@mastodon.online", "gulls"),
]


def public_authors():
    x = [Author("x", h, n, str(seeded(h).randrange(10 ** 8, 10 ** 18)), "public") for h, n in PUBLIC_X]
    bsky = [Author("bluesky", h, n, "did:plc:" + "".join(seeded(h).choices(DID_ALPHABET, k=24)), "public")
            for h, n in PUBLIC_BLUESKY]
    masto = [Author("mastodon", h, n, str(seeded(h).randrange(10 ** 5, 10 ** 7)), "public") for h, n in PUBLIC_MASTODON]
    return {a.handle: a for a in x + bsky + masto}


def figure_authors(figures):
    """Every X handle in the registry, as an author of posts. Posts may only come from these."""
    tiers = {"donald-trump": "president", "jeff-sessions": "campaign", "tommy-tuberville": "campaign"}
    authors = {}
    for f in figures:
        tier = tiers.get(f["id"]) or ("senator" if "Senator" in (f["role"] or "") else "house")
        for a in f["accounts"]:
            authors[a["handle"].lower()] = Author("x", a["handle"], f["display"], a["id"], tier, f["id"])
    return authors


# ---------------------------------------------------------------------------------------------
# The sample. Each scenario below writes its posts and records the ids the README lists.

class Sample:
    def __init__(self, figures, rng):
        self.rng = rng
        self.stream = Stream()
        self.figures = figures
        self._figure_authors = figure_authors(figures)
        self.public = public_authors()
        self.roles = {}            # scenario label -> list of (label, post)
        self.out_of_order = []     # (post, the post it references, how many lines earlier)
        self.duplicate = None      # (post, lines after the original)

    def fig(self, handle, as_typed=None):
        """The figure account `handle` (case-insensitive); `as_typed` is the spelling the post
        carries (a 2020 handle in other case, say)."""
        a = self._figure_authors[handle.lower()]
        if as_typed:
            a = Author(a.platform, as_typed, a.name, a.account_id, a.tier, a.figure_id)
        return a

    def pub(self, handle):
        return self.public[handle]

    def mark(self, scenario, label, post):
        self.roles.setdefault(scenario, []).append((label, post))
        return post


def build(figures):
    rng = random.Random(SEED)
    s = Sample(figures, rng)
    seed_exchange(s)
    passing_mention(s)
    friendly_pairs(s)
    reposts(s)
    ordinary_posts(s)
    fediverse(s)
    return s


def seed_exchange(s):
    st, fig, pub = s.stream, s.fig, s.pub
    trump, sessions, tuberville = fig("realDonaldTrump"), fig("jeffsessions"), fig("TTuberville")

    # Tuberville's post that Trump quotes (id and time as in the contract's example). Illustrative text.
    tub_quoted = s.mark("alabama", "Tuberville's post quoted by Trump (illustrative)", st.post(
        tuberville, "2020-05-18T20:05:34Z",
        "Alabama needs a senator who will stand with President Trump every single day: finish the wall, "
        "stand up to China and bring our jobs home. That’s exactly what I’ll do. #MAGA",
        post_id="1262474430553214976", metrics=_metrics(6840, 1912, 655, 121)))

    attack1 = s.mark("one-sided", "Sessions names Tuberville: debate challenge (synthetic)", st.post(
        sessions, "2020-05-22T14:05:12Z",
        "Seven weeks until the runoff and Tommy Tuberville still refuses to debate. If you can’t defend your "
        "positions in front of Alabama voters, you shouldn’t be asking for their votes.",
        metrics=_metrics(1904, 388, 611, 57)))
    st.reply(pub("dothan_dad"), attack1, 1900, "He doesn’t need to debate you. Alabama already knows both of you.")
    st.reply(pub("tuscaloosa_teach"), attack1, 2600, "Agreed. Voters deserve to see them side by side.")
    st.reply(pub("auburnfan1989"), attack1, 4100, "Give it up, Jeff.")

    # (a) Trump quotes Tuberville and names Sessions. Verbatim text from the news article.
    a = s.mark("seed", "(a) Trump quotes Tuberville, names Sessions", st.post(
        trump, "2020-05-22T23:10:41Z",
        "3 years ago, after Jeff Sessions recused himself, the Fraudulent Mueller Scam began. Alabama, do not "
        "trust Jeff Sessions. He let our Country down. That’s why I endorsed Coach Tommy Tuberville, the true "
        "supporter of our #MAGA agenda!",
        quote_of=tub_quoted, mentions=["TTuberville"], post_id="1263970567838932993",
        metrics=_metrics(98213, 21507, 24610, 6122)))
    early = st.reply(pub("rolltide_randy62"), a, 84, "Coach T all the way! Alabama is Trump Country.")
    s.out_of_order.append((early, a, 1))
    s.mark("ooo", "reply to (a), arrives before (a)", early)
    loyalty = st.reply(pub("montgomery_lawyer"), a, 150,
                       "Sessions was the first senator to endorse you in 2016. Loyalty only goes one way with you.")
    st.reply(pub("bham_mom_of3"), a, 210, "Can we focus on the pandemic instead of a Senate runoff?")
    st.reply(pub("gulfcoast_gary"), a, 260, "Jeff Sessions let everybody down. Tuberville 2020!")
    st.reply(pub("rva_nurse_jen"), a, 330, "What a disgrace. 95,000 Americans dead and this is what you tweet about.")
    st.reply(pub("dawn_in_decatur"), a, 420, "Recusal wasn’t optional. Read the DOJ rules.")
    st.reply(pub("mobilebay_belle"), a, 700, "This is petty even by Twitter standards.")
    st.reply(pub("okc_oilfield"), a, 905, "Sessions is done. Alabama knows it.")
    st.reply(pub("chi_policy_wonk"), a, 1300, "The “Fraudulent Mueller Scam” indicted 34 people.")
    l2 = st.reply(pub("huntsville_eng"), loyalty, 240, "He recused because the regulations required it. That’s the whole point.")
    l3 = st.reply(pub("gulfcoast_gary"), l2, 300, "The regulations didn’t require anything, he just folded.")
    l4 = st.reply(pub("montgomery_lawyer"), l3, 420, "28 CFR 45.2. Look it up.")
    s.mark("deep", "level 5 of a reply thread under (a)", st.reply(pub("gulfcoast_gary"), l4, 600, "Whatever. He’s still done in Alabama."))

    thanks = s.mark("alabama", "Tuberville thanks Trump (reply to (a), illustrative)", st.reply(
        tuberville, a, 1224,
        "Thank you, Mr. President! Alabama is proud to stand with you. Together we’ll keep delivering on the #MAGA agenda.",
        metrics=_metrics(15320, 3104, 1987, 402)))
    st.reply(pub("auburnfan1989"), thanks, 140, "War Eagle! Let’s go Coach!")
    st.reply(pub("katy_votes"), thanks, 600, "Will you debate Sessions or not?")
    st.reply(pub("bham_mom_of3"), thanks, 900, "Say something about your own plans for once.")

    # (b) Sessions quotes Trump's post back. Verbatim text from the news article.
    b = s.mark("seed", "(b) Sessions quotes (a) back", st.post(
        sessions, "2020-05-22T23:50:14Z",
        "Look, I know your anger, but recusal was required by law. I did my duty & you’re damn fortunate I did. "
        "It protected the rule of law & resulted in your exoneration. Your personal feelings don’t dictate who "
        "Alabama picks as their senator, the people of Alabama do.",
        quote_of=a, metrics=_metrics(151877, 30215, 17392, 9873)))
    s.duplicate = (b, 30)
    b_replies = [
        ("capitol_beat_jen", 95, "“Damn fortunate.” Jeff Sessions has entered the chat."),
        ("bucks_county_bob", 130, "Good for you, Senator. Stand your ground."),
        ("txhillcountryvet", 260, "Have some dignity and drop out."),
        ("nova_commuter", 340, "Never thought I’d agree with Jeff Sessions on anything."),
        ("tuscaloosa_teach", 520, "“The people of Alabama do.” Exactly right."),
        ("wv_coalcountry", 610, "You’re a spineless has-been. Go home."),
        ("seattle_sara_w", 800, "The rule of law thanks you. Sort of."),
    ]
    for handle, delay, text in b_replies:
        st.reply(pub(handle), b, delay, text)
    exo = st.reply(pub("chi_policy_wonk"), b, 180, "Exoneration? The Mueller report literally says it does not exonerate him.")
    exo2 = st.reply(pub("plains_voter"), exo, 420, "He means the part where no charges were brought, not the report’s wording.")
    exo3 = st.reply(pub("chi_policy_wonk"), exo2, 300, "That’s not how exoneration works.")
    exo4 = st.reply(pub("plains_voter"), exo3, 240, "Fair. Still wild to hear him say it out loud.")
    s.out_of_order.append((exo4, exo3, 1))
    s.mark("ooo", "level-4 reply, arrives before its parent (level 3)", exo4)
    s.mark("quotes", "public quote of (b)", st.post(
        pub("dc_wonk_watch"), "2020-05-23T00:31:12Z",
        "Sessions answering Trump with “you’re damn fortunate I did” was not on my 2020 bingo card.", quote_of=b))

    # (c) Sessions turns on Tuberville in a thread under (b). Verbatim text from the news article.
    c1 = s.mark("one-sided", "(c1) Sessions: “Tuberville’s a coward” (thread under (b))", st.post(
        sessions, "2020-05-22T23:53:40Z",
        "Tuberville’s a coward who is rightly too afraid to debate me. He says you’re wrong on China & trade. "
        "He wants to bring in even more foreign workers to take American jobs. That’s not your agenda and it’s "
        "not mine or Alabama’s.", reply_to=b, metrics=_metrics(40112, 7120, 6310, 1840)))
    c2 = s.mark("one-sided", "(c2) Sessions: “I know Alabama. Tuberville doesn’t.”", st.post(
        sessions, "2020-05-22T23:54:58Z", "I know Alabama. Tuberville doesn’t.", reply_to=c1,
        metrics=_metrics(35730, 5402, 4988, 911)))
    st.reply(pub("katy_votes"), c1, 200, "Calling your opponent a coward isn’t a platform.")
    st.reply(pub("dothan_dad"), c1, 460, "Debate him, Coach! What are you afraid of?")
    st.reply(pub("auburnfan1989"), c1, 700, "Tuberville is going to win this thing. Cope.")
    st.reply(pub("wv_coalcountry"), c1, 1020, "He’s right about the foreign workers though.")
    s.mark("quotes", "public quote of (c1)", st.post(
        pub("capitol_beat_jen"), "2020-05-23T00:12:40Z",
        "Sessions on Tuberville: “a coward who is rightly too afraid to debate me.” The runoff is July 14.", quote_of=c1))
    st.reply(pub("huntsville_eng"), c2, 300, "You know Alabama so well you spent twenty years in Washington.")
    st.reply(pub("rolltide_randy62"), c2, 520, "Roll Tide, Senator.")

    # (d) Next afternoon Trump quotes (b) back. RECONSTRUCTED for the demo, not a verbatim quote.
    d = s.mark("seed", "(d) Trump quotes (b) back with insults (reconstructed text)", st.post(
        trump, "2020-05-23T16:21:37Z",
        "Jeff, you had your chance & you blew it. Alabama is not stupid enough to believe you anymore. You were a "
        "DISASTER as Attorney General and let us all down. Weak and ineffective!",
        quote_of=b, metrics=_metrics(112402, 22911, 31870, 8017)))
    early_quote = st.post(
        pub("capitol_beat_jen"), "2020-05-23T16:24:02Z",
        "The President is now quote-tweeting his former Attorney General on a Saturday afternoon. "
        "The Alabama Senate runoff is July 14.", quote_of=d)
    s.out_of_order.append((early_quote, d, 2))
    s.mark("ooo", "quote of (d), arrives before (d)", early_quote)
    for handle, delay, text in [
        ("nj_shore_tina", 70, "Round two. Grab the popcorn."),
        ("tuscaloosa_teach", 150, "Alabama will decide this, not Twitter."),
        ("bethesda_bea", 200, "This is beneath the office of the President."),
        ("okc_oilfield", 240, "He’s not wrong. Sessions was a disaster."),
        ("memphis_maggie", 380, "Jeff, just let it go."),
        ("norcal_retiree", 900, "Some of us are trying to have a quiet holiday weekend."),
    ]:
        st.reply(pub(handle), d, delay, text)
    thin = st.reply(pub("rva_nurse_jen"), d, 320, "Imagine attacking your own former Attorney General on a holiday weekend.")
    thin2 = st.reply(pub("gulfcoast_gary"), thin, 500, "Imagine defending Jeff Sessions.")
    st.reply(pub("rva_nurse_jen"), thin2, 640, "Not defending him. Asking for a President who acts like one.")

    # (e) Sessions answers once more, by name, that evening. Synthetic.
    e = s.mark("seed", "(e) Sessions answers by name (synthetic)", st.post(
        sessions, "2020-05-23T23:41:09Z",
        "President Trump, my record is clear and I stand by it. I served Alabama in the Senate for twenty years, "
        "and the people of Alabama will decide this race on July 14, not Washington.",
        metrics=_metrics(21480, 3120, 5602, 690)))
    st.reply(pub("bucks_county_bob"), e, 400, "Finally some dignity in this race.")
    st.reply(pub("okc_oilfield"), e, 610, "Nobody cares, Jeff.")
    st.reply(pub("mobilebay_belle"), e, 1500, "Alabama voters will remember all of this.")

    attack4 = s.mark("one-sided", "Sessions names Tuberville again (synthetic)", st.post(
        sessions, "2020-05-24T17:12:30Z",
        "Another week, another dodge from Tommy Tuberville. He has turned down every debate. Alabama deserves a "
        "senator who shows up and answers questions, not one who hides behind slogans.",
        metrics=_metrics(2210, 402, 870, 64)))
    st.reply(pub("dothan_dad"), attack4, 800, "He’s out talking to voters while you tweet.")
    st.reply(pub("montgomery_lawyer"), attack4, 1900, "Tuberville should debate. Voters deserve it.")

    # Tuberville's own campaign, never answering Sessions. "Baldwin County" is a name-matching trap.
    st.post(tuberville, "2020-05-21T16:12:44Z",
            "Spent the morning with poultry farmers in Cullman County. They’ve kept food on our tables through all "
            "of this, and Alabama agriculture deserves a senator who will go to bat for it.")
    trap = s.mark("traps", "Tuberville: “Baldwin County” (not Tammy Baldwin)", st.post(
        tuberville, "2020-05-23T19:05:10Z",
        "Thank you to everybody in Baldwin County who came out today, masks and all. The runoff is July 14. "
        "Let’s get to work!"))
    st.reply(pub("mobilebay_belle"), trap, 1200, "Great to see you in Fairhope, Coach!")
    st.post(tuberville, "2020-05-25T15:02:19Z",
            "On Memorial Day we remember the Alabamians who gave everything for our freedom. God bless their families.")

    st.post(sessions, "2020-05-21T15:30:02Z",
            "Grateful for the sheriffs and police officers I met in Montgomery today. Law and order isn’t a slogan "
            "to me. It’s a lifetime of work.")
    st.post(sessions, "2020-05-25T13:45:51Z",
            "This Memorial Day we honor the men and women of Alabama who laid down their lives for our country. "
            "We owe them everything.")

    # Trump's other posts: no figure named.
    for at, text in [
        ("2020-05-21T13:02:27Z", "Heading to Michigan to visit the great Ford plant in Ypsilanti, now making "
                                 "ventilators. Our workers are the best in the world!"),
        ("2020-05-24T15:40:03Z", "Working hard to get our Country open again, safely. The comeback will be "
                                 "stronger than anyone thought possible!"),
        ("2020-05-25T14:03:45Z", "Happy Memorial Day! Today we honor the brave men and women who made the ultimate "
                                 "sacrifice for our great Country. We will never forget them!"),
    ]:
        p = st.post(trump, at, text)
        for handle, delay, reply in [
            (s.rng.choice(PUBLIC_X)[0], s.rng.randrange(60, 900), s.rng.choice(SUPPORT)),
            (s.rng.choice(PUBLIC_X)[0], s.rng.randrange(60, 900), s.rng.choice(RUDE)),
        ]:
            st.reply(pub(handle), p, delay, reply)


def passing_mention(s):
    """Trump praises McConnell once, under the 2020 handle in other case; nobody answers."""
    p = s.stream.post(
        s.fig("realDonaldTrump"), "2020-05-21T20:14:22Z",
        "Great job by @senatemajldr Mitch McConnell and Senate Republicans getting so many outstanding judges "
        "confirmed. Thank you Mitch!")
    s.mark("passing", "Trump names/mentions McConnell once", p)
    s.stream.reply(s.pub("plains_voter"), p, 300, "Judges are forever. Well done.")


# Each pair: (scenario label, [(at, author handle, text, how: post|reply|quote, to: index of an
# earlier turn in this pair or None)]). Warm, back and forth, over the days.
FRIENDLY = [
    ("Cruz ↔ Cornyn (Texas)", [
        ("2020-05-21T15:02:11Z", "SenTedCruz", "Texas small businesses have been hit hard. Proud to work with @JohnCornyn to make sure the Paycheck Protection Program keeps reaching the family businesses that need it most.", "post", None),
        ("2020-05-21T15:40:37Z", "JohnCornyn", "Glad to partner with my friend @tedcruz on this. Texas works best when we work together.", "quote", 0),
        ("2020-05-21T16:05:50Z", "tedcruz", "Thanks, John. Always a pleasure.", "reply", 1),
        ("2020-05-22T13:30:08Z", "JohnCornyn", "Joined @SenTedCruz on a call with Texas mayors this morning about reopening safely and getting testing to every county.", "post", None),
        ("2020-05-22T14:10:45Z", "SenTedCruz", "Good call, and thank you for pulling it together. Texas mayors are doing tremendous work.", "reply", 3),
        ("2020-05-25T13:20:16Z", "JohnCornyn", "This Memorial Day, Texas honors the men and women who gave their lives for our freedom. We will never forget them.", "post", None),
        ("2020-05-25T14:31:02Z", "tedcruz", "Beautifully said, @JohnCornyn. Texas remembers.", "quote", 5),
    ]),
    ("Fitzpatrick ↔ Gottheimer (Problem Solvers Caucus co-chairs)", [
        ("2020-05-21T14:20:33Z", "RepJoshG", "Great working with my friend @RepBrianFitz on our bipartisan plan to get relief to the police, firefighters and EMTs in our towns. Country over party.", "post", None),
        ("2020-05-21T15:05:19Z", "RepBrianFitz", "Thank you, Josh. Proud to do this work together. Our first responders deserve it.", "reply", 0),
        ("2020-05-22T17:00:42Z", "RepJoshG", "Today @RepBrianFitz and I sat down (virtually!) with small business owners from both our districts. Their message: help needs to move faster. We hear you.", "post", None),
        ("2020-05-22T17:45:03Z", "RepBrianFitz", "Great conversation. Thanks for hosting, @RepJoshG. This is what getting things done together looks like.", "quote", 2),
        ("2020-05-23T15:10:27Z", "RepJoshG", "Anytime, partner. Have a safe Memorial Day weekend, and thank you to everyone in Bucks County who serves.", "reply", 3),
        ("2020-05-25T16:00:58Z", "RepBrianFitz", "This Memorial Day I’m proud to stand with @RepJoshG and colleagues from both parties in honoring those who gave everything for our country.", "post", None),
        ("2020-05-25T16:40:14Z", "RepJoshG", "Well said, Brian. We remember them today and every day.", "reply", 5),
    ]),
    ("Klobuchar ↔ Grassley (bipartisan drug-price bill)", [
        ("2020-05-21T18:10:29Z", "SenAmyKlobuchar", "Glad to keep working with @ChuckGrassley on our bipartisan bill to bring more generic drug competition and lower prescription drug prices. Families in Minnesota and Iowa can’t wait.", "post", None),
        ("2020-05-21T19:02:55Z", "ChuckGrassley", "Senator Klobuchar and I have worked on this for years. Getting drug prices down for Iowans is bipartisan work.", "quote", 0),
        ("2020-05-22T13:15:40Z", "SenAmyKlobuchar", "Thank you, Chuck. Looking forward to getting it done.", "reply", 1),
        ("2020-05-23T14:00:12Z", "ChuckGrassley", "Good call today w @SenAmyKlobuchar on keeping rural hospitals open during COVID-19. Minnesota & Iowa have the same concerns.", "post", None),
        ("2020-05-23T14:45:31Z", "SenAmyKlobuchar", "Agreed. Rural hospitals need help now. Thanks for always being willing to work across the aisle.", "reply", 3),
        ("2020-05-24T20:10:06Z", "ChuckGrassley", "Same to you. Happy Memorial Day weekend to Minnesota from your neighbors in Iowa.", "reply", 4),
    ]),
    ("Kaine ↔ Warner (Virginia)", [
        ("2020-05-21T17:30:44Z", "MarkWarner", "Glad to team up with @timkaine to push for more COVID-19 testing resources for Virginia’s community health centers.", "post", None),
        ("2020-05-22T15:30:21Z", "timkaine", "Thanks to @MarkWarner for his work on the small business relief that’s keeping Virginia’s Main Streets going.", "post", None),
        ("2020-05-22T16:10:09Z", "MarkWarner", "Right back at you, Tim. Team Virginia.", "reply", 1),
        ("2020-05-24T14:20:55Z", "MarkWarner", "This weekend Virginians honor those who gave their lives in service to our country. Please remember them, and stay safe.", "post", None),
        ("2020-05-24T15:00:37Z", "timkaine", "Well said, Mark. Virginia honors the fallen today and every day.", "quote", 3),
        ("2020-05-25T13:00:48Z", "MarkWarner", "Thank you, Tim. Have a safe Memorial Day.", "reply", 4),
    ]),
    ("Jones ↔ Sewell (Alabama Democrats)", [
        ("2020-05-22T16:00:15Z", "RepTerriSewell", "Thank you @SenDougJones for pushing to get more testing to Alabama’s Black Belt counties.", "post", None),
        ("2020-05-22T16:45:52Z", "SenDougJones", "Thank you, Terri. Couldn’t do it without partners like you. The Black Belt deserves our full attention.", "reply", 0),
        ("2020-05-23T18:20:30Z", "DougJones", "Great virtual town hall with @RepTerriSewell tonight. Thanks to everyone who joined with questions about unemployment and testing.", "post", None),
        ("2020-05-24T13:40:07Z", "RepTerriSewell", "Proud to partner with Senator Jones. Alabama is better for his service.", "quote", 2),
    ]),
]


def friendly_pairs(s):
    for label, turns in FRIENDLY:
        made = []
        for at, handle, text, how, to in turns:
            author = s.fig(handle)
            if how == "post":
                p = s.stream.post(author, at, text)
            elif how == "quote":
                p = s.stream.post(author, at, text, quote_of=made[to])
            else:
                parent = made[to]
                p = s.stream.post(author, at, f"@{parent.author.handle} {text}", reply_to=parent)
            made.append(p)
            s.mark("friendly:" + label, f"{handle} {how}", p)
        if label.startswith("Klobuchar"):
            s.mark("quotes", "public quote of Klobuchar", s.stream.post(
                s.pub("mn_lakes_linda"), made[0].at + dt.timedelta(minutes=47),
                "More of this, please. Two senators from neighboring states working on drug prices together.",
                quote_of=made[0]))
        # a little public traffic under each pair
        for p in made[::3]:
            s.stream.reply(s.pub(s.rng.choice(PUBLIC_X)[0]), p, s.rng.randrange(120, 3000), s.rng.choice(SUPPORT + QUESTION))
    # The Cornyn quote of Cruz arrives before the post it quotes.
    cruz_cornyn = s.roles["friendly:" + FRIENDLY[0][0]]
    s.out_of_order.append((cruz_cornyn[1][1], cruz_cornyn[0][1], 3))
    s.mark("ooo", "Cornyn's quote of Cruz, arrives before Cruz's post", cruz_cornyn[1][1])


def reposts(s):
    """Figures amplifying figures: X reposts carry "RT @handle: text"."""
    by_label = {label: [p for _, p in posts] for label, posts in s.roles.items()}
    warner_first = by_label["friendly:Kaine ↔ Warner (Virginia)"][0]
    jones_townhall = by_label["friendly:Jones ↔ Sewell (Alabama Democrats)"][2]
    cornyn_memorial = by_label["friendly:Cruz ↔ Cornyn (Texas)"][5]
    for handle, original, delay in [("timkaine", warner_first, 1500), ("RepTerriSewell", jones_townhall, 1800),
                                    ("SenTedCruz", cornyn_memorial, 900)]:
        p = s.stream.post(s.fig(handle), original.at + dt.timedelta(seconds=delay),
                          f"RT @{original.author.handle}: {original.data['text']}", repost_of=original)
        s.mark("reposts", f"{handle} reposts {original.author.handle}", p)


# Ordinary posts by figures: no other figure named. Texts are illustrative.
TOPICAL = [
    "Small businesses in {state}: the Paycheck Protection Program is still open. If you have questions about eligibility or forgiveness, my office can help.",
    "Free COVID-19 testing is available across {state} this week. If you have symptoms or were exposed, please get tested.",
    "Still waiting on unemployment benefits? You are not alone. My office is pressing for answers every day. Reach out and we will help.",
    "Congratulations to the {state} Class of 2020. You finished the year in a way nobody expected, and you did it with grace.",
    "Thank you to the nurses, doctors and hospital staff across {state} who have been on the front lines of this pandemic for months.",
    "{state} farmers and ranchers have taken a hard hit from COVID-19 disruptions. I’m pressing USDA to get assistance out the door quickly.",
    "Have you filled out the 2020 Census? It takes about ten minutes and shapes {state}’s representation and funding for the next decade. my2020census.gov",
    "Veterans in {state}: if you are having trouble getting care or benefits from the VA during the pandemic, my office can help.",
    "Food banks across {state} are seeing record demand. If you are able, please consider donating or volunteering this weekend.",
    "Heading into the holiday weekend: enjoy the outdoors, keep your distance, and wear a mask when you can’t. Let’s keep {state} moving in the right direction.",
    "Thanks to everyone who joined today’s telephone town hall. Your questions about testing, unemployment and small business relief shape my work in Washington.",
]
HURRICANE = ("Hurricane season starts June 1 and forecasters expect an above-normal season. Make your plan now, and "
             "remember that shelters may look different this year because of COVID-19.")
MEMORIAL = [
    "This Memorial Day we honor the men and women from {state} who gave their lives in service to our country. We will never forget them.",
    "Memorial Day looks different this year, but our gratitude does not. Take a moment today to remember those who made the ultimate sacrifice.",
    "Today we remember the fallen, and we hold their families close. #MemorialDay",
]
SUPPORT = ["Thank you for all you do!", "Proud to have you representing us.", "Thank you, this is helpful.",
           "Appreciate the update.", "Great work, keep it up.", "Thank you for remembering them."]
QUESTION = ["How do I reach your office? The phone line has been busy all week.",
            "Any update on when the next relief bill will pass?",
            "My unemployment claim has been pending for six weeks. Who do I call?",
            "Is the testing site downtown open on the holiday?"]
RUDE = ["Do your job instead of tweeting.", "Useless as always.", "Spare us the photo ops.",
        "You’ve been in Washington way too long.", "Nobody believes a word you say.", "What a joke.",
        "Resign.", "You’re a fraud and everybody knows it."]
BACK_AND_FORTH = ["Exactly this.", "Totally agree.", "Speak for yourself.", "Relax, it’s a holiday weekend.",
                  "Nope.", "This isn’t the gotcha you think it is.",
                  "Call the district office, they got back to me in a day."]
SPANISH = "Gracias por la información. ¿Dónde puedo hacerme la prueba este fin de semana?"

# The X handle each member posts under in 2020 (default: the first office account).
POSTS_AS = {"M000355": ("LeaderMcConnell", "senatemajldr"), "J000300": ("SenDougJones", None),
            "C001098": ("SenTedCruz", None)}


# Members whose Memorial Day post is part of a friendly exchange already.
OWN_MEMORIAL_POST = {"W000805", "C001056", "F000466"}


def ordinary_posts(s):
    st, rng = s.stream, s.rng
    members = [f for f in s.figures if "bioguide" in f]
    gulf = {"Louisiana", "Texas", "Alabama"}
    for i, f in enumerate(members):
        bioguide = f["bioguide"]
        if bioguide == "T000278":
            continue  # Tuberville's posts are written with the seed
        handle, as_typed = POSTS_AS.get(bioguide, (f["accounts"][0]["handle"], None))
        author = s.fig(handle, as_typed)
        state = f["role"].split(" from ")[1].split("'")[0].split(";")[0].split(" (")[0]
        texts = [(rng.choice(["21", "22", "23", "24"]), TOPICAL[i % len(TOPICAL)])]
        if state in gulf and i % 2 == 0:
            texts.append(("22", HURRICANE))
        if i % 4 != 3 and bioguide not in OWN_MEMORIAL_POST:
            texts.append(("25", MEMORIAL[i % len(MEMORIAL)]))
        else:
            texts.append((rng.choice(["21", "22", "23"]), TOPICAL[(i + 5) % len(TOPICAL)]))
        for day, text in texts:
            at = dt.datetime(2020, 5, int(day), 12, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=rng.randrange(12 * 3600))
            p = st.post(author, at, text.format(state=state))
            public_replies(s, p)


def public_replies(s, p):
    """0-3 replies from the public; now and then a second level between members of the public."""
    rng = s.rng
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
        tone = rng.random()
        if tone < 0.06:
            text, lang = SPANISH, "es"
        else:
            text, lang = rng.choice(SUPPORT if tone < 0.45 else QUESTION if tone < 0.72 else RUDE), "en"
        replier = s.pub(rng.choice(PUBLIC_X)[0])
        delay = rng.randrange(90, 5 * 3600)
        if p.at + dt.timedelta(seconds=delay + 3600) > END_OF_SAMPLE:
            continue
        r = s.stream.reply(replier, p, delay, text, lang=lang)
        if rng.random() < 0.25:
            other = s.pub(rng.choice([h for h, _ in PUBLIC_X if h != replier.handle]))
            s.stream.reply(other, r, rng.randrange(60, 1800), rng.choice(BACK_AND_FORTH))


def fediverse(s):
    """Bluesky and Mastodon: the public talking about the figures by name (no figure accounts)."""
    st, pub = s.stream, s.pub
    root = st.post(pub("lena-reads.bsky.social"), "2020-05-23T01:10:33Z",
                   "Trump and Jeff Sessions are openly feuding over the Alabama Senate runoff tonight. "
                   "Sessions to Trump: “you’re damn fortunate I did.” Wild.")
    r1 = st.reply(pub("marcusw.bsky.social"), root, 420,
                  "Sessions claiming the Mueller report exonerated Trump is the part that jumps out at me.")
    r2 = st.reply(pub("lena-reads.bsky.social"), r1, 300, "Right, the report says the opposite in so many words.")
    s.mark("deep", "Bluesky reply, level 3", st.reply(pub("quietcoast.bsky.social"), r2, 900,
                                                       "Both of them are using the same report to score points. Exhausting."))
    st.reply(pub("okra-and-politics.bsky.social"), root, 1300,
             "Meanwhile Tuberville just has to stay quiet and let them go at it. @lena-reads.bsky.social did you see the Sessions thread about him?")
    jones = st.post(pub("birminghamnotes.bsky.social"), "2020-05-23T17:02:44Z",
                    "Doug Jones must be enjoying this Republican runoff from a safe distance.")
    st.reply(pub("dana-k.bsky.social"), jones, 2400, "November is a long way off. Jones has his own work cut out for him.")
    race = st.post(pub("birminghamnotes.bsky.social"), "2020-05-22T18:30:27Z",
                   "Alabama Senate runoff is July 14: Sessions vs. Tuberville, and the winner faces Doug Jones in "
                   "November. Here’s what to watch.")
    debate = st.reply(pub("dana-k.bsky.social"), race, 1500, "The debate question is going to follow Tuberville all summer.")
    st.reply(pub("lena-reads.bsky.social"), debate, 2100, "As long as Sessions keeps pushing it, yes.")
    civil = st.post(pub("marcusw.bsky.social"), "2020-05-24T16:10:40Z",
                    "Nice to see Cruz and Cornyn, and Klobuchar and Grassley, being nice to each other online this "
                    "weekend. Low bar, but still.")
    drugs = st.reply(pub("quietcoast.bsky.social"), civil, 900,
                     "Generic drug competition is one of the few things that actually moves in this Congress.")
    st.reply(pub("okra-and-politics.bsky.social"), drugs, 1200, "Agreed.")
    memorial = st.post(pub("dana-k.bsky.social"), "2020-05-25T15:30:09Z",
                       "Quiet Memorial Day at the national cemetery. Flags on every grave, families keeping their distance.")
    st.reply(pub("quietcoast.bsky.social"), memorial, 1800, "Thank you for sharing this.")

    fact = st.post(pub("newsnerd@mastodon.social"), "2020-05-23T02:05:18Z",
                   "Fact check on tonight’s exchange: the Mueller report says “while this report does not conclude that "
                   "the President committed a crime, it also does not exonerate him.” Sessions’s “exoneration” line is wrong.")
    m1 = st.reply(pub("rlee@mastodon.online"), fact, 600, "Thanks. People keep skipping that sentence.")
    m2 = st.reply(pub("civics_teacher@mstdn.social"), m1, 1100, "Because almost nobody read all 448 pages.")
    m3 = st.reply(pub("rlee@mastodon.online"), m2, 700, "I did! Long, but very readable.")
    s.out_of_order.append((m3, m2, 2))
    s.mark("ooo", "Mastodon reply (parent only, no root), arrives before its parent", m3)
    st.reply(pub("gulls@mastodon.online"), fact, 3000, "Boosting. Sessions and Trump both get this wrong in different directions.")
    lesson = st.post(pub("civics_teacher@mstdn.social"), "2020-05-23T13:20:05Z",
                     "Teaching recusal rules on Tuesday. This weekend’s Trump and Sessions back-and-forth is going "
                     "into the lesson plan.")
    st.reply(pub("gulls@mastodon.online"), lesson, 800, "Include 28 CFR 45.2!")
    st.reply(pub("rlee@mastodon.online"), lesson, 2600, "And the exact wording of the Mueller report on exoneration.")
    korea = st.post(pub("gulls@mastodon.online"), "2020-05-25T14:40:12Z",
                    "Memorial Day. Thinking of my grandfather, who never talked about Korea.")
    st.reply(pub("bayou_bea@mastodon.social"), korea, 1400, "Thank you for sharing. My uncle was the same about Vietnam.")
    relief = st.post(pub("bayou_bea@mastodon.social"), "2020-05-24T19:44:51Z",
                     "Memorial Day weekend and Congress is still arguing about the next relief bill. Small businesses "
                     "here can’t wait much longer.")
    st.reply(pub("newsnerd@mastodon.social"), relief, 2000, "The House passed its bill last week. The Senate hasn’t taken it up.")
    st.reply(pub("civics_teacher@mstdn.social"), relief, 4000, "Same story here. Our diner reopened at half capacity.")


# ---------------------------------------------------------------------------------------------
# Arrival order, README, validation

def arrival_order(s):
    ordered = sorted(s.stream.posts, key=lambda p: (p.at, p.seq))
    for child, parent, lines_earlier in s.out_of_order:
        ordered.remove(child)
        ordered.insert(max(0, ordered.index(parent) - (lines_earlier - 1)), child)
    original, lines_after = s.duplicate
    lines = [p.line() for p in ordered]
    position = ordered.index(original) + lines_after
    lines.insert(position + 1, original.line())
    return ordered, lines, position + 2  # 1-based line number of the redelivered copy


def readme(s, figures, ordered, lines, duplicate_line):
    line_of_ordered = {p.id: i + 1 for i, p in enumerate(ordered)}
    # line numbers after the duplicate's insertion
    def line(p):
        n = line_of_ordered[p.id]
        return n + 1 if n >= duplicate_line else n

    def row(label, p):
        text = p.data["text"].replace("|", "\\|")
        if len(text) > 90:
            text = text[:87] + "…"
        return f"| {label} | `{p.id}` | {line(p)} | {p.data['createdAt']} | @{p.author.handle} | {text} |"

    header = "| what | post id | line | createdAt | author | text |\n|---|---|---|---|---|---|"

    def table(scenario):
        return header + "\n" + "\n".join(row(label, p) for label, p in s.roles[scenario])

    platforms = {}
    for p in ordered:
        platforms[p.data["platform"]] = platforms.get(p.data["platform"], 0) + 1
    figure_posts = sum(1 for p in ordered if p.author.figure_id)
    friendly = "\n\n".join(f"**{label.split(':', 1)[1]}**\n\n{table(label)}"
                           for label in s.roles if label.startswith("friendly:"))
    ooo_rows = []
    what = {p.id: label for label, p in s.roles["ooo"]}
    for child, parent, _ in s.out_of_order:
        ooo_rows.append(f"| {what[child.id]} | `{child.id}` (line {line(child)}, {child.data['createdAt']}) | "
                        f"`{parent.id}` (line {line(parent)}, {parent.data['createdAt']}) |")
    original = s.duplicate[0]
    seed = dict((label[:3], p) for label, p in s.roles["seed"])
    n_accounts = sum(len(f["accounts"]) for f in figures)

    return f"""# Demo data

The bundled sample that `crossfire demo` plays, and a ready input for
`detect --posts src/main/resources/demo/posts.jsonl --figures src/main/resources/demo/figures.yaml`.

**Generated** by `tools/demo-data/generate.py` (deterministic, Python 3 standard library). Do not
edit these files by hand: change the script and run `python3 tools/demo-data/generate.py`
(`--check` verifies that the committed files are what the script produces). The script reads
`../shared/data/figures` at generation time only; the build never runs it.

| file | what |
|---|---|
| `figures.yaml` | public-figures registry in the contract format: {len(figures)} figures, {n_accounts} X accounts |
| `posts.jsonl` | sample stream in the contract's JSON Lines format: {len(lines)} lines = {len(ordered)} distinct posts + 1 redelivered duplicate. **File order is arrival order.** |

The stream covers 2020-05-21 to 2020-05-25 (one quoted post is from 2020-05-18), with
{platforms.get('x', 0)} X, {platforms.get('bluesky', 0)} Bluesky and {platforms.get('mastodon', 0)} Mastodon posts;
{figure_posts} are by figures, the rest by fictional members of the public. X ids are snowflakes
that match their `createdAt`; Bluesky ids are `bsky:at://did:plc:…/app.bsky.feed.post/<TID>`
(`rootId` set, as Bluesky gives the thread root); Mastodon ids are
`mastodon:<instance>/<status id>` (`rootId` null: Mastodon gives only the parent). Every line is
valid and complete: `detect` should reject none. Line numbers below are 1-based lines of `posts.jsonl`.

## The story

On Friday 22 May 2020 President Trump quoted a Tommy Tuberville post, told Alabama not to trust
Jeff Sessions, and endorsed Tuberville in the Alabama Senate runoff. Forty minutes later Sessions
quoted him back ("you’re damn fortunate I did"), then turned on Tuberville in the same thread
("a coward"). The next afternoon Trump quoted Sessions back with insults; that evening Sessions
answered once more by name. Tuberville never answered Sessions. Around it: ordinary
congressional posting, colleagues thanking each other across the aisle, and the public replying.

## Scenarios

### Seed exchange: Trump ↔ Sessions

{table("seed")}

Turns of the pair: (a) Trump → Sessions NAME (the post is a quote of Tuberville); (b) Sessions →
Trump QUOTE; (d) Trump → Sessions QUOTE; (e) Sessions → Trump NAME. Two turns each way in about
24 hours, hostility rising from (a) to (d).

### The rest of the Alabama race

{table("alabama")}

Trump → Tuberville is a QUOTE (and NAME) in (a); Tuberville → Trump a NAME (his quoted post) and a
REPLY (his thanks). Friendly.

### One-sided attack: Sessions → Tuberville, never answered

{table("one-sided")}

(c1) and (c2) are Sessions’ thread under his own post (b): self-replies, so no Sessions → Sessions
interaction, but both name Tuberville. No post by Tuberville mentions, names, quotes or replies to
Sessions.

### Passing mention: Trump → McConnell, once, no answer

{table("passing")}

The mention uses the 2020 handle in lower case (`senatemajldr`); the registry lists it as
`SenateMajLdr` (earlier name of `LeaderMcConnell`). Handles compare case-insensitively.

### Friendly colleagues

{friendly}

### Reposts of a figure by another figure

{table("reposts")}

### Out-of-order arrivals (createdAt is correct; the line comes before what it references)

| what | post (line, createdAt) | references (line, createdAt) |
|---|---|---|
{chr(10).join(ooo_rows)}

### Duplicate (redelivery)

`{original.id}` ((b), Sessions’ quote of Trump) is on line {line(original)} and again, byte for
byte, on line {duplicate_line}. It must be dropped the second time and must not add a turn.

### Deep threads

{table("deep")}

### Public quotes

{table("quotes")}

### Name-matching traps

{table("traps")}

- "Baldwin County" (Alabama) is not Tammy Baldwin, whose registry aliases include `Baldwin`. A
  matcher that takes it is wrong, though harmless here (one friendly turn, no answer).
- Robert Mueller is named ("Fraudulent Mueller Scam", "the Mueller report") but is **not** a
  figure.
- `Sessions` is an alias of Jeff Sessions and also an ordinary word; the sample only uses it as
  his name.

## Expected alerts

| pair | must | intended |
|---|---|---|
| donald-trump / jeff-sessions | **at least ESCALATING** | ESCALATING or SEVERE, one exchange starting at (a) `{seed['(a)'].id}` {seed['(a)'].data['createdAt']}; its turns are (a), (b), (d), (e); the duplicate of (b) adds none |
| jeff-sessions / tommy-tuberville | below ESCALATING | NOTICE at most: hostile but one-sided, Tuberville never answers |
| donald-trump / tommy-tuberville | below ESCALATING | no alert: an endorsement and a thank-you |
| donald-trump / mitch-mcconnell | below ESCALATING | no alert: one friendly mention, no answer |
| each friendly pair above | no alert | no alert |
| any other pair | below ESCALATING | no alert |

So `detect` over `posts.jsonl` reads {len(lines)} lines, rejects none, drops the one redelivered
duplicate, and raises exactly one pair, Trump and Sessions, to ESCALATING or above.

## Provenance and licences

- `figures.yaml`: members of Congress (names, parties, roles as of {DEMO_DATE}, office X accounts)
  from [{LEGISLATORS[0]}](https://github.com/{LEGISLATORS[0]}) @ `{LEGISLATORS[1]}`
  (`legislators-current.yaml`, `legislators-social-media.yaml`), **{LEGISLATORS[2]}**; office,
  campaign and personal X accounts with their numeric ids and earlier names from
  [{CONGRESSTWEETS[0]}](https://github.com/{CONGRESSTWEETS[0]}) @ `{CONGRESSTWEETS[1]}`
  (`historical-users-filtered.json`), **{CONGRESSTWEETS[2]}** ({MIT_COPYRIGHT}; notice below). Doug Jones
  left Congress before the legislators snapshot; his entry comes from congresstweets alone.
  Donald Trump and Jeff Sessions are in neither file: their entries are written by hand from
  public facts. Each entry carries its source in a comment. Jeff Sessions' X account id is not
  recorded, so his posts carry `author.id` null (an optional field).
- Seed texts: (b), (c1) and (c2) are quoted verbatim from the news article of 2020-05-23
  (`../shared/seed/news-article-2020-05-23.txt`, which quotes (b) in two parts); (a) is the
  tweet as the article quotes it, with its "3 years ago" as posted (the article writes "Three").
  The ids of (a) and of Tuberville's quoted post are those of the contract's example.
- **(d) is reconstructed for the demo, not a verbatim quote**: the article does not give the text
  of Trump's answer of 23 May; this is a plausible one in his style.
- Everything else is synthetic and illustrative: (e), Sessions' other posts about Tuberville,
  Tuberville's quoted post and thanks, and every other post by a figure (ordinary posts, the
  friendly exchanges, reposts) were written for this demo and are not things those people
  said. Members of the public are fictional accounts. Bluesky did not exist in 2020; its posts are
  there to exercise its id style. Metrics are invented.

### Licence notice for the congresstweets-accounts data (MIT)

```
MIT License

{MIT_COPYRIGHT}

{MIT_NOTICE}
```
"""


REQUIRED = ("id", "platform", "createdAt", "text")
PLATFORMS = {"x", "bluesky", "mastodon", "threads", "other"}


def validate(lines, figures_text, readme_text, s):
    problems = []
    registry = {h.lower() for h in re.findall(r"handle: ([^,}\s]+)", figures_text)}
    figure_handles = {a.lower() for a in s._figure_authors}
    posts, seen_lines, by_id = [], {}, {}
    for n, line in enumerate(lines, start=1):
        try:
            p = json.loads(line)
        except ValueError as e:
            problems.append(f"line {n}: not JSON: {e}")
            continue
        for field in REQUIRED:
            if field not in p or p[field] is None:
                problems.append(f"line {n}: no {field}")
        if not (p.get("author") or {}).get("handle"):
            problems.append(f"line {n}: no author.handle")
        if p.get("platform") not in PLATFORMS:
            problems.append(f"line {n}: platform {p.get('platform')}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", p.get("createdAt", "")):
            problems.append(f"line {n}: createdAt {p.get('createdAt')}")
        if p["id"] in by_id:
            if seen_lines[p["id"]] != line:
                problems.append(f"line {n}: id {p['id']} reused by a different post")
        else:
            by_id[p["id"]], seen_lines[p["id"]] = p, line
            posts.append((n, p))
    if len(lines) - len(posts) != 1:
        problems.append(f"expected exactly one duplicate line, found {len(lines) - len(posts)}")

    line_of = {}
    for n, p in posts:
        line_of[p["id"]] = n
    for n, p in posts:
        handles = [p["author"]["handle"]] + p["mentions"]
        for field in ("replyTo", "quoteOf", "repostOf"):
            ref = p[field]
            if ref is None:
                continue
            target = by_id.get(ref["postId"])
            if target is None:
                problems.append(f"line {n}: {field} {ref['postId']} not in the file")
                continue
            if ref.get("authorHandle") != target["author"]["handle"]:
                problems.append(f"line {n}: {field}.authorHandle does not match")
            if target["createdAt"] >= p["createdAt"]:
                problems.append(f"line {n}: {field} is not older")
            handles.append(ref["authorHandle"])
        if p["rootId"] and p["rootId"] not in by_id:
            problems.append(f"line {n}: rootId not in the file")
        for h in handles:
            if h.lower() in figure_handles and h.lower() not in registry:
                problems.append(f"line {n}: figure handle {h} missing from figures.yaml")
        if p["author"]["handle"].lower() not in figure_handles and p["author"]["handle"].lower() in registry:
            problems.append(f"line {n}: public author uses a figure handle")
    xs = sorted((p["createdAt"], int(p["id"][2:])) for _, p in posts if p["platform"] == "x")
    if [i for _, i in xs] != sorted(i for _, i in xs):
        problems.append("X ids do not increase with time")

    # Scenario guarantees
    for child, parent, _ in s.out_of_order:
        if line_of[child.id] >= line_of[parent.id]:
            problems.append(f"{child.id} should arrive before {parent.id}")
    tuberville = {a["handle"].lower() for f in s.figures if f["id"] == "tommy-tuberville" for a in f["accounts"]}
    for _, p in posts:
        if p["author"]["handle"].lower() in tuberville:
            refs = [p[f]["authorHandle"].lower() for f in ("replyTo", "quoteOf", "repostOf") if p[f]]
            if "sessions" in p["text"].lower() or "jeffsessions" in refs + [m.lower() for m in p["mentions"]]:
                problems.append(f"Tuberville answers Sessions in {p['id']}")
    if "mueller" in figures_text.lower():
        problems.append("Mueller must not be a figure")
    for post_id in re.findall(r"`((?:x|bsky|mastodon):[^`<…]+)`", readme_text):
        if post_id not in by_id:
            problems.append(f"README names {post_id}, not in posts.jsonl")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("CROSSFIRE_FIGURES_DATA", DEFAULT_DATA_DIR)))
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="do not write; fail if the files differ")
    args = parser.parse_args()

    figures = load_figures(args.data_dir)
    figures_text = figures_yaml(figures)
    sample = build(figures)
    ordered, lines, duplicate_line = arrival_order(sample)
    readme_text = readme(sample, figures, ordered, lines, duplicate_line)
    outputs = {"figures.yaml": figures_text, "posts.jsonl": "\n".join(lines) + "\n", "README.md": readme_text}

    problems = validate(lines, figures_text, readme_text, sample)
    for problem in problems:
        print("invalid:", problem, file=sys.stderr)
    if problems:
        return 1
    if args.check:
        stale = [name for name, text in outputs.items()
                 if not (args.out_dir / name).exists() or (args.out_dir / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"stale: {args.out_dir / name} differs from what the script generates", file=sys.stderr)
        return 1 if stale else 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (args.out_dir / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(lines)} lines ({len(ordered)} posts), {len(figures)} figures to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
