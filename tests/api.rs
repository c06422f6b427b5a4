//! The Rust API: the free function and the configured, reusable `Sifter`.

use spinsift::{Category, Sifter};

const ARTICLE: &str = "Ferry vote in Port Ellery\n\nListen to our podcast: The Harbour Hour\n\nResidents voted on Saturday to raise a small levy so that the island ferry can keep sailing through the winter.\n\nPhoto: Reuters\n\nLire aussi : Les écoles de l'île\n";

#[test]
fn custom_phrase_lists_add_rules() {
    let plain = spinsift::sift(ARTICLE);
    assert!(plain.text.contains("Listen to our podcast"));
    let s = Sifter::builder()
        .phrases(
            Category::Promo,
            "# podcasts plugs\n@en\n^ listen to our podcast\n",
        )
        .build()
        .unwrap();
    let r = s.sift(ARTICLE);
    assert!(!r.text.contains("Listen to our podcast"));
    assert!(
        r.removed
            .iter()
            .any(|x| x.category == Category::Promo && x.text.starts_with("Listen"))
    );
}

#[test]
fn kept_categories_and_languages() {
    let s = Sifter::builder().keep(Category::Credit).build().unwrap();
    assert!(s.sift(ARTICLE).text.contains("Photo: Reuters"));
    // With English phrases only, the French "Lire aussi" prompt is not a rule hit.
    let en = Sifter::builder()
        .languages(&["en"])
        .classifier(false)
        .build()
        .unwrap();
    assert!(en.sift(ARTICLE).text.contains("Lire aussi"));
    let fr = Sifter::builder()
        .languages(&["fr"])
        .classifier(false)
        .build()
        .unwrap();
    assert!(!fr.sift(ARTICLE).text.contains("Lire aussi"));
}

#[test]
fn invalid_options_and_data_are_errors() {
    assert!(Sifter::builder().threshold(1.5).build().is_err());
    let e = Sifter::builder()
        .phrases(Category::Promo, "@en\n? what\n")
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("custom phrases:2"), "{e}");
}

#[test]
fn corrupted_or_truncated_models_are_refused() {
    let text = include_str!("../data/models/lines.model");
    assert!(spinsift::sift::classify::LineModel::parse(text).is_ok());
    let truncated = &text[..text.len() / 2];
    assert!(spinsift::sift::classify::LineModel::parse(truncated).is_err());
    let edited = text.replacen("stage1 log_chars", "stage1 log_chars 9", 1);
    let e = spinsift::sift::classify::LineModel::parse(&edited).unwrap_err();
    assert!(e.to_string().contains("hash mismatch"), "{e}");
    assert!(spinsift::sift::classify::LineModel::parse("").is_err());
}

/// Paragraphs of plain prose, for the comment-section tests.
fn paragraphs(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "Paragraph {i} of the report explains, in a full sentence of ordinary prose, what the council decided about the harbour wall and why the vote took so long.\n\n"
            )
        })
        .collect()
}

#[test]
fn a_comment_section_after_the_article_is_dropped_prose_included() {
    let text = format!(
        "{}12 Comments\n\nI grew up by that harbour and I am glad the wall will finally be repaired before the winter storms arrive.\n\nThe council should have acted years ago, and everybody in the town knows it.\n",
        paragraphs(6)
    );
    let r = spinsift::sift(&text);
    assert!(r.text.contains("Paragraph 5"), "{}", r.text);
    assert!(!r.text.contains("grew up"), "{}", r.text);
    let dropped: Vec<_> = r
        .removed
        .iter()
        .filter(|x| x.category == Category::Comments)
        .map(|x| x.text.as_str())
        .collect();
    assert_eq!(dropped.len(), 3, "{dropped:?}");
    assert_eq!(dropped[0], "12 Comments");
}

#[test]
fn a_comment_link_near_the_top_or_under_an_answer_ends_nothing() {
    // Under the lede (less than 30 % of the article before it), and on a
    // Q&A page, where `Add a comment` follows every answer.
    for (before, link, after, label) in [
        (3, "12 Comments", 12, "Later paragraph"),
        (6, "Add a comment", 2, "Second answer"),
    ] {
        let text = format!(
            "{}{link}\n\n{}",
            paragraphs(before),
            paragraphs(after).replace("Paragraph", label)
        );
        let r = spinsift::sift(&text);
        let last = format!("{label} {}", after - 1);
        assert!(r.text.contains(&last), "{link}: {}", r.text);
    }
}

/// Four paragraphs of prose, then `heading` and `lines`, one per line.
fn sift_after_prose(heading: &str, lines: &[&str]) -> spinsift::SiftResult {
    let prose = paragraphs(4).replace("\n\n", "\n");
    spinsift::sift(&format!("{prose}{heading}\n{}\n", lines.join("\n")))
}

#[test]
fn a_list_under_a_heading_after_prose_stays_and_a_menu_does_not() {
    let dates = [
        "June 9 – Harbour Hall, Port Ellery @ North Quay",
        "June 12 – The Old Granary, Westmoor @ Mill Lane",
        "June 14 – Lantern Theatre, Saltby @ Market Square",
        "June 18 – Corn Exchange, Dunmere @ High Street",
        "June 21 – Pier Pavilion, Gullhaven @ The Front",
    ];
    // A closing line after the list, as articles end.
    let lines = [&dates[..], &["Additional reporting by the news desk"]].concat();
    let r = sift_after_prose("Brass Band Summer Dates", &lines);
    for d in dates.iter().chain(&["Brass Band Summer Dates"]) {
        assert!(r.text.contains(d), "{d}: {}", r.text);
    }
    // The same place, but a menu of teasers: no fields in its lines.
    let teasers = [
        "Harbour wall repairs begin next week",
        "Council votes on new parking rules",
        "Ferry timetable changes for winter",
        "Local bakery wins regional prize",
        "School choir tours the coast",
    ];
    let r = sift_after_prose("Most read", &teasers);
    assert!(!r.text.contains("Most read"), "{}", r.text);
    for t in teasers {
        assert!(!r.text.contains(t), "{t}: {}", r.text);
    }
}

#[test]
fn a_list_introduced_by_a_sentence_stays_until_its_shape_breaks() {
    let dates = [
        "June 9 -- Harbour Hall, Port Ellery",
        "June 12 -- The Old Granary, Westmoor",
        "June 14 -- Lantern Theatre, Saltby",
        "June 18 -- Corn Exchange, Dunmere",
        "June 21 -- Pier Pavilion, Gullhaven",
        "June 27 -- Riverside Arena, Calder Bridge",
    ];
    let text = format!(
        "{}The brass band will play these dates next summer:\n\n{}\n\nTicket office\n\nSeason overview\n",
        paragraphs(4),
        dates.join("\n\n")
    );
    let r = spinsift::sift(&text);
    for d in dates {
        assert!(r.text.contains(d), "{d}: {}", r.text);
    }
    assert!(!r.text.contains("Ticket office"), "{}", r.text);
}
