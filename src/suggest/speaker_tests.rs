//! The speaker's phrase and what is not one, on small made-up texts.

use super::*;

fn run(text: &str) -> (Article, Vec<Suggestion>) {
    use std::path::Path;
    let article = Article::from_text(Path::new("t.txt"), text.to_owned());
    let found = suggest(&article, &Rules::builtin(), &Schema::news());
    (article, found)
}

fn words(a: &Article, s: Option<Span>) -> &str {
    s.map_or("", |s| &a.text[s.start..s.end])
}

/// The speakers suggested, in order.
fn speakers(text: &str) -> Vec<String> {
    let (a, f) = run(text);
    f.iter()
        .filter(|s| s.speaker.is_some())
        .map(|s| words(&a, s.speaker).to_owned())
        .collect()
}

#[test]
fn a_credit_after_a_colon_is_not_a_name_saying_something() {
    let (_, f) = run(
        "The ferry leaves the harbour at dawn. Photograph: Ana Ruiz/City Desk.\n\n\
         Image: Harbour Trust.\n",
    );
    assert!(f.iter().all(|s| s.rule != "name, colon, claim"), "{f:?}");
}

#[test]
fn an_adverb_before_the_cue_is_not_the_speaker() {
    let got =
        speakers("Tom Reed, a retired farmer, instead decided to sell the land to the town.\n");
    assert_eq!(got, ["Tom Reed, a retired farmer,"]);
    // Nor is what follows the cue when it runs to the end of the sentence.
    let got =
        speakers("Tom Reed, a retired farmer, instead decided to plough the field himself.\n");
    assert_eq!(got, ["Tom Reed, a retired farmer,"]);
}

#[test]
fn an_ampersand_or_a_slash_joins_a_name() {
    let got = speakers(
        "Journals such as Science & Society have described the method as fraud.\n\n\
         The Harbour/Post poll showed that the mayor was ahead.\n",
    );
    assert_eq!(got, ["Science & Society", "The Harbour/Post poll"]);
}

#[test]
fn a_passive_cue_after_an_adverb_names_no_speaker() {
    let (_, f) = run("The harbour of Port Elm was also proposed as a site for the new terminal.\n");
    assert!(f.iter().all(|s| s.speaker.is_none()), "{f:?}");
}

#[test]
fn a_quotation_that_only_names_is_not_a_claim() {
    let (a, f) =
        run("The mayor told “Morning Harbour Radio” that the road would reopen in June.\n");
    let claims: Vec<&str> = f
        .iter()
        .map(|s| words(&a, s.claim.first().copied()))
        .collect();
    assert_eq!(claims, ["that the road would reopen in June"], "{f:?}");
}

#[test]
fn a_pronoun_before_the_cue_is_the_whole_speaker() {
    assert_eq!(
        speakers("At 86 she still says the town needs a new bridge.\n"),
        ["she"]
    );
    assert_eq!(
        speakers("He’s claiming that the vote was rigged from the start.\n"),
        ["He"]
    );
}

#[test]
fn a_pronoun_in_a_clause_inside_a_noun_phrase_attributes_nothing() {
    let (a, f) = run("Mara Quill listed the reforms she promised in her first term.\n");
    assert!(f.iter().all(|s| words(&a, s.cue) != "promised"), "{f:?}");
}

#[test]
fn a_possessive_before_a_cue_noun_is_the_speaker() {
    let got =
        speakers("The paper ran a fact-check on Mara Quill’s claim that the budget had doubled.\n");
    assert_eq!(got, ["Mara Quill’s"]);
}

#[test]
fn a_speaker_after_the_cue_keeps_its_relative_clause_and_phrases() {
    let got = speakers(
        "“We will rebuild the pier,” said Ana Ruiz, who runs the harbour trust.\n\n\
         The plan is dead, according to a survey of local traders.\n\n\
         “It is over,” said Tom Reed in a statement.\n",
    );
    assert_eq!(
        got,
        [
            "Ana Ruiz, who runs the harbour trust",
            "a survey of local traders",
            "Tom Reed"
        ]
    );
}

#[test]
fn a_participle_phrase_is_not_a_speaker_nor_is_an_ordinal_a_cue_word() {
    let got = speakers(
        "Dan Moss in May 2010, after having left the group called the Order.\n\n\
         The former first lady and senator said that the plan was sound.\n",
    );
    assert_eq!(got, ["The former first lady and senator"]);
}

#[test]
fn a_phrase_ending_on_a_preposition_or_a_verb_is_no_speaker() {
    let (a, f) = run("The mayor began by saying the pier would open in May.\n\n\
         The port grew fast, yet refuses to pay the workers.\n");
    let spoke: Vec<&str> = f.iter().map(|s| words(&a, s.speaker)).collect();
    assert!(
        spoke
            .iter()
            .all(|s| !["The mayor began by", "yet"].contains(s)),
        "{f:?}"
    );
}

