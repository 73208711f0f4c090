#!/usr/bin/env python3
"""Expected values for taskspace's 20 Newsgroups cleaning, computed by scikit-learn itself.

Writes, under src/test/resources/dev/taskspace/corpus/:
  cleaning/*.txt           crafted posts (latin-1 bytes, some with CRLF line endings)
  cleaning/expected.json   for each post: scikit-learn's cleaned text and the demo's
                           normalised text (or null when the demo would drop it)
  sklearn-20news-digest.tsv  per split and category of the real archive: posts, how many
                           the demo drops (empty / shorter than 100), how many it keeps, and
                           a SHA-256 over the kept texts, so the Java test can compare all
                           18,846 posts without committing them

Cleaning = scikit-learn's strip_newsgroup_header, _footer, _quoting, in the order
fetch_20newsgroups(remove=('headers','footers','quotes')) applies them, after one
deliberate change that taskspace makes too: '\\r\\n' becomes '\\n' first (scikit-learn would
empty a CRLF post because it finds no blank line after its headers).
Normalisation = the original demo's: ' '.join(text.split()), keep len >= 100, cut at 5000.

Usage (Debian: apt-get install python3-sklearn):
  /usr/bin/python3 scripts/sklearn_newsgroups_fixtures.py [../shared/data/20news-bydate.tar.gz]
"""
import hashlib
import json
import os
import sys
import tarfile

from sklearn.datasets._twenty_newsgroups import (
    strip_newsgroup_footer,
    strip_newsgroup_header,
    strip_newsgroup_quoting,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "corpus")
MIN_CHARS, MAX_CHARS = 100, 5000


def clean(text):
    text = text.replace("\r\n", "\n")
    return strip_newsgroup_quoting(strip_newsgroup_footer(strip_newsgroup_header(text)))


def normalise(text):
    text = " ".join(text.split())
    if len(text) < MIN_CHARS:
        return None
    return text[:MAX_CHARS]


LONG = ("The shuttle program flew 135 missions between 1981 and 2011, and its engines were "
        "reused from flight to flight after careful inspection. ")

# name -> post text (str; written as latin-1). Each exercises one rule or an edge of it.
POSTS = {
    "plain": "From: a@b.c\nSubject: orbits\n\n" + LONG + "\nThanks,\nAnn\n",
    "header-no-blank-line": "From: a@b.c\nSubject: no body separator\n" + LONG,
    "header-only": "From: a@b.c\nSubject: nothing else\n\n",
    "blank-line-first": "\n\n" + LONG,
    "header-two-blank-lines": "From: a@b.c\n\n\nBody after two blank lines. " + LONG,
    "footer-dashes": "From: a@b.c\n\n" + LONG + "\n--\nAnn Smith | NASA | ann@nasa.gov\n",
    "footer-long-dashes": "From: a@b.c\n\n" + LONG + "\n------------------------------\nsig line\n",
    "footer-blank-then-sig": "From: a@b.c\n\n" + LONG + "\n\nAnn\n",
    "footer-dashes-at-top": "From: a@b.c\n\n--\n" + LONG + "more text\n",
    "footer-dashes-with-spaces": "From: a@b.c\n\n" + LONG + "\n  --  \nsig\n",
    "footer-spaced-dashes-not-separator": "From: a@b.c\n\n" + LONG + "\n- -\nnot a signature\n",
    "footer-none": "From: a@b.c\n\n" + LONG.strip(),
    "footer-trailing-blank-lines": "From: a@b.c\n\n" + LONG + "\nline two\n\n\n\n",
    "quote-gt": "From: a@b.c\n\n> quoted line\n>> nested quote\n" + LONG + "\n",
    "quote-pipe": "From: a@b.c\n\n| piped quote\n" + LONG + "\n",
    "quote-in-article": "From: a@b.c\n\nIn article <1@x.y> bob@x.y (Bob) writes:\n" + LONG + "\n",
    "quote-quoted-from": "From: a@b.c\n\nQuoted from somebody\n" + LONG + "\n",
    "quote-writes": "From: a@b.c\n\nbob@x.y writes:\nJane wrote: hi\nHe says: yes\nShe said: no\n"
                   "someone writes in comp.graphics\n" + LONG + "\n",
    "quote-mid-line-markers": "From: a@b.c\n\n" + LONG + " text > not a quote | nor this\n"
                              "  > indented, not a quote\n  In article is not at line start\n",
    "quote-case": "From: a@b.c\n\nin article lowercase stays\nWRITES: upper stays\n" + LONG + "\n",
    "crlf": ("From: a@b.c\nSubject: crlf\n\n" + LONG + "\n> quoted\nend of body\n--\nsig\n").replace("\n", "\r\n"),
    "crlf-mixed": "From: a@b.c\r\nSubject: mixed\r\n\r\n" + LONG + "\nsecond line\r\n",
    "latin1": "From: a@b.c\n\nCaf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9, \u00a3 5, \u00a9 1993, "
              "stra\u00dfe\u00a0non-breaking. " + LONG + "\n",
    "whitespace": "From: a@b.c\n\n  lots\t\tof \x0b\x0c odd\x1c\x1d\x1e\x1f whitespace\x85here\xa0too  \n" + LONG,
    "short": "From: a@b.c\n\nToo short to keep.\n",
    "long": "From: a@b.c\n\n" + (LONG * 60) + "\n",
}


def write_cleaning_cases():
    folder = os.path.join(OUT, "cleaning")
    os.makedirs(folder, exist_ok=True)
    expected = {}
    for name, text in sorted(POSTS.items()):
        with open(os.path.join(folder, name + ".txt"), "wb") as f:
            f.write(text.encode("latin-1"))
        cleaned = clean(text)
        expected[name] = {"cleaned": cleaned, "normalised": normalise(cleaned)}
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=True, sort_keys=True)
        f.write("\n")


def write_archive_digest(archive):
    with open(archive, "rb") as f:
        archive_sha = hashlib.sha256(f.read()).hexdigest()
    groups = {}
    with tarfile.open(archive, "r:*") as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = member.name.lstrip("./").split("/")
            if len(parts) != 3 or parts[0] not in ("20news-bydate-train", "20news-bydate-test"):
                continue
            split = parts[0].rsplit("-", 1)[1]
            text = tar.extractfile(member).read().decode("latin-1")
            doc_id = "/".join((split, parts[1], parts[2]))
            groups.setdefault((split, parts[1]), []).append((doc_id, clean(text)))
    path = os.path.join(OUT, "sklearn-20news-digest.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# scripts/sklearn_newsgroups_fixtures.py on archive sha256 %s\n" % archive_sha)
        f.write("# split\tcategory\tposts\tempty\tshort\tkept\tsha256(kept: id TAB text LF, by id)\n")
        for (split, category), docs in sorted(groups.items()):
            empty = short = 0
            digest = hashlib.sha256()
            kept = 0
            for doc_id, cleaned in sorted(docs):
                collapsed = " ".join(cleaned.split())
                if not collapsed:
                    empty += 1
                elif len(collapsed) < MIN_CHARS:
                    short += 1
                else:
                    kept += 1
                    digest.update((doc_id + "\t" + collapsed[:MAX_CHARS] + "\n").encode("utf-8"))
            f.write("%s\t%s\t%d\t%d\t%d\t%d\t%s\n" % (split, category, len(docs), empty, short, kept, digest.hexdigest()))


if __name__ == "__main__":
    write_cleaning_cases()
    archive = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "20news-bydate.tar.gz")
    if os.path.exists(archive):
        write_archive_digest(archive)
    else:
        print("no archive at %s: wrote the crafted cases only" % archive, file=sys.stderr)
