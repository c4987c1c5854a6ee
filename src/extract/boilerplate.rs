//! Phrases and measures shared by the main-content judges of HTML pages
//! and of scraped text: what portal furniture says in this field's pages
//! (Vietnamese, Chinese, English), and what counts as prose.

use crate::script::is_cjk;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A block of this many words (a CJK character counts as one) with a
/// punctuation mark is prose.
pub(crate) const PROSE_WORDS: usize = 20;

/// Boilerplate phrases mark a block only when it is this short (words):
/// an article may well say "chia sẻ" or "分享" in a sentence.
pub(crate) const BOILERPLATE_MAX_WORDS: usize = 30;

/// Short texts that are portal furniture in this field's pages: visitor
/// counters, share and print bars, related-article and download notices,
/// login, weather, polls, copyright lines, image placeholders ("anh tin
/// bai"), attachment lines (Vietnamese, Chinese, English).
pub(crate) static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        lượt\s*truy\s*cập | truy\s*cập | đang\s*(trực\s*tuyến|online) | hôm\s*nay\s*\d | hôm\s*qua\s*\d
        | tuần\s*này\s*\d | tất\s*cả\s*\d | ^ip:
        | tin\s*khác | tin\s*(liên\s*quan|cùng\s*chuyên\s*mục|mới\s*nhất|đọc\s*nhiều|nổi\s*bật)
        | (các\s*)?bài\s*(viết\s*)?liên\s*quan | thông\s*tin\s*mới\s*nhất | xem\s*tiếp | quay\s*lại | về\s*đầu\s*trang
        | ^in\s*bài | bản\s*in | chia\s*sẻ | gửi\s*(email|bài) | đăng\s*nhập | ^đăng\s*ký$ | đăng\s*ký\s*(tài\s*khoản|thành\s*viên|nhận\s*tin) | bình\s*chọn | thăm\s*dò
        | thời\s*tiết | liên\s*kết\s*website | tiện\s*ích | qr\s*code | mã\s*qr | fanpage | mạng\s*xã\s*hội
        | bản\s*quyền | ghi\s*rõ\s*nguồn | trang\s*chủ | ^tải\s*về$ | ^footer | ^print(\s|$) | ^gốc$ | cỡ\s*chữ
        | 温馨提示 | 下载文档 | 文档下载 | 收藏 | 分享 | 上一篇 | 下一篇 | 上一页 | 下一页
        | 相关(文章|阅读|新闻|报道|链接|推荐|文档|专题) | 延伸阅读 | 热门(文章|推荐|新闻) | 推荐阅读 | 你可能(关注|喜欢|感兴趣)
        | 打印 | 转播到 | 关闭(窗口|本页) | 字[体号][:：] | 【\s*大\s*中\s*小\s*】 | 当前位置 | 您的位置 | 所在位置
        | 版权所有 | 版权声明 | 网站地图 | 联系我们 | 关于我们 | 返回(顶部|首页|列表) | 扫一扫 | 微信(公众号|扫) | 二维码
        | 浏览(次数|量) | 阅读(次数|量) | 点击(数|率|量) | 访问量 | 网站客服 | 下载收益 | ^(大小|页数|格式|ID)[:：]
        | icp(备|证) | 公网安备 | 举报 | 登录 | 注册
        | 相關(文章|閱讀|新聞|報導|連結|推薦|文件) | 熱門(文章|推薦|新聞|文件) | 推薦閱讀 | 上一頁 | 下一頁
        | 版權所有 | 網站地圖 | 聯絡我們 | 關於我們 | 回到頂部 | 瀏覽(次數|量) | 閱讀(次數|量) | 登入 | 註冊
        | copyright | © | ^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$ | ^trang\s*\d+(\s*/\s*\d+)?$
        | ^(còn|hết|chưa\s*có|ngưng)\s*hiệu\s*lực(\s*(một\s*phần|toàn\s*bộ))?$
        | ^ngày\s*(có\s*)?hiệu\s*lực\s*[:：] | ^tình\s*trạng(\s*hiệu\s*lực)?\s*[:：]
        | ^(từ\s*khóa|từ\s*khoá|tags?|关键[词字]|标签)\s*[:：]
        | ^anh\s*tin\s*bai$ | ^(tài\s*liệu|tệp|file)\s*đính\s*kèm
        | ^chào\s*mừng\s*(bạn\s*)?đến\s*với | ^(收起|展开|更多|查看更多)$
        ",
    )
    .expect("valid regex")
});

/// Contact lines of a site footer: address, telephone, postcode, the body
/// that runs the site. Page chrome even when they read as a sentence.
pub(crate) static SITE_CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[|;•·–-]\s*)(địa\s*chỉ|điện\s*thoại)\s*:|cơ\s*quan\s*chủ\s*quản|giấy\s*phép\s*số|chịu\s*trách\s*nhiệm\s*(chính|nội\s*dung)|地址[:：]|电话[:：]|邮编[:：]|主办[:：]|承办[:：]|技术支持[:：]",
    )
    .expect("valid regex")
});

/// Dot leaders or underscores to write on: a form's field ("Địa chỉ: ……"),
/// which no footer prints.
pub(crate) static FORM_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.{4,}|…{2,}|_{4,}").expect("valid regex"));
/// A footer's contact lines hold at most this many words.
pub(crate) const SITE_CONTACT_MAX_WORDS: usize = 80;
/// A label such as "Tin khác" or "温馨提示" is at most this long (words);
/// the text after it in the same element is the list or notice it labels.
pub(crate) const LABEL_MAX_WORDS: usize = 8;

/// A block that is only a notice label, its items in the paragraphs after
/// it ("温馨提示：", "Lưu ý:").
pub(crate) static NOTICE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(温馨提示|友情提示|特别提示|免责声明|溫馨提示|lưu\s*ý|chú\s*ý)\s*[:：]?$")
        .expect("valid regex")
});

/// Whether a block of `words` words is portal furniture by what it says:
/// a short boilerplate phrase, or a footer's contact line (not a form's
/// field to fill in).
pub(crate) fn is_boilerplate(text: &str, words: usize) -> bool {
    (words <= BOILERPLATE_MAX_WORDS && BOILERPLATE.is_match(text))
        || (words <= SITE_CONTACT_MAX_WORDS
            && SITE_CONTACT.is_match(text)
            && !FORM_FIELD.is_match(text))
}

/// Words of a text: runs of letters and digits, each CJK character one.
pub(crate) fn words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            count += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

/// Whether a text holds sentence punctuation.
pub(crate) fn has_punctuation(text: &str) -> bool {
    text.contains([
        ',', '.', ';', ':', '!', '?', '，', '。', '；', '：', '、', '！', '？',
    ])
}

/// The run of consecutive items with the greatest total weight that ends on
/// prose (the maximum-sum subarray): where most of a page's prose is, with
/// as little furniture inside as can be. Each item gives its weight and
/// whether it is prose; `None` when none is.
pub(crate) fn heaviest_run(items: impl IntoIterator<Item = (f64, bool)>) -> Option<Range<usize>> {
    let mut best: Option<(f64, Range<usize>)> = None;
    let (mut sum, mut start) = (0.0, 0);
    for (i, (weight, prose)) in items.into_iter().enumerate() {
        if sum <= 0.0 {
            (sum, start) = (0.0, i);
        }
        sum += weight;
        if prose && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, start..i + 1));
        }
    }
    best.map(|(_, run)| run)
}
