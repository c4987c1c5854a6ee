//! The files of a ready OmegaT project: the project file, and the project's
//! segmentation rules in both forms OmegaT reads (`segmentation.srx`,
//! SRX 2.0, read by current OmegaT; `segmentation.conf`, the serialized
//! form OmegaT 3 to 5 read).
//!
//! The project turns OmegaT's own sentence segmentation off: its source
//! files are our XLIFF, whose translation units are already the sentences
//! our rules cut. The rules still go with the project, so that files a
//! translator adds later are cut the same way; OmegaT's defaults have no
//! Vietnamese rules and split "TP. Hồ Chí Minh" after "TP.".

use crate::segment::SrxFile;
use crate::xliff::escape;
use std::fmt::Write;

/// `omegat.project` for the pair `source` → `target`, with every folder
/// in its default place and sentence segmentation off.
pub fn project_file(source: &str, target: &str) -> String {
    let target_tokenizer = if target.to_ascii_lowercase().starts_with("zh") {
        "org.omegat.tokenizer.LuceneSmartChineseTokenizer"
    } else {
        "org.omegat.tokenizer.DefaultTokenizer"
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<omegat>\n\
         <project version=\"1.0\">\n\
         <source_dir>__DEFAULT__</source_dir>\n<target_dir>__DEFAULT__</target_dir>\n\
         <tm_dir>__DEFAULT__</tm_dir>\n<glossary_dir>__DEFAULT__</glossary_dir>\n\
         <glossary_file>__DEFAULT__</glossary_file>\n<dictionary_dir>__DEFAULT__</dictionary_dir>\n\
         <source_lang>{}</source_lang>\n<target_lang>{}</target_lang>\n\
         <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>\n\
         <target_tok>{target_tokenizer}</target_tok>\n\
         <sentence_seg>false</sentence_seg>\n\
         <support_default_translations>true</support_default_translations>\n\
         <remove_tags>false</remove_tags>\n\
         </project>\n</omegat>\n",
        escape(source),
        escape(target),
    )
}

/// The rule files as one SRX 2.0 document (`omegat/segmentation.srx`): each
/// file's language rules, renamed apart, and its maps, in the order the
/// files are tried; cascading, as our rules are.
pub fn segmentation_srx(files: &[SrxFile]) -> String {
    let mut rules = String::new();
    let mut maps = String::new();
    for (number, file) in files.iter().enumerate() {
        for (pattern, name, file_rules) in file.maps() {
            let name = format!("{name} {}", number + 1);
            let _ = writeln!(
                maps,
                "<languagemap languagepattern=\"{}\" languagerulename=\"{}\"/>",
                escape(&case_blind(pattern)),
                escape(&name)
            );
            if rules.contains(&format!("languagerulename=\"{}\"", escape(&name))) {
                continue;
            }
            let _ = writeln!(
                rules,
                "<languagerule languagerulename=\"{}\">",
                escape(&name)
            );
            for rule in file_rules {
                let _ = writeln!(
                    rules,
                    "<rule break=\"{}\"><beforebreak>{}</beforebreak><afterbreak>{}</afterbreak></rule>",
                    if rule.breaks { "yes" } else { "no" },
                    escape(&java_pattern(rule.before_pattern())),
                    escape(&java_pattern(rule.after_pattern()))
                );
            }
            rules.push_str("</languagerule>\n");
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n\
         <header segmentsubflows=\"yes\" cascade=\"yes\">\n\
         <formathandle type=\"start\" include=\"no\"/>\n<formathandle type=\"end\" include=\"yes\"/>\n\
         <formathandle type=\"isolated\" include=\"yes\"/>\n</header>\n<body>\n\
         <languagerules>\n{rules}</languagerules>\n<maprules>\n{maps}</maprules>\n</body>\n</srx>\n"
    )
}

/// The rule files in the serialized form OmegaT 3 to 5 read
/// (`omegat/segmentation.conf`, a `java.beans.XMLDecoder` document of
/// OmegaT's `SRX` class, version 0.2.2 so that it is not merged with the
/// defaults): one map rule per language map, in order.
pub fn segmentation_conf(files: &[SrxFile]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<java version=\"17\" class=\"java.beans.XMLDecoder\">\n\
         <object class=\"org.omegat.core.segmentation.SRX\">\n<void property=\"mappingRules\">\n",
    );
    for file in files {
        for (pattern, name, rules) in file.maps() {
            let _ = write!(
                out,
                "<void method=\"add\"><object class=\"org.omegat.core.segmentation.MapRule\">\n\
                 <void property=\"language\"><string>{}</string></void>\n\
                 <void property=\"pattern\"><string>{}</string></void>\n\
                 <void property=\"rules\"><object class=\"java.util.ArrayList\">\n",
                escape(name),
                escape(&case_blind(pattern))
            );
            for rule in rules {
                let _ = writeln!(
                    out,
                    "<void method=\"add\"><object class=\"org.omegat.core.segmentation.Rule\">\
                     <void property=\"afterbreak\"><string>{}</string></void>\
                     <void property=\"beforebreak\"><string>{}</string></void>\
                     <void property=\"breakRule\"><boolean>{}</boolean></void>\
                     </object></void>",
                    escape(&java_pattern(rule.after_pattern())),
                    escape(&java_pattern(rule.before_pattern())),
                    rule.breaks
                );
            }
            out.push_str("</object></void>\n</object></void>\n");
        }
    }
    out.push_str(
        "</void>\n<void property=\"version\"><string>0.2.2</string></void>\n</object>\n</java>\n",
    );
    out
}

/// A rule pattern in Java's regex syntax, which OmegaT compiles: the
/// script property our rules write `\p{Han}` is `\p{IsHan}` there (both
/// forms mean the same to our own regex engine).
fn java_pattern(pattern: &str) -> String {
    pattern
        .replace("\\p{Han}", "\\p{IsHan}")
        .replace("\\P{Han}", "\\P{IsHan}")
}

/// A language pattern that matches codes in any case (OmegaT writes them
/// in capitals, `VI`, where our rules say `vi.*`).
fn case_blind(pattern: &str) -> String {
    format!("(?i){pattern}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::rule_files;

    #[test]
    fn project_and_rules() {
        let project = project_file("vi", "zh-CN");
        assert!(project.contains("<sentence_seg>false</sentence_seg>"));
        assert!(project.contains("LuceneSmartChineseTokenizer"));
        let files = rule_files(&[]).unwrap();
        let srx = segmentation_srx(&files);
        // Our own parser reads it back, and it cuts as our rules do.
        let back = SrxFile::parse(&srx, "segmentation.srx").unwrap();
        let rules: Vec<_> = back.rules_for("vi").collect();
        assert!(!rules.is_empty());
        assert!(srx.contains("TP"));
        let conf = segmentation_conf(&files);
        assert!(conf.contains("<string>0.2.2</string>"));
        assert_eq!(
            conf.matches("org.omegat.core.segmentation.MapRule").count(),
            files.iter().map(|f| f.maps().count()).sum::<usize>()
        );
    }
}
