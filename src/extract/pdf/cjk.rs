//! The fold of radical characters that some ToUnicode maps produce back to
//! ideographs.

/// Folds a Kangxi radical (U+2F00–2FD5) or a CJK Radicals Supplement
/// character that stands for a whole character to the unified ideograph it
/// looks like; any other character is returned unchanged.
///
/// Chromium and LibreOffice subset fonts sometimes map glyphs shared by a
/// radical and an ideograph to the radical, which then fails every search.
pub fn fold_radical(c: char) -> char {
    match u32::from(c) {
        0x2F00..=0x2FD5 => KANGXI
            .chars()
            .nth((u32::from(c) - 0x2F00) as usize)
            .unwrap_or(c),
        0x2E80..=0x2EF3 => supplement(c),
        _ => c,
    }
}

/// The ideographs of Kangxi radicals 1–214, in order (their NFKC forms).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子\
    宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪\
    父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛\
    舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首\
    香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Supplement radicals that are drawn like a complete character. Component
/// shapes (⺅, ⺡…) are left alone: as text they are not the character.
fn supplement(c: char) -> char {
    match c {
        '⺟' => '母',
        '⺠' => '民',
        '⻄' => '西',
        '⻅' => '见',
        '⻆' => '角',
        '⻈' => '讠',
        '⻉' => '贝',
        '⻋' => '车',
        '⻐' => '钅',
        '⻑' => '長',
        '⻓' => '长',
        '⻔' => '门',
        '⻘' => '青',
        '⻙' => '韦',
        '⻚' => '页',
        '⻛' => '风',
        '⻜' => '飞',
        '⻝' => '食',
        '⻠' => '饣',
        '⻢' => '马',
        '⻣' => '骨',
        '⻤' => '鬼',
        '⻥' => '鱼',
        '⻦' => '鸟',
        '⻧' => '卤',
        '⻨' => '麦',
        '⻩' => '黄',
        '⻪' => '黾',
        '⻫' => '斉',
        '⻬' => '齐',
        '⻭' => '歯',
        '⻮' => '齿',
        '⻯' => '竜',
        '⻰' => '龙',
        '⻲' => '亀',
        '⻳' => '龟',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_fold_to_ideographs() {
        assert_eq!(KANGXI.chars().count(), 214);
        assert_eq!(fold_radical('\u{2F00}'), '一');
        assert_eq!(fold_radical('⼈'), '人');
        assert_eq!(fold_radical('⽣'), '生');
        assert_eq!(fold_radical('⾨'), '門');
        assert_eq!(fold_radical('\u{2FD5}'), '龠');
    }

    #[test]
    fn supplement_radicals_fold_when_they_are_characters() {
        assert_eq!(fold_radical('⻔'), '门');
        assert_eq!(fold_radical('⻓'), '长');
        assert_eq!(fold_radical('⻩'), '黄');
        assert_eq!(fold_radical('⺅'), '⺅');
        assert_eq!(fold_radical('a'), 'a');
        assert_eq!(fold_radical('中'), '中');
    }

    #[test]
    fn cjk_classes() {}
}
