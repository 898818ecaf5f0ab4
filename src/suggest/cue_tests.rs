//! The cue rules on small made-up texts, one kind of attribution at a time: verbs of saying
//! inside a claim, opening participles, quotations and cues at a sentence's end, and cue
//! words that are nouns.

use super::tests::{cues_and_speakers, cues_of, run, words};
use super::*;

/// The first fragment of the claim of the suggestion whose cue is `cue` (which must be
/// there).
fn claim_of<'a>(a: &'a Article, found: &[Suggestion], cue: &str) -> &'a str {
    let s = found
        .iter()
        .find(|x| words(a, x.cue) == cue)
        .unwrap_or_else(|| panic!("a suggestion with the cue {cue:?}: {found:?}"));
    words(a, s.claim.first().copied())
}

#[test]
fn a_verb_of_saying_inside_a_reported_claim_is_an_attribution_of_its_own() {
    let (a, f) =
        run("Ana Ruiz said that the budget, which she said was small, would pass in May.\n");
    let cues = cues_of(&a, &f);
    assert_eq!(cues, ["said", "said"], "{f:?}");
    // A verb of hoping or thinking in the claim stays the claim's.
    let (a, f) = run("The mayor said he hopes the council will vote for the plan soon.\n");
    let cues = cues_of(&a, &f);
    assert_eq!(cues, ["said"], "{f:?}");
}

#[test]
fn a_participle_that_opens_the_sentence_is_a_cue() {
    let (a, f) = run("The harbour plan was delayed again.\n\n\
         Citing the cost of the new bridge, the council voted to wait a year.\n");
    let cues = cues_of(&a, &f);
    assert!(cues.contains(&"Citing"), "{f:?}");
    // A list that leaves the subject out: "Repeats the claim …".
    let (a, f) = run(
        "Title\n\nWhat the mayor does in office.\n\nRepeats the claim that the pier \
         is safe.\n",
    );
    let cues = cues_of(&a, &f);
    assert!(cues.contains(&"Repeats"), "{f:?}");
    // A capitalised cue before a name is a heading's, not a verb: "Warning Signs".
    let (_, f) = run("The harbour plan was delayed again.\n\nWarning Signs For The Harbour\n");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn seeing_something_as_something_is_a_cue() {
    let (a, f) = run("Many farmers saw the new harbour tax as a threat to their land.\n");
    let cues = cues_of(&a, &f);
    assert_eq!(cues, ["saw"], "{f:?}");
    // What is seen alone is not what anyone says.
    let (_, f) = run("Many farmers saw the new harbour from the hill last week.\n");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_hyphen_between_spaces_ends_a_claim_as_a_dash_does() {
    let (a, f) = run("The mayor said the harbour needs more money - a view the council rejects.\n");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the harbour needs more money",
        "{f:?}"
    );
    // A hyphen inside a word joins it: "long-term" is no dash.
    let (a, f) = run("The mayor said the harbour needs long-term money for its piers.\n");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the harbour needs long-term money for its piers"
    );
}

#[test]
fn a_comma_inside_a_quotation_does_not_end_a_claim_before_its_speaker() {
    let (a, f) =
        run("Tom Reed scolded the board: “You have called the old pier ‘safe,’” he said.\n");
    assert_eq!(
        claim_of(&a, &f, "said"),
        "“You have called the old pier ‘safe,’”",
        "{f:?}"
    );
}

#[test]
fn a_sentence_may_open_with_a_bracket() {
    let got = cues_and_speakers(
        "Title\n\nThe experts praised the harbour plan. (Tom Reed has also called \
         for a new pier, but on a smaller scale.)\n",
    );
    assert!(
        got.iter()
            .any(|(c, s)| c == "has also called for" && s == "Tom Reed"),
        "{got:?}"
    );
}

#[test]
fn a_cue_takes_on_before_what_it_is_about_but_not_before_a_day() {
    let (a, f) = run(
        "Title\n\nNot every member agrees on who should run the harbour board.\n\n\
         The council announced on Friday that the harbour would close.\n",
    );
    let cues = cues_of(&a, &f);
    assert_eq!(cues, ["agrees on", "announced"], "{f:?}");
}

