//! The rules on small made-up texts, one pattern at a time.

use super::*;

pub(super) fn run(text: &str) -> (Article, Vec<Suggestion>) {
    use std::path::Path;
    let article = Article::from_text(Path::new("t.txt"), text.to_owned());
    let found = suggest(&article, &Rules::builtin(), &Schema::news());
    (article, found)
}

pub(super) fn words(a: &Article, s: Option<Span>) -> &str {
    s.map_or("", |s| &a.text[s.start..s.end])
}

/// Each suggestion's cue, in order.
pub(super) fn cues_of<'a>(a: &'a Article, found: &[Suggestion]) -> Vec<&'a str> {
    found.iter().map(|x| words(a, x.cue)).collect()
}

#[test]
fn a_passive_cue_and_its_claim_make_an_attribution_with_no_speaker() {
    let (a, f) = run("It was reported that the council would vote on the plan next week.\n");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, crate::model::PASSIVE_RULE);
    assert_eq!(words(&a, f[0].cue), "was reported");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "that the council would vote on the plan next week"
    );
    assert_eq!((f[0].speaker, &f[0].entity), (None, &None));
    // Accepted, it is an attribution of the claim, via the cue, to no one named.
    let schema = crate::schema::Schema::news();
    let mut annotations = crate::model::Annotations::new(
        crate::model::ArticleRef::of(std::path::Path::new("t.txt"), &a),
        "t",
    );
    assert_eq!(annotations.offer(f, &schema), 1);
    let claim = annotations.accept_suggestion(0, &schema, &a.text).unwrap();
    let [at] = annotations.attributions.as_slice() else {
        panic!("one attribution: {:?}", annotations.attributions)
    };
    assert_eq!((at.claim, at.speaker), (claim, None));
    let cue = annotations.mention(at.cue.unwrap()).unwrap();
    assert_eq!(cue.words(&a.text, " "), "was reported");
    // A passive cue with no clause after it is still the cue alone.
    let (_, f) = run("The visitors had been denied visas twice this year.\n");
    assert!(f.iter().all(|s| s.claim.is_empty()), "{f:?}");
}

#[test]
fn the_builtin_rules_parse() {
    let r = Rules::builtin();
    assert!(r.cues.contains(&"according to".to_owned()));
}

#[test]
fn a_quote_then_its_speaker_and_cue() {
    let (a, f) = run("“We will not change the plan at all,” Mayor Ana Ruiz told reporters.\n");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "“We will not change the plan at all,”"
    );
    assert_eq!(words(&a, f[0].cue), "told reporters");
    assert_eq!(words(&a, f[0].speaker), "Mayor Ana Ruiz");
    assert_eq!(f[0].entity, Some(("Ana Ruiz".into(), "Person".into())));
}

#[test]
fn reported_speech_and_according_to_and_claim_first() {
    let (a, f) = run("The minister said that the bridge would open in May.\n\n\
         The plan is dead, according to two senior officials.\n\n\
         Prices will rise again next year, analysts said.\n");
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.claim.first().copied()),
                words(&a, x.cue),
                words(&a, x.speaker),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("that the bridge would open in May", "said", "The minister"),
            ("The plan is dead", "according to", "two senior officials"),
            ("Prices will rise again next year", "said", "analysts"),
        ]
    );
}

#[test]
fn pronouns_titles_and_surnames_point_back() {
    let (_, f) = run(
        "“The talks have failed completely,” General Massoud Jazayeri said.\n\n\
         “We deny the news reports,” he reiterated.\n\n\
         “It is a plot against the nation,” Gen. Jazayeri told FNA.\n\n\
         The General complained that the cities had been destroyed by the war.\n",
    );
    let names: Vec<&str> = f
        .iter()
        .map(|x| x.entity.as_ref().map_or("", |e| e.0.as_str()))
        .collect();
    assert_eq!(names, ["Massoud Jazayeri"; 4], "{f:?}");
}

#[test]
fn a_quotation_over_paragraphs_is_one_claim_and_goes_on_with_its_speaker() {
    let (a, f) = run("Smith said: “The first part of what I said\n\n\
         “and the second part of it.”\n\n\
         “Another thing I want to say here,” he added.\n\n\
         “And a last word from me today.”\n");
    assert_eq!(f[0].claim.len(), 2, "{f:?}");
    assert_eq!(
        words(&a, Some(f[0].claim[1])),
        "“and the second part of it.”"
    );
    let last = f.last().unwrap();
    assert_eq!(last.rule, "quotation goes on");
    assert_eq!(last.entity.as_ref().unwrap().0, "Smith");
}

