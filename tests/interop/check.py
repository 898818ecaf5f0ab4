"""Checks glossator's exports with the readers data scientists load them with.

    python tests/interop/check.py path/to/glossator

Builds a project from the committed fixtures (brat import plus two format-1 files),
exports JSONL, the claims CSV, CoNLL-2003-style CoNLL and a spaCy DocBin, and checks that
- `python -m spacy convert -c ner` accepts the CoNLL file, the DocBin it writes loads, and
  every entity span's text is the text of a mention of that label;
- seqeval finds the same entities in strict IOB2 as leniently (no invalid sequence), and no
  sentence starts with I- nor has an I- that does not continue its label;
- pandas loads the JSONL and the CSV, and text[start:end] is each mention's text (each
  claim's, speaker's and cue's in the CSV);
- datasets.load_dataset("json", ...) loads the JSONL, and the token-classification export
  with its ClassLabel names (every I- continuing its label);
- spaCy loads the DocBin export (plus an article with odd whitespace and a mention that
  ends inside a word): one Doc per file whose text is the article's, whose whitespace
  tokens are those spaCy's own tokenizer makes, whose sentences cover the text, whose span
  group `sc` has every fragment of every mention (the mention's text unless snapped to
  tokens, then around it) and whose ents are some of those spans.
Prints one line per check and closes with `N passed, M failed`; exits 1 on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
RESULTS = []


def check(name):
    def wrap(fn):
        try:
            detail = fn()
            RESULTS.append(True)
            print(f"ok    {name}" + (f": {detail}" if detail else ""))
        except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
            RESULTS.append(False)
            print(f"FAIL  {name}: {e}")
            traceback.print_exc(limit=3)
        return fn

    return wrap


def run(*args, **kw):
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kw)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = Path(sys.argv[1]).resolve()
    work = Path(tempfile.mkdtemp(prefix="glossator-interop-"))
    project = work / "corpus"
    run(binary, "init", project)
    for folder in ["interop", "brat/polnear-style"]:
        run(binary, "import", "brat", FIXTURES / folder, "--into", project)
    # Runs of spaces, a tab, a no-break space, leading and trailing whitespace, blank lines,
    # and a mention that starts inside a word (snapped to the word).
    odd = work / "odd"
    odd.mkdir()
    odd_text = "  Lead  story:\tthe mayor\u00a0said \n it is  done.\n\n\nNew  line ends here  \n"
    (odd / "odd.txt").write_text(odd_text, encoding="utf-8")
    quote, speaker = "it is  done", "ead  story"
    (odd / "odd_a1.ann").write_text(
        f"T1\tContent {odd_text.index(quote)} {odd_text.index(quote) + len(quote)}\t{quote}\n"
        f"T2\tSource {odd_text.index(speaker)} {odd_text.index(speaker) + len(speaker)}\t{speaker}\n",
        encoding="utf-8",
    )
    odd_project = work / "odd-corpus"
    run(binary, "init", odd_project)
    run(binary, "import", "brat", odd, "--into", odd_project)
    sources = [project, FIXTURES / "v1" / "park.ann.ron", FIXTURES / "v1" / "every_field.ann.ron"]
    out = {
        "jsonl": work / "all.jsonl",
        "claims-csv": work / "claims.csv",
        "conll": work / "ner.conll",
        "spacy": work / "all.spacy",
    }
    exported = []

    @check("glossator exports JSONL, the claims CSV, 2003-style CoNLL and a spaCy DocBin")
    def _():
        for fmt, path in out.items():
            extra = ["--conll-style", "2003"] if fmt == "conll" else []
            # The odd article in the DocBin only: CoNLL's check wants exact spans.
            more = [odd_project] if fmt == "spacy" else []
            try:
                run(binary, "export", *sources, *more, "--format", fmt, "-o", path, *extra)
            except subprocess.CalledProcessError as e:
                raise AssertionError(f"{fmt}: exit {e.returncode}: {e.stderr.strip()}") from e
            assert path.is_file() and path.stat().st_size > 0, f"{fmt}: {path} was not written"
        exported.append(True)

    if not exported:
        shutil.rmtree(work, ignore_errors=True)
        print(f"{sum(RESULTS)} passed, {len(RESULTS) - sum(RESULTS)} failed")
        sys.exit(1)

    records = [json.loads(line) for line in out["jsonl"].read_text(encoding="utf-8").splitlines()]

    @check("the JSONL has every file")
    def _():
        assert len(records) == 4, len(records)
        return f"{len(records)} records, {sum(len(r['mentions']) for r in records)} mentions"

    # The 2003-style CoNLL as documents of sentences of (token, tag).
    docs = []
    for line in out["conll"].read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            docs.append([[]])
        elif not line.strip():
            if docs and docs[-1][-1]:
                docs[-1].append([])
        else:
            token, tag = line.split(" ")
            docs[-1][-1].append((token, tag))
    docs = [[s for s in d if s] for d in docs]
    sequences = [[tag for _, tag in s] for d in docs for s in d]

    @check("CoNLL: no comment lines, one document per file, two columns")
    def _():
        text = out["conll"].read_text(encoding="utf-8")
        assert not any(l.startswith("#") for l in text.splitlines())
        assert len(docs) == len(records), (len(docs), len(records))
        return f"{len(sequences)} sentences"

    @check("CoNLL: no sentence starts with I-, every I- continues its label")
    def _():
        bad = []
        for n, seq in enumerate(sequences):
            prev = "O"
            for tag in seq:
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    bad.append((n, tag))
                prev = tag
        assert not bad, bad[:5]

    @check("seqeval: strict IOB2 finds every entity the lenient reading finds")
    def _():
        from seqeval.metrics import classification_report
        from seqeval.metrics.sequence_labeling import get_entities
        from seqeval.scheme import IOB2, Entities

        strict = sum(len(e) for e in Entities(sequences, IOB2).entities)
        lenient = sum(len(get_entities(seq)) for seq in sequences)
        assert strict == lenient and strict > 0, (strict, lenient)
        classification_report(sequences, sequences, mode="strict", scheme=IOB2)
        return f"{strict} entities"

    @check("spaCy: `spacy convert -c ner` accepts the file and its spans are the mentions")
    def _():
        spacy_out = work / "spacy"
        spacy_out.mkdir()
        result = run(sys.executable, "-m", "spacy", "convert", "-c", "ner", out["conll"], spacy_out)
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.blank("xx")
        loaded = list(DocBin().from_disk(spacy_out / "ner.spacy").get_docs(nlp.vocab))
        assert len(loaded) == len(records), (len(loaded), len(records), result.stdout)
        spans = 0
        for doc, record in zip(loaded, records):
            text = record["text"]
            fragments = {
                (m["label"], text[s:e]) for m in record["mentions"] for s, e in m["fragments"]
            }
            for ent in doc.ents:
                # The tokens of a span, as they stand in the text: spaces only where the text
                # has them.
                words = [t.text for t in ent]
                found = any(
                    label == ent.label_ and "".join(words) == "".join(quote.split())
                    for label, quote in fragments
                )
                assert found, (record["article"], ent.label_, ent.text)
                spans += 1
        return f"{len(loaded)} docs, {spans} spans"

    @check("spaCy: the DocBin export loads, its texts are the articles, its spans the mentions")
    def _():
        import spacy
        from spacy.tokens import DocBin

        odd_jsonl = work / "odd.jsonl"
        run(binary, "export", odd_project, "--format", "jsonl", "-o", odd_jsonl)
        odd_records = [json.loads(l) for l in odd_jsonl.read_text(encoding="utf-8").splitlines()]
        expected = records + odd_records
        nlp = spacy.blank("en")
        loaded = list(DocBin().from_disk(out["spacy"]).get_docs(nlp.vocab))
        assert len(loaded) == len(expected), (len(loaded), len(expected))
        spans = snapped = ents = sentences = 0
        for doc, record in zip(loaded, expected):
            text, where = record["text"], record["article"]
            assert doc.text == text, (where, doc.text[:80], text[:80])
            assert doc.user_data["article"] == where, doc.user_data
            assert doc.user_data["annotator"] == record["annotator"], doc.user_data
            # Whitespace as spaCy's tokenizer leaves it: the same whitespace tokens.
            theirs = {(t.idx, t.text) for t in nlp(text) if t.is_space}
            ours = {(t.idx, t.text) for t in doc if t.is_space}
            assert ours == theirs, (where, sorted(ours ^ theirs)[:5])
            group = doc.spans["sc"]
            by_id = {}
            for span in group:
                by_id.setdefault(span.id_, []).append(span)
            for m in record["mentions"]:
                found = sorted(by_id.pop(m["id"], []), key=lambda s: s.start_char)
                assert len(found) == len(m["fragments"]), (where, m, found)
                for span, (s, e) in zip(found, m["fragments"]):
                    assert span.label_ == m["label"], (where, m, span.label_)
                    assert span.text == text[span.start_char : span.end_char], (where, span)
                    if (span.start_char, span.end_char) == (s, e):
                        assert span.text == text[s:e], (where, m, span.text)
                    else:
                        assert span.start_char <= s and e <= span.end_char, (where, m, span)
                        snapped += 1
                    spans += 1
            assert not by_id, (where, by_id)
            sents = list(doc.sents)
            assert all(not s[0].is_space for s in sents[1:]), (where, sents)
            assert "".join(s.text_with_ws for s in sents) == text, where
            sentences += len(sents)
            keys = {(s.start, s.end, s.label_) for s in group}
            for ent in doc.ents:
                assert (ent.start, ent.end, ent.label_) in keys, (where, ent)
                ents += 1
        assert snapped > 0, "the odd article's snapped span"
        return f"{len(loaded)} docs, {sentences} sentences, {spans} spans ({snapped} snapped), {ents} ents"

    @check("suggestions export to JSONL marked suggested, and slice back to their text")
    def _():
        story = work / "suggested"
        story.mkdir()
        shutil.copy(FIXTURES / "brat" / "polnear-style" / "council.txt", story / "council.txt")
        run(binary, "suggest", story / "council.txt")
        path = work / "suggested.jsonl"
        run(binary, "export", story / "council.ann.ron", "--format", "jsonl", "--include-suggestions", "-o", path)
        [rec] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert rec["mentions"] and all(m.get("suggested") is True for m in rec["mentions"]), rec["mentions"]
        assert all(a.get("suggested") is True for a in rec["attributions"]), rec["attributions"]
        for m in rec["mentions"]:
            assert " … ".join(rec["text"][s:e] for s, e in m["fragments"]) == m["text"], m
        return f"{len(rec['mentions'])} suggested mentions"

    import pandas as pd

    @check("pandas: the JSONL loads and every fragment slices back to its mention")
    def _():
        frame = pd.read_json(out["jsonl"], lines=True)
        assert len(frame) == len(records)
        n = 0
        for _, row in frame.iterrows():
            for m in row["mentions"]:
                pieces = [row["text"][s:e] for s, e in m["fragments"]]
                assert " … ".join(pieces) == m["text"], (row["article"], m)
                n += 1
        assert set(frame["status"]) <= {"todo", "in-progress", "done", "reviewed"}, set(frame["status"])
        return f"{n} mentions"

    @check("pandas: the claims CSV loads and its offsets slice back to claim, speaker and cue")
    def _():
        frame = pd.read_csv(out["claims-csv"], keep_default_na=False, dtype=str)
        texts = {(r["article"], r["annotator"]): r for r in records}
        n = 0
        for _, row in frame.iterrows():
            rec = texts[(row["article"], row["annotator"])]
            text = rec["text"]
            pieces = []
            for f in row["fragments"].split(";"):
                s, e = (int(x) for x in f.split("-"))
                pieces.append(text[s:e])
            assert " … ".join(pieces) == row["claim_text"], dict(row)
            extents = {
                (min(s for s, _ in m["fragments"]), max(e for _, e in m["fragments"])): m
                for m in rec["mentions"]
            }
            for who in ["speaker", "cue"]:
                if row[f"{who}_start"]:
                    s, e = int(row[f"{who}_start"]), int(row[f"{who}_end"])
                    assert (s, e) in extents, (who, dict(row))
                    if who == "cue":
                        assert extents[(s, e)]["text"] == row["cue"], dict(row)
            n += 1
        assert n > 0
        return f"{n} claims"

    @check("pandas: a stance is on the claim it targets only")
    def _():
        frame = pd.read_csv(out["claims-csv"], keep_default_na=False, dtype=str)
        for rec in records:
            targeted = {s["target"].get("mention") for s in rec["stances"]}
            ids = {m["id"]: m for m in rec["mentions"]}
            mine = frame[(frame["article"] == rec["article"]) & (frame["annotator"] == rec["annotator"])]
            for _, row in mine.iterrows():
                if row["stance_polarity"]:
                    assert row["claim_id"] in targeted, dict(row)
                else:
                    assert row["claim_id"] not in targeted, dict(row)

    @check("datasets: load_dataset('json') loads the JSONL")
    def _():
        os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
        os.environ.setdefault("HF_HOME", str(work / "hf"))
        import datasets

        ds = datasets.load_dataset(
            "json", data_files=str(out["jsonl"]), split="train", cache_dir=str(work / "hf-cache")
        )
        assert ds.num_rows == len(records), ds
        first = ds[0]
        for m in first["mentions"]:
            s, e = m["fragments"][0]
            assert first["text"][s:e] in m["text"], m
        return f"{ds.num_rows} rows, columns {', '.join(ds.column_names)}"

    @check("datasets: the token-classification export loads with its ClassLabel names")
    def _():
        os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
        import datasets
        from seqeval.metrics.sequence_labeling import get_entities

        hf = work / "hf"
        run(binary, "export", *sources, "--format", "hf", "-o", hf)
        described = json.loads((hf / "labels.json").read_text(encoding="utf-8"))
        features = datasets.Features.from_dict(described["features"])
        ds = datasets.load_dataset(
            "json",
            data_files=str(hf / "tokens.jsonl"),
            split="train",
            features=features,
            cache_dir=str(work / "hf-cache2"),
        )
        names = ds.features["ner_tags"].feature.names
        assert names[0] == "O", names
        entities = 0
        for row in ds:
            tags = [names[t] for t in row["ner_tags"]]
            assert len(tags) == len(row["tokens"]), row["id"]
            for i, t in enumerate(tags):
                # Strict IOB2: an I- continues a B-/I- of its own label.
                if t.startswith("I-"):
                    assert i > 0 and tags[i - 1][2:] == t[2:], (row["id"], i, tags[i - 1], t)
            entities += len(get_entities(tags))
        assert entities > 0
        return f"{ds.num_rows} rows, {len(names)} tag names, {entities} entities"

    shutil.rmtree(work, ignore_errors=True)
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
