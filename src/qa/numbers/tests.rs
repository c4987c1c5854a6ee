//! Tests of reading, matching and reporting numbers.

use super::report::unit_sign;
use super::value::{Decimal, Value};
use super::*;
use crate::qa::{Category, Severity};
use Language::{Chinese as Zh, Other as En, Vietnamese as Vi};

/// What was read, one string each: `1250.5`, `2.5%`, `1.25|1250`,
/// `2024-7-11`, `?-7-11`, `doc 144/kh-ubnd`; weak ones in brackets.
fn read(text: &str, lang: Language) -> Vec<String> {
    Side::read(text, lang)
        .quantities
        .iter()
        .map(|q| {
            let body = match &q.value {
                Value::Number(n) => {
                    let alt = n.alt.map(|a| format!("|{}", shown(a))).unwrap_or_default();
                    format!("{}{alt}{}", shown(n.value), unit_sign(n.unit))
                }
                Value::Date { date, .. } => {
                    let part = |p: Option<String>| p.unwrap_or_else(|| "?".into());
                    format!(
                        "{}-{}-{}",
                        part(date.year.map(|y| y.to_string())),
                        part(date.month.map(|m| m.to_string())),
                        part(date.day.map(|d| d.to_string()))
                    )
                }
                Value::Doc(doc) => format!("doc {}", doc.key),
            };
            if q.weak { format!("({body})") } else { body }
        })
        .collect()
}

fn shown(value: Decimal) -> String {
    let (whole, fraction) = value.digits(0);
    if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    }
}

fn assert_reads(lang: Language, cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(read(text, lang), *expected, "reading {text:?}");
    }
}

#[test]
fn vietnamese_numbers() {
    assert_reads(
        Vi,
        &[
            ("1.250,5", &["1250.5"]),
            ("1.250", &["1250"]),
            ("2,5", &["2.5"]),
            ("10.000.000", &["10000000"]),
            ("112,4 bé trai", &["112.4"]),
            ("0,3", &["0.3"]),
            // Written the English way: still read.
            ("1,250,000 và 1,250.5 và 4.0", &["1250000", "1250.5", "4"]),
            // A decimal comma with three digits may be a copied 1,250.
            ("1,250", &["1.25|1250"]),
            ("1.000đ và 24h", &["1000", "24"]),
        ],
    );
}

#[test]
fn chinese_and_english_numbers() {
    assert_reads(
        Zh,
        &[
            ("1,250.5", &["1250.5"]),
            ("1250.5", &["1250.5"]),
            ("１２５０人", &["1250"]),
            ("２．５", &["2.5"]),
            ("24,350名", &["24350"]),
        ],
    );
    assert_reads(
        En,
        &[
            ("1,250.5 people", &["1250.5"]),
            ("1.250 people", &["1.25|1250"]),
            ("0.125 and 1,250", &["0.125", "1250"]),
        ],
    );
}

#[test]
fn percentages_and_per_mille() {
    assert_reads(Vi, &[("2,5%", &["2.5%"]), ("2,5 %", &["2.5%"])]);
    assert_reads(
        Vi,
        &[("5 phần trăm", &["5%"]), ("0,3 phần nghìn", &["0.3‰"])],
    );
    assert_reads(Zh, &[("2.5%", &["2.5%"]), ("2.5％", &["2.5%"])]);
    assert_reads(
        Zh,
        &[("百分之二点五", &["2.5%"]), ("百分之九十五", &["95%"])],
    );
    assert_reads(Zh, &[("百分之5", &["5%"]), ("4.5‰", &["4.5‰"])]);
    assert_reads(Zh, &[("千分之零点三", &["0.3‰"])]);
    assert_reads(En, &[("2.5 percent", &["2.5%"]), ("3 per cent", &["3%"])]);
    // A range shares its sign.
    assert_reads(Vi, &[("10-15%", &["10%", "15%"])]);
}