#[test]
fn nouns_that_look_like_cues_and_words_inside_quotes_are_not_cues() {
    let (_, f) = run("“The news reports say nothing new,” she said.\n\nThe reports were old.\n");
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn a_dateline_names_the_agency() {
    let (a, f) = run("Title\n\nTEHRAN (FNA)- Iran rejected the offer today.\n");
    let d = f.iter().find(|x| x.rule == "dateline").unwrap();
    assert_eq!(words(&a, d.source), "FNA");
    assert_eq!(d.entity, Some(("FNA".into(), "Media".into())));
}

#[test]
fn one_speakers_clauses_are_one_attribution_each() {
    let (a, f) = run(
        "Trump is promising lower taxes for everyone, but he has also warned \
         that the press is lying.\n\nMerrill says Machado will keep supporting Clinton and said \
         she would stand up to the attacks.\n",
    );
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (words(&a, x.claim.first().copied()), words(&a, x.cue)))
        .collect();
    assert_eq!(
        got,
        [
            ("lower taxes for everyone", "is promising"),
            ("that the press is lying", "has also warned"),
            ("Machado will keep supporting Clinton", "says"),
            ("she would stand up to the attacks", "said"),
        ]
    );
}

/// The cue and speaker of each suggestion, in text order.
pub(super) fn cues_and_speakers(text: &str) -> Vec<(String, String)> {
    let (a, f) = run(text);
    f.iter()
        .map(|x| (words(&a, x.cue).to_owned(), words(&a, x.speaker).to_owned()))
        .collect()
}

#[test]
fn an_adverb_or_a_negation_between_speaker_and_verb_belongs_to_the_cue() {
    let got = cues_and_speakers(
        "The mayor flatly rejected the new plan for the harbour.\n\n\
         The council members generally praised the budget for the schools.\n\n\
         But the governor isn’t saying whether the bridge will be rebuilt.\n",
    );
    assert_eq!(
        got,
        [
            ("flatly rejected".into(), "The mayor".into()),
            ("generally praised".into(), "The council members".into()),
            ("isn’t saying".into(), "the governor".into()),
        ]
    );
}

#[test]
fn a_cue_takes_the_day_and_the_preposition_that_go_with_its_verb() {
    let got = cues_and_speakers(
        "The senator said Friday that the vote would be delayed again.\n\n\
         The ranger warned against walking on the ice of the lake.\n\n\
         The coach complained about the referees in the second half.\n",
    );
    assert_eq!(
        got,
        [
            ("said Friday".into(), "The senator".into()),
            ("warned against".into(), "The ranger".into()),
            ("complained about".into(), "The coach".into()),
        ]
    );
}

#[test]
fn told_takes_the_medium_it_was_told_to_at_the_end_of_the_sentence() {
    let got = cues_and_speakers(
        "“The road will be closed all winter,” Colonel Ada Brook told FNA.\n\n\
         “It was a hard year for the farms,” the farmer told Paul on the phone.\n",
    );
    assert_eq!(
        got,
        [
            ("told FNA".into(), "Colonel Ada Brook".into()),
            ("told".into(), "the farmer".into()),
        ]
    );
}

#[test]
fn a_past_tense_verb_that_is_also_a_noun_is_a_cue_after_its_subject() {
    let got = cues_and_speakers(
        "A study by the university found the river was cleaner than before.\n\n\
         Early polls showed the challenger was ahead in the city.\n\n\
         The found objects were shown in the museum for a month.\n",
    );
    assert_eq!(
        got,
        [
            ("found".into(), "A study by the university".into()),
            ("showed".into(), "Early polls".into()),
        ]
    );
}

/// The claim of each suggestion, in text order.
fn claims(text: &str) -> Vec<String> {
    let (a, f) = run(text);
    f.iter()
        .map(|x| words(&a, x.claim.first().copied()).to_owned())
        .collect()
}

#[test]
fn a_reported_claim_stops_before_a_concession_a_dash_or_a_semicolon() {
    let got = claims(
        "The minister praised the new rules for the harbour, though few had read them.\n\n\
         The mayor said the bridge would open in May, although the money is not there yet.\n\n\
         The senator dismissed the report as a fantasy — a word she used twice.\n\n\
         The judge said the case was closed; the lawyers left the court.\n",
    );
    assert_eq!(
        got,
        [
            "the new rules for the harbour",
            "the bridge would open in May",
            "the report as a fantasy",
            "the case was closed",
        ]
    );
}

