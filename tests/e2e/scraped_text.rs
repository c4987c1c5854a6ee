//! End-to-end runs of `plangloss text` on scraped pages: text files whose
//! lines are a web page's visible text, portal and all.

use crate::common::*;

/// Each seed of `../shared/seeds` gives its article (gold written by hand
/// in `tests/fixtures/scraped-gold/`), where the whole text scores 0.85 to
/// 0.98.
#[test]
fn scraped_pages_give_their_article() {
    let Some(seeds) = shared_path("seeds") else {
        return;
    };
    let gold_dir = root().join("tests/fixtures/scraped-gold");
    let mut scored = 0;
    for gold in std::fs::read_dir(&gold_dir).unwrap() {
        let gold = gold.unwrap().path();
        let page = seeds.join(gold.file_name().unwrap());
        let out = plangloss(&["text", page.to_str().unwrap()]);
        assert!(out.status.success(), "{}", page.display());
        let found = String::from_utf8(out.stdout).unwrap();
        let f1 = f1(&found, &std::fs::read_to_string(&gold).unwrap());
        assert!(f1 >= 0.98, "{}: F1 {f1:.3}\n{found}", page.display());
        scored += 1;
    }
    assert_eq!(scored, 5);
}

/// The page's date line, byline and source go to `meta`, and the lines
/// left out are counted; `--main-text off` and `--whole-page` keep all.
#[test]
fn metadata_and_the_count_of_lines_left_out() {
    let Some(page) = shared_path("seeds/003_013fe856ed8d35c9.txt") else {
        return;
    };
    let page = page.to_str().unwrap();
    let record = &records(&plangloss(&["ingest", page]))[0];
    assert_eq!(record["meta"]["published"], "2021-11-09");
    assert_eq!(record["meta"]["author"], "Hải Hà");
    assert_eq!(
        record["meta"]["title"],
        "Xây dựng mô hình, mạng lưới và cơ chế liên ngành về dân số"
    );
    let kept = blocks(record).len();
    let removed: usize = record["meta"]["removed_lines"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    for whole in [["--main-text", "off"], ["--whole-page", "--main-text=on"]] {
        let args: Vec<&str> = ["ingest"].into_iter().chain(whole).chain([page]).collect();
        let record = &records(&plangloss(&args))[0];
        assert_eq!(blocks(record).len(), kept + removed);
        assert!(record["meta"].get("removed_lines").is_none());
    }
}

/// `auto` never cuts an ordinary plan saved as text; `on` cuts a page
/// that `auto` would leave alone.
#[test]
fn plans_in_text_files_stay_whole() {
    let mut plans = vec![root().join("corpora")];
    plans.extend(shared_path("corpus/vi/txt"));
    for folder in plans {
        let folder = folder.to_str().unwrap();
        let auto = records(&plangloss(&["ingest", folder]));
        let off = records(&plangloss(&["ingest", "--main-text", "off", folder]));
        let text_records = auto.iter().zip(&off).filter(|(a, _)| a["format"] == "txt");
        let mut checked = 0;
        for (auto, off) in text_records {
            assert_eq!(auto["blocks"], off["blocks"], "{}", auto["path"]);
            assert!(auto["meta"].get("removed_lines").is_none());
            checked += 1;
        }
        assert!(checked > 0, "no text files in {folder}");
    }
}