#[test]
fn scale_words() {
    assert_reads(
        Vi,
        &[
            ("1,2 triệu", &["1200000"]),
            ("120 triệu", &["120000000"]),
            ("1,5 tỷ đồng", &["1500000000"]),
            ("3 nghìn", &["3000"]),
            ("2 nghìn tỷ", &["2000000000000"]),
            // Not scale words here: symptoms, a ratio.
            ("3 triệu chứng", &["3"]),
            ("Kế hoạch 2025 tỷ lệ", &["2025"]),
        ],
    );
    assert_reads(
        Zh,
        &[
            ("120万", &["1200000"]),
            ("1.2亿", &["120000000"]),
            ("3千万", &["30000000"]),
            ("10/10万", &["10", "100000"]),
            ("3千米", &["3"]),
            ("每千人口", &["(1000)"]),
            ("每十万人", &["(100000)"]),
            ("一点二亿", &["120000000"]),
        ],
    );
    assert_reads(
        En,
        &[
            ("1.2 million", &["1200000"]),
            ("3 billion", &["3000000000"]),
        ],
    );
}

#[test]
fn chinese_numerals_as_numbers() {
    assert_reads(
        Zh,
        &[
            ("两个", &["(2)"]),
            ("二十", &["20"]),
            ("三万", &["30000"]),
            ("一百二十五", &["125"]),
            ("一百零五人", &["105"]),
            ("三万五千", &["35000"]),
            ("第三", &["(3)"]),
            ("第十四", &["14"]),
            ("十二个", &["12"]),
            ("五项制度", &["(5)"]),
            ("十九届五中全会", &["19", "(5)"]),
        ],
    );
}

#[test]
fn chinese_numerals_inside_words_are_not_numbers() {
    let words = "一些 一起 统一 进一步 一定 一体化 万一 三农 一是 二是 十分 百姓 千方百计 一般 \
                 一个 一次 第一时间 一点一点 十三四岁 七八十 一百五 千万 百分百 三分之一 成千上万 \
                 四川 星期三 两岸 一五一十 十万火急";
    assert_eq!(read(words, Zh), Vec::<String>::new());
}

#[test]
fn five_year_plans_stand_for_their_numbers_and_years() {
    assert_reads(
        Zh,
        &[
            ("“十四五”规划", &["(14)", "(5)", "(2021-?-?)", "(2025-?-?)"]),
            ("十三五", &["(13)", "(5)", "(2016-?-?)", "(2020-?-?)"]),
        ],
    );
}

#[test]
fn small_counts_in_words_are_weak() {
    assert_reads(
        Vi,
        &[
            ("hai lần", &["(2)"]),
            ("mười lăm ngày", &["(15)"]),
            ("hai mươi mốt", &["(21)"]),
            ("thứ tư", &["(4)"]),
            ("quý III", &["(3)"]),
            // `năm` is a year, and `tư vấn` is advice.
            ("năm chế độ, tư vấn", &[]),
        ],
    );
    assert_reads(
        En,
        &[("three times", &["(3)"]), ("Five-Year Plan", &["(5)"])],
    );
}

#[test]
fn vietnamese_dates() {
    assert_reads(
        Vi,
        &[
            ("ngày 11/7", &["?-7-11"]),
            ("11/7/2024", &["2024-7-11"]),
            ("11-7-2024", &["2024-7-11"]),
            ("Ngày Dân số Thế giới 11/7 năm 2024", &["2024-7-11"]),
            ("ngày 11/7 năm 2024", &["2024-7-11"]),
            ("ngày 11 tháng 7 năm 2024", &["2024-7-11"]),
            ("ngày 02 tháng 3", &["?-3-2"]),
            ("11 tháng 7 năm 2024", &["2024-7-11"]),
            ("tháng 7/2024", &["2024-7-?"]),
            ("tháng 7 năm 2024", &["2024-7-?"]),
            ("Năm 2024", &["2024-?-?"]),
            ("tháng 12", &["?-12-?"]),
            // Durations, not dates.
            ("trong 30 ngày, 3 tháng, 5 năm", &["30", "3", "5"]),
            ("7/2024", &["7", "2024"]),
        ],
    );
}