#[test]
fn an_opening_phrase_is_not_the_speaker_nor_its_aside() {
    let got = speakers(
        "With two weeks until the vote, Ana Ruiz, a harbour trust director, said the pier \
         would open in May.\n\n\
         In a statement, one of the traders, Tom Reed, said the road would close.\n\n\
         On “Harbour Talk,” Sen. Mara Quill (Maine), a ferry owner, said the ferry would \
         stop.\n",
    );
    assert_eq!(
        got,
        [
            "Ana Ruiz, a harbour trust director,",
            "one of the traders, Tom Reed,",
            "Sen. Mara Quill (Maine), a ferry owner,"
        ]
    );
}

#[test]
fn an_aside_that_tells_where_is_not_the_speakers_but_one_that_includes_is() {
    let got = speakers(
        "Tom Reed, at the harbour meeting, said the pier would open in May.\n\n\
         Other traders, including the Harbour Guild, said the road would close.\n",
    );
    assert_eq!(
        got,
        ["Tom Reed", "Other traders, including the Harbour Guild,"]
    );
}

#[test]
fn a_speaker_with_an_aside_after_a_quotation_keeps_the_aside() {
    let got = speakers(
        "“The pier is safe,” Tom Reed, 71, told me.\n\n\
         ''The road is closed,'' Ana Ruiz, the head of the Harbour Trust, said of the plan.\n",
    );
    assert_eq!(
        got,
        ["Tom Reed, 71,", "Ana Ruiz, the head of the Harbour Trust,"]
    );
}

#[test]
fn a_time_before_the_cue_and_a_rival_before_the_name_are_not_the_speakers() {
    let got = speakers(
        "Harbour Bank just this month announced it would close the branch.\n\n\
         The vote came after rival Mara Quill attacked the plan in a long speech.\n",
    );
    assert_eq!(got, ["Harbour Bank", "Mara Quill"]);
}

#[test]
fn names_joined_by_and_or_to_are_one_speaker() {
    let got = speakers(
        "Pier Safety and Harbour Services, the agency that runs the pier, said it was \
         taking steps.\n\n\
         But in recent days, advisers to Mr. Reed say the mayor has grown tired.\n\n\
         Her letter to the council noted reports that the pier was unsafe.\n",
    );
    assert_eq!(
        got,
        [
            "Pier Safety and Harbour Services, the agency that runs the pier,",
            "advisers to Mr. Reed",
            "Her letter to the council"
        ]
    );
}

#[test]
fn a_pronoun_after_but_speaks_the_next_claim() {
    let got = speakers("Tom Reed said the pier was safe, but he said the road would wait.\n");
    assert_eq!(got, ["Tom Reed", "he"]);
}

#[test]
fn a_relative_clause_that_reports_is_not_the_speakers_description() {
    let got = speakers("“It is done,” said Ana Ruiz, who emphasized that the pier would open.\n");
    assert_eq!(got, ["Ana Ruiz", "who"]);
}

#[test]
fn a_relative_clause_in_the_subject_is_the_speakers() {
    let got = speakers(
        "A 2019 study that appeared in the Harbour Journal found that the pier was unsafe.\n\n\
         One of the divers who checked the pier called the plan reckless.\n\n\
         One of the reasons that Tom Reed refuses to sell is the view.\n\n\
         Say Ana Ruiz demanded that the pier close.\n",
    );
    assert_eq!(
        got,
        [
            "A 2019 study that appeared in the Harbour Journal",
            "One of the divers who checked the pier",
            "Tom Reed",
            "Ana Ruiz"
        ]
    );
}

#[test]
fn a_name_that_holds_a_cue_word_or_a_modal_is_whole() {
    let got = speakers(
        "The United States said the pier was unsafe.\n\n\
         Harbour Minister Ana May said the ferry would stop.\n\n\
         A report released last month found that the ferry was late.\n\n\
         The report said the road would close.\n\n\
         Contrary to his claim that the pier was safe, the pier fell.\n",
    );
    assert_eq!(
        got,
        [
            "The United States",
            "Harbour Minister Ana May",
            "A report released last month",
            "The report",
            "his"
        ]
    );
}

#[test]
fn a_name_after_an_occasion_or_a_time_is_the_speaker_alone() {
    let got = speakers(
        "In a radio interview Tom Reed declared that the pier was safe.\n\n\
         The film ends with footage of Ana Ruiz saying the pier would open.\n\n\
         It was the third time Harbour Trust said the road would close.\n",
    );
    assert_eq!(got, ["Tom Reed", "Ana Ruiz", "Harbour Trust"]);
}
