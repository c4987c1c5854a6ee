#![no_main]
//! SRX 2.0 rule files: the parser, rule compilation, and splitting a
//! Vietnamese and a Chinese paragraph with the rules it accepted.

use libfuzzer_sys::fuzz_target;
use plangloss::model::Lang;
use plangloss::segment::Segmenter;

const VI: &str = "Kế hoạch số 144/KH-UBND ngày 11/7/2024. TS. Nguyễn Văn A, Phó Chủ tịch UBND. Các đơn vị thực hiện./.";
const ZH: &str = "第一条 为了规范计划生育工作，制定本办法。第二条 本办法自发布之日起施行！";

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(segmenter) = Segmenter::with_files(&[("fuzz.srx".to_string(), xml.to_string())]) {
        for (text, lang) in [(VI, Lang::Vi), (ZH, Lang::Zh), (xml, Lang::Und)] {
            let _ = segmenter.sentences(text, lang);
        }
    }
});