#[test]
fn chinese_and_english_dates() {
    assert_reads(
        Zh,
        &[
            ("2024年7月11日", &["2024-7-11"]),
            ("7月11日", &["?-7-11"]),
            ("2024年7月", &["2024-7-?"]),
            ("2024年", &["2024-?-?"]),
            ("7月11号", &["?-7-11"]),
            ("二〇二四年七月十一日", &["2024-7-11"]),
            ("二○二四年", &["2024-?-?"]),
            ("2024年度", &["2024-?-?"]),
            ("8月龄", &["8"]),
            ("3个月", &["3"]),
            ("2024-07-11", &["2024-7-11"]),
        ],
    );
    assert_reads(
        En,
        &[
            ("11 July 2024", &["2024-7-11"]),
            ("July 11, 2024", &["2024-7-11"]),
            ("July 11th", &["?-7-11"]),
            ("in July 2024", &["2024-7-?"]),
            ("May", &["(?-5-?)"]),
            ("2024-07-11", &["2024-7-11"]),
        ],
    );
}

#[test]
fn year_ranges_are_two_years() {
    let two_years: &[&str] = &["2021-?-?", "2025-?-?"];
    assert_reads(
        Vi,
        &[
            ("2021-2025", two_years),
            ("giai đoạn 2021 - 2025", two_years),
        ],
    );
    assert_reads(Vi, &[("2021–2025", two_years)]);
    assert_reads(
        Zh,
        &[("2021—2025年", two_years), ("2021至2025年", two_years)],
    );
    assert_reads(
        Zh,
        &[("2021年至2025年", two_years), ("13至14周岁", &["13", "14"])],
    );
}

#[test]
fn document_numbers() {
    assert_reads(
        Vi,
        &[
            ("Số: 144/KH-UBND", &["doc 144/kh-ubnd"]),
            ("30/2020/NĐ-CP", &["doc 30/2020/nd-cp"]),
            ("05/2023/TT-BYT", &["doc 05/2023/tt-byt"]),
            ("21-NQ/TW ngày 25/10/2017", &["doc 21-nq/tw", "2017-10-25"]),
        ],
    );
    assert_reads(
        Zh,
        &[
            ("国办发〔2019〕2号", &["doc 〔2019〕2号"]),
            ("根据国卫妇幼发［2021］15号", &["doc 〔2021〕15号"]),
            ("第30/2020/NĐ-CP号议定", &["doc 30/2020/nd-cp"]),
        ],
    );
    let side = Side::read("根据国办发〔2019〕2号文件", Zh);
    assert_eq!(side.text(side.quantities[0].span), "国办发〔2019〕2号");
}

#[test]
fn labels_codes_footnotes_and_links_are_skipped() {
    for (text, lang) in [
        ("1. Mục đích", Vi),
        ("2.1. Mục tiêu", Vi),
        ("a) Giảm", Vi),
        ("(3) Tăng", Vi),
        ("IV. TỔ CHỨC", Vi),
        ("- 1) Rà soát", Vi),
        ("一、工作目标", Zh),
        ("（二）加强", Zh),
        ("十二、附则", Zh),
        ("1、加强", Zh),
        ("COVID-19, H5N1, SARS-CoV-2, G6PD", Vi),
        ("2024年[1]", Zh),
        ("xem https://moh.gov.vn/2024/10/25 và abc123@gmail.com", Vi),
    ] {
        let found = read(text, lang);
        assert!(
            found.is_empty() || found == ["2024-?-?"],
            "{text:?} gave {found:?}"
        );
    }
    assert_eq!(read("2.5% dân số", Vi), ["2.5%"], "not a label");
}

/// Source, its language, target, its language, and the problems
/// expected (a part of each message, in order).
type Pair = (
    &'static str,
    Language,
    &'static str,
    Language,
    &'static [&'static str],
);