#[test]
fn a_cue_in_an_opening_clause_claims_only_that_clause() {
    let (a, f) =
        run("While the mayor admitted the plan was late, the council said the work would go on.\n");
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (words(&a, x.claim.first().copied()), words(&a, x.cue)))
        .collect();
    assert_eq!(
        got,
        [
            ("the plan was late", "admitted"),
            ("the work would go on", "said"),
        ]
    );
}

#[test]
fn who_or_which_after_a_name_speaks_for_that_name() {
    let (a, f) = run(
        "The vote was delayed by Senator Mara Quill, who said the bill was not ready.\n\n\
         The money came from the Harbour Council, which announced that it would pay for the dock.\n",
    );
    let got: Vec<(&str, &str, String)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.cue),
                words(&a, x.speaker),
                x.entity
                    .as_ref()
                    .map_or(String::new(), |e| format!("{} ({})", e.0, e.1)),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("said", "who", "Mara Quill (Person)".to_owned()),
            (
                "announced",
                "which",
                "Harbour Council (Organization)".to_owned()
            ),
        ]
    );
}

#[test]
fn a_second_speaker_after_a_concession_gets_an_attribution_of_its_own() {
    let (a, f) =
        run("The mayor said the bridge would open in May, though she noted the money was short.\n");
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.claim.first().copied()),
                words(&a, x.cue),
                words(&a, x.speaker),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("the bridge would open in May", "said", "The mayor"),
            ("the money was short", "noted", "she"),
        ]
    );
}

#[test]
fn a_participle_after_a_quotation_and_its_speaker_is_a_second_claim() {
    let (a, f) =
        run("“We will not sell the farm,” the owner said, adding that the bank had waited.\n");
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.claim.first().copied()),
                words(&a, x.cue),
                words(&a, x.speaker),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("“We will not sell the farm,”", "said", "the owner"),
            ("that the bank had waited", "adding", "the owner"),
        ]
    );
}

#[test]
fn a_cue_takes_the_interview_or_statement_it_was_said_in() {
    let got = cues_and_speakers(
        "The chief said in a phone interview that the port would reopen.\n\n\
         Other studies have shown the river floods every spring.\n",
    );
    assert_eq!(
        got,
        [
            ("said in a phone interview".into(), "The chief".into()),
            ("have shown".into(), "Other studies".into()),
        ]
    );
}

#[test]
fn a_speaker_is_the_whole_noun_phrase_and_no_more() {
    let got = cues_and_speakers(
        "Farmers and fishermen say the new port will ruin the bay.\n\n\
         Tom Reed, speaking to a crowd in the square, said the port would bring jobs.\n\n\
         Jane Holt, a teacher in the town, who has two sons, said the school was too small.\n\n\
         Tom Reed on Monday said the port would open in a year.\n\n\
         “The bay is safe,” said Senator Ann Kirk of Ohio, the head of the panel.\n",
    );
    assert_eq!(
        got,
        [
            ("say".into(), "Farmers and fishermen".into()),
            ("said".into(), "Tom Reed".into()),
            ("said".into(), "Jane Holt, a teacher in the town,".into()),
            ("said".into(), "Tom Reed".into()),
            (
                "said".into(),
                "Senator Ann Kirk of Ohio, the head of the panel".into()
            ),
        ]
    );
}

#[test]
fn a_second_speaker_after_comma_and_gets_an_attribution_of_its_own() {
    let (a, f) = run(
        "The mayor has promised to rebuild the pier, and the fishermen say the work is too slow.\n",
    );
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.claim.first().copied()),
                words(&a, x.cue),
                words(&a, x.speaker),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("to rebuild the pier", "has promised", "The mayor"),
            ("the work is too slow", "say", "the fishermen"),
        ]
    );
}

#[test]
fn a_participle_opening_the_sentence_is_the_main_speakers_claim() {
    let (a, f) =
        run("Noting that the rains were late, the farmer said the harvest would be small.\n");
    let got: Vec<(&str, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                words(&a, x.claim.first().copied()),
                words(&a, x.cue),
                words(&a, x.speaker),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("that the rains were late", "Noting", "the farmer"),
            ("the harvest would be small", "said", "the farmer"),
        ]
    );
}

