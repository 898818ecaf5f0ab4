"""Checks glossator's exports with the readers data scientists load them with.

    python tests/interop/check.py path/to/glossator

Builds a project from the committed fixtures (brat import plus two format-1 files),
exports JSONL, the claims CSV and CoNLL-2003-style CoNLL, and checks that
- `python -m spacy convert -c ner` accepts the CoNLL file, the DocBin it writes loads, and
  every entity span's text is the text of a mention of that label;
- seqeval finds the same entities in strict IOB2 as leniently (no invalid sequence), and no
  sentence starts with I- nor has an I- that does not continue its label;
- pandas loads the JSONL and the CSV, and text[start:end] is each mention's text (each
  claim's, speaker's and cue's in the CSV);
- datasets.load_dataset("json", ...) loads the JSONL.
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
    sources = [project, FIXTURES / "v1" / "park.ann.ron", FIXTURES / "v1" / "every_field.ann.ron"]
    out = {
        "jsonl": work / "all.jsonl",
        "claims-csv": work / "claims.csv",
        "conll": work / "ner.conll",
    }
    exported = []

    @check("glossator exports JSONL, the claims CSV and 2003-style CoNLL")
    def _():
        for fmt, path in out.items():
            extra = ["--conll-style", "2003"] if fmt == "conll" else []
            try:
                run(binary, "export", *sources, "--format", fmt, "-o", path, *extra)
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

    shutil.rmtree(work, ignore_errors=True)
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