const PAIRS: &[Pair] = &[
    // Other conventions, other scripts: no problem.
    (
        "Tỷ lệ phụ nữ đẻ được nhân viên y tế đỡ đạt 97,5%.",
        Vi,
        "由医务人员接生的产妇比例达到97.5%。",
        Zh,
        &[],
    ),
    (
        "Số đối tượng dự kiến là 24.350 trẻ sơ sinh.",
        Vi,
        "预计对象为24350名新生儿。",
        Zh,
        &[],
    ),
    (
        "Cộng tác viên dân số được tập huấn: 1.250 người.",
        Vi,
        "接受培训的人口协管员：1,250人。",
        Zh,
        &[],
    ),
    (
        "Tổng kinh phí là 1.250,5 triệu đồng.",
        Vi,
        "总经费为12.505亿越南盾。",
        Zh,
        &[],
    ),
    (
        "Dân số toàn tỉnh khoảng 1,2 triệu người.",
        Vi,
        "全省人口约120万人。",
        Zh,
        &[],
    ),
    ("Ngân sách 1,2 tỷ đồng.", Vi, "预算12亿越南盾。", Zh, &[]),
    (
        "Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống;",
        Vi,
        "孕产妇死亡率降至40/10万活产以下；",
        Zh,
        &[],
    ),
    (
        "Sơn Hà, ngày 02 tháng 3 năm 2025",
        Vi,
        "山河市，2025年3月2日",
        Zh,
        &[],
    ),
    (
        "Kế hoạch số 45/KH-UBND ngày 02/3/2025",
        Vi,
        "2025年3月2日第45/KH-UBND号计划",
        Zh,
        &[],
    ),
    (
        "Báo cáo kết quả trước ngày 15/12/2025.",
        Vi,
        "于2025年12月15日前报告结果。",
        Zh,
        &[],
    ),
    (
        "Căn cứ Nghị định số 104/2016/NĐ-CP ngày 01/7/2016 của Chính phủ;",
        Vi,
        "根据政府2016年7月1日第104/2016/NĐ-CP号议定；",
        Zh,
        &[],
    ),
    (
        "Chương trình chăm sóc sức khỏe sinh sản giai đoạn 2021 - 2025",
        Vi,
        "2021—2025年生殖保健计划",
        Zh,
        &[],
    ),
    (
        "Chiến lược Dân số Việt Nam đến năm 2030",
        Vi,
        "到2030年的越南人口战略",
        Zh,
        &[],
    ),
    ("Kế hoạch 2025", Vi, "2025年计划", Zh, &[]),
    (
        "Tiêm trong vòng 24 giờ sau sinh đạt từ 85% trở lên.",
        Vi,
        "出生后24小时内接种率达到85%以上。",
        Zh,
        &[],
    ),
    (
        "国家免疫规划疫苗报告接种率保持在90%以上。",
        Zh,
        "Tỷ lệ tiêm chủng các vắc xin được duy trì trên 90%.",
        Vi,
        &[],
    ),
    (
        "市卫生健康委将于第三季度组织督导检查。",
        Zh,
        "Sở Y tế sẽ tổ chức kiểm tra, giám sát trong quý III.",
        Vi,
        &[],
    ),
    (
        "全面落实母婴安全五项制度。",
        Zh,
        "Thực hiện đầy đủ năm chế độ bảo đảm an toàn bà mẹ và trẻ sơ sinh.",
        Vi,
        &[],
    ),
    (
        "每个社区卫生服务中心每年举办健康教育讲座不少于12次，宣传栏每两个月更换一次内容。",
        Zh,
        "Mỗi trạm y tế tổ chức ít nhất 12 buổi nói chuyện mỗi năm; bảng tin thay nội dung hai tháng một lần.",
        Vi,
        &[],
    ),
    (
        "按照“三查七对一验证”要求实施接种。",
        Zh,
        "Tiêm chủng theo yêu cầu “ba kiểm tra, bảy đối chiếu, một xác nhận”.",
        Vi,
        &[],
    ),
    (
        "“十四五”时期妇幼健康事业发展良好。",
        Zh,
        "Giai đoạn 2021-2025, công tác sức khỏe bà mẹ trẻ em phát triển tốt.",
        Vi,
        &[],
    ),
    ("“十四五”规划", Zh, "Kế hoạch 5 năm lần thứ 14", Vi, &[]),
    ("“十四五”规划", Zh, "Kế hoạch 14-5", Vi, &[]),
    (
        "进一步统一思想，千方百计做好一般性工作，万一出现问题，一是及时报告，二是一起处理，这十分重要，百姓满意。",
        Zh,
        "Tiếp tục thống nhất nhận thức, tìm mọi cách làm tốt công việc chung; nếu có vấn đề thì báo cáo kịp thời và cùng xử lý, điều này rất quan trọng, người dân hài lòng.",
        Vi,
        &[],
    ),
    (
        "全省百分之二点五的人口",
        Zh,
        "2,5% dân số toàn tỉnh",
        Vi,
        &[],
    ),
    (
        "二〇二四年七月十一日",
        Zh,
        "ngày 11 tháng 7 năm 2024",
        Vi,
        &[],
    ),
    (
        "7月11日是世界人口日。",
        Zh,
        "Ngày 11/7 là Ngày Dân số thế giới.",
        Vi,
        &[],
    ),
    (
        "为一百二十五名儿童补种。",
        Zh,
        "Tiêm bù cho 125 trẻ em.",
        Vi,
        &[],
    ),
    (
        "招募三万名志愿者。",
        Zh,
        "Tuyển 30.000 tình nguyện viên.",
        Vi,
        &[],
    ),
    ("第二十次会议", Zh, "cuộc họp lần thứ 20", Vi, &[]),
    (
        "接种率达到９５％，共１２５０人。",
        Zh,
        "Tỷ lệ tiêm đạt 95%, tổng cộng 1.250 người.",
        Vi,
        &[],
    ),
    (
        "利用“4·25全国儿童预防接种日”开展宣传。",
        Zh,
        "Tuyên truyền nhân ngày 25/4, Ngày tiêm chủng toàn quốc.",
        Vi,
        &[],
    ),
    (
        "Năm 2024, toàn tỉnh có 52% phụ nữ mang thai được tầm soát.",
        Vi,
        "2024年，全省52%的孕妇接受了筛查。",
        Zh,
        &[],
    ),
    ("Tháng 7/2024", Vi, "2024年7月", Zh, &[]),
    (
        "Vắc xin sởi mũi 1 cho trẻ 9 tháng tuổi",
        Vi,
        "9月龄儿童接种第1剂麻疹疫苗",
        Zh,
        &[],
    ),
    (
        "0至3岁婴幼儿家庭",
        Zh,
        "gia đình có trẻ từ 0 đến 3 tuổi",
        Vi,
        &[],
    ),
    ("Đường dây nóng: 1900 9095", Vi, "热线：1900 9095", Zh, &[]),
    ("Tỷ suất chết trẻ em 4,5‰", Vi, "婴儿死亡率4.5‰", Zh, &[]),
    ("Giảm 0,3 phần nghìn", Vi, "降低千分之零点三", Zh, &[]),
    (
        "于2025年4月至10月开展活动。",
        Zh,
        "Tổ chức hoạt động từ tháng 4 đến tháng 10 năm 2025.",
        Vi,
        &[],
    ),
    ("Tăng 10-15%", Vi, "提高10%～15%", Zh, &[]),
    ("Mỗi năm khám hai lần.", Vi, "每年检查2次。", Zh, &[]),
    (
        "1. Phòng chống COVID-19 và cúm A/H5N1",
        Vi,
        "（一）防控COVID-19和A/H5N1流感",
        Zh,
        &[],
    ),
    (
        "国办发〔2019〕2号",
        Zh,
        "Văn bản số 2/2019 của Văn phòng Quốc vụ viện",
        Vi,
        &[],
    ),
    (
        "Tỷ lệ sử dụng biện pháp tránh thai đạt 68,5% năm 2024.",
        Vi,
        "The contraceptive prevalence rate was 68.5% in 2024.",
        En,
        &[],
    ),
    (
        "Tổ chức ngày 11/7/2024.",
        Vi,
        "Held on 11 July 2024.",
        En,
        &[],
    ),
    (
        "Tổ chức ngày 11/7/2024.",
        Vi,
        "Held on July 11, 2024.",
        En,
        &[],
    ),
    (
        "Dân số 1,2 triệu người.",
        Vi,
        "A population of 1.2 million.",
        En,
        &[],
    ),
    (
        "Có 1.250 người tham gia.",
        Vi,
        "1.250 people took part.",
        En,
        &[],
    ),
    (
        "Quyết định số 1679/QĐ-TTg",
        Vi,
        "Decision No. 1679/QD-TTg",
        En,
        &[],
    ),
    ("2024年7月11日", Zh, "on 2024-07-11", En, &[]),
    ("on 7/11/2024", En, "2024年7月11日", Zh, &[]),
    (
        "Khám thai ít nhất 4 lần trong 3 thời kỳ.",
        Vi,
        "至少产检四次，覆盖三个时期。",
        Zh,
        &[],
    ),
    // Seeded errors: found.
    (
        "Tỷ lệ đạt 97,5%.",
        Vi,
        "比例达到97.6%。",
        Zh,
        &["the percentage \"97,5%\" (97.5%) in the source is \"97.6%\""],
    ),
    (
        "Trẻ 9 tháng tuổi và 18 tháng tuổi",
        Vi,
        "9月龄儿童",
        Zh,
        &["the number \"18\" in the source has no counterpart in the target"],
    ),
    (
        "Tổ chức vào ngày 7/11/2024.",
        Vi,
        "于2024年7月11日举办。",
        Zh,
        &["with day and month swapped"],
    ),
    (
        "Tỷ lệ tiêm chủng trên 95%.",
        Vi,
        "接种率90%以上。",
        Zh,
        &["\"95%\" in the source is \"90%\" in the target"],
    ),
    (
        "Kế hoạch số 144/KH-UBND",
        Vi,
        "第145/KH-UBND号计划",
        Zh,
        &["the document number \"144/KH-UBND\" in the source is \"145/KH-UBND\""],
    ),
    (
        "Tập huấn cho cán bộ.",
        Vi,
        "培训干部200人。",
        Zh,
        &["the number \"200\" in the target has no counterpart in the source"],
    ),
    (
        "Có 1.250 người.",
        Vi,
        "共1.25人。",
        Zh,
        &["the number \"1.250\" (1250) in the source is \"1.25\" in the target"],
    ),
    (
        "Dân số 1,2 triệu người.",
        Vi,
        "人口12万人。",
        Zh,
        &["\"1,2 triệu\" (1200000) in the source is \"12万\" (120000)"],
    ),
    (
        "Kế hoạch năm 2024",
        Vi,
        "2025年计划",
        Zh,
        &["the year \"năm 2024\" (2024) in the source is \"2025年\" (2025)"],
    ),
    (
        "Báo cáo trước ngày 15/12/2025.",
        Vi,
        "于年底前报告。",
        Zh,
        &["the date \"15/12/2025\" (15 December 2025) in the source has no counterpart"],
    ),
    (
        "为一百二十五名儿童补种。",
        Zh,
        "Tiêm bù cho 152 trẻ em.",
        Vi,
        &["\"一百二十五\" (125) in the source is \"152\""],
    ),
    (
        "招募三万名志愿者。",
        Zh,
        "Tuyển 3.000 tình nguyện viên.",
        Vi,
        &["\"三万\" (30000) in the source is \"3.000\" (3000)"],
    ),
    (
        "Tỷ lệ 68,5%.",
        Vi,
        "A rate of 65.8%.",
        En,
        &["\"68,5%\" (68.5%) in the source is \"65.8%\""],
    ),
    (
        "Căn cứ Nghị định số 30/2020/NĐ-CP;",
        Vi,
        "根据政府议定；",
        Zh,
        &["the document number \"30/2020/NĐ-CP\" in the source has no counterpart"],
    ),
    (
        "Tăng từ 52% lên 60%.",
        Vi,
        "从52%提高到65%。",
        Zh,
        &["\"60%\" in the source is \"65%\""],
    ),
    (
        "ngày 11/7",
        Vi,
        "11月7日",
        Zh,
        &[
            "\"ngày 11/7\" (11 July) in the source is \"11月7日\" (7 November) in the target, with day and month swapped",
        ],
    ),
    (
        "人口1.2亿",
        Zh,
        "dân số 12 triệu",
        Vi,
        &["\"1.2亿\" (120000000) in the source is \"12 triệu\" (12000000)"],
    ),
    ("培训", Zh, "tập huấn hai mươi người", Vi, &[]),
    (
        "Tập huấn",
        Vi,
        "培训二十名干部",
        Zh,
        &["the number \"二十\" (20) in the target has no counterpart"],
    ),
    (
        "Có 3 xã và 5 huyện.",
        Vi,
        "有3个乡。",
        Zh,
        &["the number \"5\" in the source has no counterpart"],
    ),
];