#[test]
fn a_cue_after_the_comma_keeps_the_last_cue_in_its_claim() {
    let (a, f) = run(
        "Title\n\nBut Ana Ruiz, a teacher at the harbour school, said parents still \
         want small schools.\n",
    );
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (words(&a, x.cue), words(&a, x.claim.first().copied())))
        .collect();
    assert_eq!(got, [("said", "parents still want small schools")], "{f:?}");
}

#[test]
fn a_relative_clause_or_a_verb_after_the_last_cue_is_no_claim_first_attribution() {
    for text in [
        "Title\n\nTom Reed said the pier would close soon, amounting to what the council \
         said was a scheme.\n",
        "Title\n\nTom Reed said the pier would close soon and told the Harbour Post, which \
         first reported the story.\n",
    ] {
        let got = cues_and_speakers(text);
        let first = got.first().map(|(c, s)| (c.as_str(), s.as_str()));
        assert_eq!(first, Some(("said", "Tom Reed")), "{got:?}");
    }
}

#[test]
fn a_quotation_between_the_comma_and_the_last_cue_is_the_claim() {
    let (a, f) = run(
        "Title\n\nThe letter named the pier, the old mill and the school: “We will \
         keep all three open,” the union wrote.\n",
    );
    assert_eq!(
        claim_of(&a, &f, "wrote"),
        "“We will keep all three open,”",
        "{f:?}"
    );
}

#[test]
fn yet_before_a_second_cue_ends_the_first_claim() {
    let (a, f) = run(
        "Title\n\nTom Reed demands repairs to the old pier, yet refuses to pay \
         for them.\n",
    );
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (words(&a, x.claim.first().copied()), words(&a, x.cue)))
        .collect();
    assert_eq!(got[0], ("repairs to the old pier", "demands"), "{f:?}");
    assert_eq!(got[1].1, "refuses", "{f:?}");
}

#[test]
fn then_or_later_after_a_cue_is_when_it_was_said() {
    let (a, f) = run("Title\n\n“The pier will not close this year,” Tom Reed said then.\n");
    assert_eq!(words(&a, f[0].cue), "said then", "{f:?}");
}

#[test]
fn a_paragraph_opening_with_a_closing_mark_is_a_quotation_when_it_closes_again() {
    let got = cues_and_speakers(
        "Title\n\nReaders wrote in.\n\n”The pier is old and the town must mend it \
         soon.” ― Ana Ruiz\n",
    );
    assert!(
        got.iter().any(|(c, s)| c == "―" && s == "Ana Ruiz"),
        "{got:?}"
    );
}

#[test]
fn a_verb_of_saying_before_a_name_and_a_colon_is_the_cue() {
    let got = cues_and_speakers(
        "Title\n\nThe plan is costly. Said Ellis: “I do not think the town can pay \
         for it.”\n",
    );
    assert!(
        got.iter().any(|(c, s)| c == "Said" && s == "Ellis"),
        "{got:?}"
    );
}

#[test]
fn a_cue_that_is_also_a_noun_is_the_verb_after_a_quotation_and_its_speaker() {
    let (a, f) = run(
        "Title\n\n“The pier stays open,” she said. “Look, this is who we are,” she \
         continued. “We will keep it.”\n",
    );
    let cues = cues_of(&a, &f);
    assert!(cues.contains(&"continued"), "{f:?}");
}

#[test]
fn a_cue_word_before_an_auxiliary_is_a_noun_and_the_subject() {
    let (_, f) = run(
        "Title\n\nThe harbour stayed open all winter.\n\nHealth worries have dogged \
         the old harbour master for years.\n",
    );
    assert!(f.is_empty(), "{f:?}");
    // What someone said before an auxiliary is still said: "what the council said was".
    let (a, f) = run(
        "Title\n\nTom Reed said the pier would close, amounting to what the \
         council said was a scheme.\n",
    );
    let cues = cues_of(&a, &f);
    assert_eq!(cues, ["said", "said"], "{f:?}");
}

#[test]
fn after_those_or_these_a_cue_word_is_a_noun() {
    let (a, f) = run(
        "Title\n\nThe harbour fund goes to those states that lost the most boats \
         last year.\n",
    );
    assert!(f.iter().all(|x| words(&a, x.cue) != "states"), "{f:?}");
}

