"""Counts, in a glossator CoNLL file (either style), the sentence breaks after abbreviations
and the tags that break IOB2:

    python tests/interop/conll_sentences.py FILE.conll

A false break: within one paragraph (or document, for the 2003 style), a sentence whose last
word (its last token without a final period, or the token before a final "." token) is one
of ABBREVIATIONS, followed by a sentence that starts with a capital letter.
"""

import sys

ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Sen", "U.S", "Gov", "Rep", "St"}


def sentences(path):
    """(block, tokens) per sentence, where a block is a paragraph or document, and a token is
    (text, [tags])."""
    block, sent = 0, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#") or line.startswith("-DOCSTART-") or not line.strip():
            if sent:
                yield block, sent
                sent = []
            if line.strip():
                block += 1
            continue
        if "\t" in line:
            cols = line.split("\t")
            sent.append((cols[0], cols[3:]))
        else:
            cols = line.split(" ")
            sent.append((cols[0], cols[-1:]))
    if sent:
        yield block, sent


def last_word(sent):
    words = [t for t, _ in sent]
    if words[-1] == "." and len(words) > 1:
        return words[-2]
    return words[-1].rstrip(".")


def main():
    found = list(sentences(sys.argv[1]))
    false_breaks = sum(
        1
        for (ba, a), (bb, b) in zip(found, found[1:])
        if ba == bb and last_word(a) in ABBREVIATIONS and b[0][0][:1].isupper()
    )
    initial_i = sum(1 for _, s in found for tag in s[0][1] if tag.startswith("I-"))
    orphan_i = 0
    for _, s in found:
        for column in range(len(s[0][1])):
            prev = "O"
            for _, tags in s:
                tag = tags[column]
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    orphan_i += 1
                prev = tag
    print(
        f"{len(found)} sentences; false breaks after {', '.join(sorted(ABBREVIATIONS))}: "
        f"{false_breaks}; sentence-initial I-: {initial_i}; "
        f"I- not after B-/I- of its label: {orphan_i}"
    )


if __name__ == "__main__":
    main()