#[test]
fn translated_pairs() {
    assert!(PAIRS.len() >= 40);
    for (source, source_lang, target, target_lang, expected) in PAIRS {
        let problems = check(source, *source_lang, target, *target_lang);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages.len(),
            expected.len(),
            "{source:?} → {target:?}: {messages:#?}"
        );
        for (message, part) in messages.iter().zip(expected.iter()) {
            assert!(
                message.contains(part),
                "{source:?} → {target:?}: {message:?} lacks {part:?}"
            );
        }
        for problem in &problems {
            assert_eq!(problem.category, Category::NumberMismatch);
            assert_eq!(problem.severity, Severity::Error);
            assert!(problem.source_span.is_some() || problem.target_span.is_some());
        }
    }
}

#[test]
fn problems_carry_spans_and_target_forms() {
    let problems = check("Tỷ lệ đạt 2,5% vào ngày 11/7/2024.", Vi, "比例达到。", Zh);
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[0].message,
        "the percentage \"2,5%\" (2.5%) in the source has no counterpart in the target"
    );
    assert_eq!(problems[0].source_span, Some((10, 14)));
    assert_eq!(problems[0].target_span, None);
    assert_eq!(problems[0].suggestion.as_deref(), Some("2.5%"));
    assert_eq!(problems[1].source_span, Some((24, 33)));
    assert_eq!(problems[1].suggestion.as_deref(), Some("2024年7月11日"));

    let swapped = check("ngày 7/11/2024", Vi, "2024年7月11日", Zh);
    assert_eq!(
        swapped[0].message,
        "the date \"7/11/2024\" (7 November 2024) in the source is \"2024年7月11日\" (11 July 2024) in the target, with day and month swapped"
    );
    assert_eq!(swapped[0].suggestion.as_deref(), Some("2024年11月7日"));
    assert_eq!(swapped[0].target_span, Some((0, 10)));
}