#[test]
fn a_cue_word_after_an_article_is_a_noun_or_an_adjective() {
    let (_, f) = run("Voters deserve an informed choice before the vote.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
    let (_, f) = run("The guards caught the alleged thief near the harbour gate.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
}

#[test]
fn a_participle_after_the_object_of_a_quotes_cue_is_a_second_claim() {
    let (a, f) = run(
        "“We will build the bridge this year,” he told the group, adding that the plan was ready.\n",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(words(&a, f[0].cue), "told");
    assert_eq!(words(&a, f[1].cue), "adding");
    assert_eq!(
        words(&a, f[1].claim.first().copied()),
        "that the plan was ready"
    );
    assert_eq!(words(&a, f[1].speaker), "he");
}

#[test]
fn a_participle_after_a_comma_ends_the_claim_even_when_it_is_also_a_noun() {
    let (a, f) =
        run("The union called the plan a costly mistake, citing the budget for next year.\n");
    let cues: Vec<&str> = f.iter().map(|s| words(&a, s.cue)).collect();
    assert_eq!(cues, ["called", "citing"], "{f:?}");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the plan a costly mistake"
    );
}

#[test]
fn a_pronouns_contracted_auxiliary_belongs_to_the_cue_and_a_nouns_possessive_does_not() {
    let (a, f) = run("He’s claiming that the vote on the harbour was rigged.\n");
    assert_eq!(words(&a, f[0].cue), "’s claiming", "{f:?}");
    let (a, f) = run("The mayor said it plainly. I've suggested that the council wait a year.\n");
    assert_eq!(
        words(&a, f.last().and_then(|s| s.cue)),
        "'ve suggested",
        "{f:?}"
    );
}

#[test]
fn an_infinitive_is_not_a_cue_alone() {
    let (_, f) = run("The council is determined to warn the farmers about the river.\n");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn shows_after_its_subject_is_a_cue_and_a_plural_noun_is_not() {
    let (a, f) = run("The latest survey of the valley shows the mayor ahead by four points.\n");
    assert_eq!(words(&a, f.first().and_then(|s| s.cue)), "shows", "{f:?}");
    let (_, f) = run("Their shows drew large crowds in the valley last year.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
}

#[test]
fn a_cue_that_is_also_a_noun_takes_a_quotation_after_a_comma() {
    let (a, f) = run("She continued, “We will open the school in the spring.”\n");
    assert_eq!(
        words(&a, f.first().and_then(|s| s.cue)),
        "continued",
        "{f:?}"
    );
    let (_, f) = run("The talks continued, and the harbour stayed closed.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
}

#[test]
fn calling_someone_a_quoted_name_is_a_cue() {
    let (a, f) = run("The mayor calls the plan a “disgrace” in every speech.\n");
    assert_eq!(words(&a, f.first().and_then(|s| s.cue)), "calls", "{f:?}");
    let (_, f) = run("Ana Ruiz, the union's leader, called off the meeting at nine.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
}

#[test]
fn speaking_of_and_encouraging_are_cues() {
    let (a, f) = run("The mayor spoke of a hard winter for the fishermen of the bay.\n");
    assert_eq!(
        words(&a, f.first().and_then(|s| s.cue)),
        "spoke of",
        "{f:?}"
    );
    let (a, f) = run("The mayor praised the farmers, encouraging them to plant more wheat.\n");
    let cues: Vec<&str> = f.iter().map(|s| words(&a, s.cue)).collect();
    assert!(cues.contains(&"encouraging"), "{f:?}");
}

#[test]
fn a_past_tense_cue_that_is_also_a_noun_follows_a_names_aside() {
    let (a, f) = run("Ana Ruiz, the leader of the union, called the plan wasteful on Friday.\n");
    assert_eq!(words(&a, f.first().and_then(|s| s.cue)), "called", "{f:?}");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the plan wasteful on Friday"
    );
    // Not after a comma that closes something else: "In the end, called off …".
    let (_, f) =
        run("In the spring of that year, called by some the wettest, the harbour flooded.\n");
    assert!(f.iter().all(|s| s.cue.is_none()), "{f:?}");
}

#[test]
fn a_participle_in_an_opening_phrase_is_not_the_sentences_cue() {
    let (a, f) = run("In a letter posted Friday, the mayor said the harbour would stay open.\n");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(words(&a, f[0].cue), "said");
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the harbour would stay open"
    );
}

#[test]
fn a_cue_in_an_opening_clause_after_one_word_claims_only_that_clause() {
    let (a, f) = run("Back when he wrote his book, the farmer said that debt was a last resort.\n");
    let said = f.iter().find(|s| words(&a, s.cue) == "said").expect("said");
    assert_eq!(
        words(&a, said.claim.first().copied()),
        "that debt was a last resort"
    );
}

#[test]
fn what_someone_worries_about_or_votes_for_is_theirs() {
    let (a, f) = run("Environmental groups worry that the harbour will silt up by spring.\n");
    assert_eq!(words(&a, f.first().and_then(|s| s.cue)), "worry", "{f:?}");
    let (a, f) = run("Two members of the council voted against the new harbour fees.\n");
    assert_eq!(
        words(&a, f.first().and_then(|s| s.cue)),
        "voted against",
        "{f:?}"
    );
    let (a, f) = run("The harbour master downplayed the risk of a flood this spring.\n");
    assert_eq!(
        words(&a, f.first().and_then(|s| s.cue)),
        "downplayed",
        "{f:?}"
    );
    assert_eq!(
        words(&a, f[0].claim.first().copied()),
        "the risk of a flood this spring"
    );
}

#[test]
fn a_cue_takes_the_preposition_its_claim_follows() {
    let cue = |text: &str| {
        let (a, f) = run(text);
        words(&a, f.first().and_then(|s| s.cue)).to_owned()
    };
    assert_eq!(
        cue("The harbour master warned of severe flooding along the coast.\n"),
        "warned of"
    );
    assert_eq!(
        cue("The ferry operators have been blamed for the delays at the port.\n"),
        "have been blamed for"
    );
    // After a verb of saying the preposition names the topic; before a stretch of time it
    // is no part of the cue.
    assert_eq!(
        cue("“It was a long and bitter campaign,” she said of the race.\n"),
        "said"
    );
    assert_eq!(
        cue("The minister has denied for years that the port was sold.\n"),
        "has denied"
    );
    // The second cue of a speaker takes its preposition too.
    let (a, f) =
        run("The mayor praised the harbour staff and warned against cuts to the ferries.\n");
    let cues: Vec<&str> = f.iter().map(|s| words(&a, s.cue)).collect();
    assert_eq!(cues, ["praised", "warned against"], "{f:?}");
}

#[test]
fn a_verb_of_going_on_or_refusing_belongs_to_the_cue_after_it() {
    let cue = |text: &str| {
        let (a, f) = run(text);
        words(&a, f.first().and_then(|s| s.cue)).to_owned()
    };
    assert_eq!(
        cue("Small groups of farmers continued to call for more water from the dam.\n"),
        "continued to call for"
    );
    assert_eq!(
        cue("The mayor went on to explain how the harbour would be dredged.\n"),
        "went on to explain"
    );
    assert_eq!(
        cue("The senator pointedly refused to endorse the harbour plan.\n"),
        "pointedly refused to endorse"
    );
    assert_eq!(
        cue("Most voters seemed to think the new fees were unfair.\n"),
        "seemed to think"
    );
    // Seeming is a cue of its own: how a thing looks to someone.
    assert_eq!(
        cue("The new harbour plan seems too costly for the town.\n"),
        "seems"
    );
}

#[test]
fn who_is_asked_belongs_to_a_cue_of_asking() {
    let (a, f) = run("The reporter asked the mayor about the harbour fees.\n");
    assert_eq!(
        words(&a, f.first().and_then(|s| s.cue)),
        "asked the mayor about",
        "{f:?}"
    );
    assert_eq!(words(&a, f[0].claim.first().copied()), "the harbour fees");
    let (a, f) = run("Ana Ruiz pressed him on the cost of the new harbour.\n");
    assert_eq!(words(&a, f.first().and_then(|s| s.cue)), "pressed him on");
}

#[test]
fn what_someone_considers_believes_or_demands_is_theirs() {
    let cue = |text: &str| {
        let (a, f) = run(text);
        words(&a, f.first().and_then(|s| s.cue)).to_owned()
    };
    assert_eq!(
        cue("Most economists consider the new harbour tax a serious risk.\n"),
        "consider"
    );
    assert_eq!(
        cue("The mayor believes the harbour will reopen by the spring.\n"),
        "believes"
    );
    assert_eq!(
        cue("The union demands a new contract for the ferry crews.\n"),
        "demands"
    );
}

#[test]
fn a_set_phrase_of_the_writers_attributes_nothing() {
    for text in [
        "It is worth noting that the harbour has been closed since May.\n",
        "It goes without saying that the ferries must keep running.\n",
        "Let's say the harbour stays closed until the spring.\n",
        "Having said that, the council will meet again in June.\n",
        "Needless to say, the ferry crews were not pleased at all.\n",
    ] {
        let (_, f) = run(text);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}