#[test]
fn a_quotation_before_a_clause_of_time_is_not_what_its_speaker_says() {
    // The quotation is the writer's comment on the mayor; what she said is the clause.
    let (a, f) = run(
        "Title\n\nThe harbour plan was “a good idea” when she said that the pier \
         would stay open.\n",
    );
    assert!(
        f.iter()
            .all(|x| words(&a, x.claim.first().copied()) != "“a good idea”"),
        "{f:?}"
    );
    assert_eq!(claim_of(&a, &f, "said"), "that the pier would stay open");
    // Without the clause word the quotation is hers.
    let (a, f) = run("Title\n\n“It is a good idea,” she said last year.\n");
    assert_eq!(claim_of(&a, &f, "said"), "“It is a good idea,”");
}

#[test]
fn whom_a_verb_of_telling_told_at_the_sentence_end_leaves_the_claim_before_it() {
    // A passive cue inside the claim does not take the speaker and the cue with it.
    let (a, f) = run(
        "Title\n\nThe council could back the harbour plan, but only if it can be \
         convinced that it pays, Sen. Ana Ruiz (R-Ore.) told The Harbour Gazette on Thursday.\n",
    );
    let [s] = f.as_slice() else {
        panic!("one attribution: {f:?}")
    };
    assert_eq!(
        words(&a, s.claim.first().copied()),
        "The council could back the harbour plan, but only if it can be convinced that it pays"
    );
    assert_eq!(
        (words(&a, s.cue), words(&a, s.speaker)),
        ("told", "Sen. Ana Ruiz (R-Ore.)")
    );
    // Told what, after whom: the claim follows.
    let (a, f) = run("Title\n\nAna Ruiz told the council the pier would close.\n");
    assert!(
        claim_of(&a, &f, "told").ends_with("the pier would close"),
        "{f:?}"
    );
    // What follows the name is what was told: the comma's clause is not the claim.
    for text in [
        "Title\n\nThe pier shut in May, Ana Ruiz told Reuters it may open.\n",
        "Title\n\nThe pier shut in May, Ana Ruiz told him it may open.\n",
    ] {
        let (a, f) = run(text);
        assert!(
            f.iter()
                .all(|x| words(&a, x.claim.first().copied()) != "The pier shut in May"),
            "{text:?}: {f:?}"
        );
    }
}

#[test]
fn a_plain_verb_after_a_plural_noun_is_a_cue_with_what_it_governs() {
    let (a, f) = run("Title\n\nPolls show a close race in the harbour district.\n");
    assert_eq!(
        claim_of(&a, &f, "show"),
        "a close race in the harbour district"
    );
    let (a, f) = run("Title\n\nThe farmers expect a close vote on the harbour tax.\n");
    assert_eq!(
        claim_of(&a, &f, "expect"),
        "a close vote on the harbour tax"
    );
    // A noun, or a verb that is not the noun's: none of these is a cue.
    for text in [
        "Title\n\nThe harbour was on a cooking show last week.\n",
        "Title\n\nThe farmers failed to show up at the hearing.\n",
        "Title\n\nThe farmers saw the harbour from the hill.\n",
        "Title\n\nThe plan had wide public support for years.\n",
    ] {
        let (_, f) = run(text);
        assert!(f.is_empty(), "{text:?}: {f:?}");
    }
}

#[test]
fn plans_is_a_cue_after_its_subject_and_before_its_infinitive() {
    let (a, f) = run("Title\n\nThe harbour council plans to open the pier in May.\n");
    assert_eq!(claim_of(&a, &f, "plans"), "to open the pier in May");
    let (a, f) = run("Title\n\nThe pier needs money, which she plans to raise by a tax.\n");
    assert_eq!(claim_of(&a, &f, "plans"), "to raise by a tax");
    for text in [
        "Title\n\nThe council dropped his plans to close the pier.\n",
        "Title\n\nIt is one of the savings plans that the harbour offers.\n",
        "Title\n\nThe council plans were late again.\n",
    ] {
        let (_, f) = run(text);
        assert!(f.is_empty(), "{text:?}: {f:?}");
    }
}