#[test]
fn suggestions_follow_the_target_conventions() {
    let suggest = |source: &str, source_lang, target_lang| {
        check(source, source_lang, "", target_lang)
            .first()
            .and_then(|p| p.suggestion.clone())
            .unwrap_or_default()
    };
    assert_eq!(suggest("1.250,5", Vi, Zh), "1250.5");
    assert_eq!(suggest("1250.5", Zh, Vi), "1250,5");
    assert_eq!(suggest("24350", Zh, Vi), "24.350");
    assert_eq!(suggest("24.350", Vi, En), "24,350");
    assert_eq!(suggest("69,0%", Vi, Zh), "69.0%");
    assert_eq!(suggest("1,2 triệu", Vi, Zh), "120万");
    assert_eq!(suggest("1.2亿", Zh, Vi), "120 triệu");
    assert_eq!(suggest("120万", Zh, En), "1.2 million");
    assert_eq!(suggest("ngày 11 tháng 7 năm 2024", Vi, En), "11 July 2024");
    assert_eq!(suggest("2024年7月", Zh, Vi), "tháng 7/2024");
    assert_eq!(suggest("7月11日", Zh, Vi), "ngày 11/7");
    assert_eq!(suggest("năm 2024", Vi, Zh), "2024年");
    assert_eq!(suggest("Số: 144/KH-UBND", Vi, Zh), "144/KH-UBND");
}

#[test]
fn any_text_is_safe() {
    let long_digits = "9".repeat(10_000);
    let many_numbers = "1 ".repeat(5_000);
    let many_han = "一二三四五六七八九十百千万亿".repeat(2_000);
    let odd = [
        "",
        "\0",
        "\u{301}\u{301}",
        "%%%‰‰",
        "第",
        "百分之",
        "千分之",
        "分之",
        "〔2019",
        "〔2019〕",
        "〔2019〕2",
        "[",
        "(",
        "十四",
        "十四五五",
        "零",
        "零点",
        "点五",
        "1.",
        ".1",
        "1,",
        "1..2,,3",
        "-1-",
        "///",
        "ngày",
        "ngày 32/13",
        "tháng 13/2024",
        "năm 99999",
        "July 99, 99999",
        "99/99/9999",
        "0000-00-00",
        "9999年99月99日",
        "🙂 2024 🙂",
        "עברית 12 العربية ١٢",
        "ⅫⅣ Ⅻ",
        "I V X L C IIIIIIIIII",
        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０",
        "340282366920938463463374607431768211456",
        "1.000.000.000.000.000.000.000.000.000.000.000.000.000 tỷ tỷ",
        &long_digits,
        &many_numbers,
        &many_han,
    ];
    for text in odd {
        for lang in [Vi, Zh, En] {
            for other in odd.iter().take(8) {
                let problems = check(text, lang, other, Zh);
                for problem in problems {
                    let len = text.chars().count();
                    if let Some((start, end)) = problem.source_span {
                        assert!(start <= end && end <= len, "{text:?}");
                    }
                }
            }
        }
    }
    // Thousands of numbers on each side stay quick.
    let source = (0..3000).map(|i| format!("{i} ")).collect::<String>();
    let target = (3000..6000).map(|i| format!("{i} ")).collect::<String>();
    assert_eq!(check(&source, En, &target, En).len(), 6000);
}

#[test]
#[ignore]
fn timing() {
    let pairs: Vec<_> = PAIRS.iter().collect();
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..2000 {
        for (s, sl, t, tl, _) in &pairs {
            n += check(s, *sl, t, *tl).len();
        }
    }
    let per = start.elapsed() / (2000 * pairs.len() as u32);
    println!("{n} problems; {per:?} per pair");
    let long_vi = "Căn cứ Nghị định số 104/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định về hoạt động tiêm chủng; tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95%, tổng cộng 24.350 trẻ, kinh phí 1,2 tỷ đồng.";
    let long_zh = "根据政府2016年7月1日第104/2016/NĐ-CP号关于免疫接种活动的议定；1岁以下儿童全程接种率达到95%，共24350名儿童，经费12亿越南盾。";
    let start = std::time::Instant::now();
    for _ in 0..20000 {
        n += check(long_vi, Vi, long_zh, Zh).len();
    }
    println!("{n}; long pair {:?}", start.elapsed() / 20000);
    let start = std::time::Instant::now();
    for _ in 0..20000 {
        n += Side::read(long_vi, Vi).quantities.len();
    }
    println!("{n}; vi read {:?}", start.elapsed() / 20000);
    let start = std::time::Instant::now();
    for _ in 0..20000 {
        n += Side::read(long_zh, Zh).quantities.len();
    }
    println!("{n}; zh read {:?}", start.elapsed() / 20000);
    let plain = "Tỷ lệ trẻ em dưới tuổi được tiêm chủng đầy đủ các loại vắc xin trong Chương trình Tiêm chủng mở rộng đạt từ trở lên và không có số nào cả trong câu này";
    let start = std::time::Instant::now();
    for _ in 0..20000 {
        n += Side::read(plain, Vi).quantities.len();
    }
    println!("{n}; vi words only {:?}", start.elapsed() / 20000);
}
