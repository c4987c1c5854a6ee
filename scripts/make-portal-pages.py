#!/usr/bin/env python3
"""Writes our portal and document-site pages with their gold main text.

Eight Vietnamese provincial-portal pages and four Chinese document-sharing
pages, each built on a layout seen in ../shared/seeds (menus, visitor
counters, weather boxes, polls, "Tin khác" lists, download notices,
footers), in different encodings. The articles are ours. Pages go to
corpora/{vi,zh}/web/, gold texts (the article: title, body, captions and
tables, without date, byline, source and portal) to tests/fixtures/html-gold/.

    python3 scripts/make-portal-pages.py
"""
import html
import pathlib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests/fixtures/html-gold"


def esc(text):
    return html.escape(text, quote=False)


def paragraphs(items, tag="p", attrs=""):
    return "\n".join(f"<{tag}{attrs}>{esc(p)}</{tag}>" for p in items)


def table(rows, attrs=' border="1" cellpadding="4"'):
    out = [f"<table{attrs}>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def links(items, sep="\n", fmt='<a href="/tin/{i}.html">{t}</a>'):
    return sep.join(fmt.format(i=100 + i, t=esc(t)) for i, t in enumerate(items))


def cp1258_form(text):
    """Text as Windows-1258 spells it: letters with a circumflex, breve or
    horn precomposed, tone marks as combining characters."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        try:
            c.encode("cp1258")
            out.append(c)
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", c)
        shapes = [m for m in marks if m in "\u0302\u0306\u031b"]
        tones = [m for m in marks if m not in shapes]
        out.append(unicodedata.normalize("NFC", base + "".join(shapes)) + "".join(tones))
    return "".join(out)


def write(lang, name, page, gold, encoding="utf-8", bom=False, nfd=False):
    if nfd:
        page = unicodedata.normalize("NFD", page)
    if encoding == "cp1258":
        page = cp1258_form(page)
    data = page.encode(encoding, errors="xmlcharrefreplace")
    if bom:
        data = "\ufeff".encode(encoding) + data
    folder = ROOT / "corpora" / lang / "web"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.html").write_bytes(data)
    GOLD.mkdir(parents=True, exist_ok=True)
    (GOLD / f"{name}.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")


VI_MENU = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản chỉ đạo", "Dân số - KHHGĐ",
           "Sức khỏe sinh sản", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ"]
VI_OTHER = [
    "Triển khai chiến dịch tăng cường truyền thông dân số năm 2025",
    "Hội nghị sơ kết công tác dân số 6 tháng đầu năm",
    "Tập huấn kỹ năng tư vấn cho cộng tác viên dân số",
    "Ra quân hưởng ứng Tháng hành động quốc gia về dân số",
    "Nâng cao chất lượng sàng lọc trước sinh và sơ sinh",
]
VI_FOOTER = ("Cơ quan chủ quản: Sở Y tế tỉnh Bình An. Địa chỉ: số 12 đường Lê Lợi, TP. Bình An. "
             "Điện thoại: 0222.3812.345. Ghi rõ nguồn khi phát hành lại thông tin từ website này.")


def vi_pages():
    # 1. Div layout after the Hải Phòng population portal: welcome banner,
    # photo captions, a download link, source line, latest news, login.
    title = "Kế hoạch truyền thông hưởng ứng Ngày Dân số Thế giới 11/7 năm 2025"
    body = [
        "Sở Y tế tỉnh Bình An vừa ban hành Kế hoạch tổ chức các hoạt động truyền thông hưởng ứng Ngày Dân số Thế giới 11/7 năm 2025 với chủ đề “Chăm sóc người cao tuổi, thích ứng với già hóa dân số”.",
        "Kế hoạch nhằm tăng cường sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền các cấp và sự phối hợp của các ban, ngành, đoàn thể trong thực hiện chính sách dân số; nâng cao nhận thức của người dân về quy mô, cơ cấu và chất lượng dân số.",
        "Theo đó, Chi cục Dân số và KHHGĐ tỉnh chủ trì tổ chức mít tinh, hội thảo chuyên đề và các đợt truyền thông lưu động tại 9 huyện, thành phố; hướng dẫn Trung tâm Y tế các huyện lồng ghép cung cấp dịch vụ chăm sóc sức khỏe sinh sản, kế hoạch hóa gia đình tại các xã có mức sinh cao.",
        "Bên cạnh đó, các đơn vị đẩy mạnh tuyên truyền trên báo, đài, trang thông tin điện tử và mạng xã hội; treo băng rôn, khẩu hiệu tại trụ sở cơ quan và các trục đường chính; phát tờ rơi về tầm soát trước sinh, sơ sinh và chăm sóc sức khỏe người cao tuổi.",
        "Kinh phí thực hiện từ nguồn ngân sách sự nghiệp y tế năm 2025 và các nguồn huy động hợp pháp khác. Các đơn vị báo cáo kết quả về Sở Y tế trước ngày 25/7/2025./.",
    ]
    caption1 = "Lãnh đạo Sở Y tế phát biểu tại buổi triển khai kế hoạch."
    caption2 = "Truyền thông lưu động tại thị trấn Thanh Bình."
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)} - Chi cục Dân số - KHHGĐ tỉnh Bình An</title></head>
<body>
<div class="banner">CHÀO MỪNG ĐẾN VỚI CỔNG THÔNG TIN ĐIỆN TỬ CHI CỤC DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH TỈNH BÌNH AN</div>
<div class="menu-top"><ul>{links(VI_MENU, fmt='<li><a href="/m/{i}">{t}</a></li>')}</ul></div>
<div class="container">
<div class="col-main">
<div class="news-detail">
<h2 class="title">{esc(title)}</h2>
<div class="date">Ngày đăng: 02/07/2025 | 08:15</div>
<p><strong>{esc(body[0])}</strong></p>
<div class="image"><img src="/img/a1.jpg" alt="anh tin bai"><p class="caption"><em>{esc(caption1)}</em></p></div>
{paragraphs(body[1:3])}
<figure><img src="/img/a2.jpg" alt="anh tin bai"><figcaption>{esc(caption2)}</figcaption></figure>
{paragraphs(body[3:])}
<p><a href="/files/kh-11-7-2025.pdf">Tải về</a></p>
<p>(nguồn: binhan.gov.vn)</p>
</div>
</div>
<div class="col-right">
<div class="box"><h3>Thông tin mới nhất</h3><ul>{links(VI_OTHER, fmt='<li><a href="/tin/{i}">{t}</a></li>')}</ul></div>
<div class="box"><h3>Đăng nhập</h3><form action="/login"><input name="u"> <input type="password" name="p"><button>Đăng nhập</button></form></div>
</div>
</div>
<div class="footer">Footer chưa được cập nhật nội dung hoặc chưa được duyệt !</div>
</body></html>"""
    write("vi", "binhan-dskhhgd-ngay-dan-so-11-7", page,
          [title, body[0], caption1, *body[1:3], caption2, *body[3:]])

    # 2. Old table layout of a district portal, windows-1258 (tone marks as
    # combining characters), weather box and poll after the article.
    title = "Đẩy mạnh truyền thông chuyển đổi hành vi về chăm sóc sức khỏe sinh sản vị thành niên"
    body = [
        "Sáng ngày 14/3/2025, tại Hội trường UBND huyện Thanh Bình, Ban Chỉ đạo công tác Dân số và Phát triển huyện tổ chức hội nghị triển khai Kế hoạch truyền thông chuyển đổi hành vi về chăm sóc sức khỏe sinh sản vị thành niên, thanh niên năm 2025.",
        "Theo báo cáo tại hội nghị, năm 2024 toàn huyện có 27 trường hợp mang thai ở tuổi vị thành niên, giảm 9 trường hợp so với năm 2023; tỷ lệ vị thành niên, thanh niên được tiếp cận thông tin về sức khỏe sinh sản đạt 78,4%.",
        "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo đề nghị các trường trung học phổ thông phối hợp với Trung tâm Y tế huyện tổ chức các buổi nói chuyện chuyên đề; Đoàn Thanh niên duy trì câu lạc bộ tiền hôn nhân và góc tư vấn thân thiện tại 15 xã, thị trấn.",
        "Các đơn vị cần chú trọng đổi mới hình thức truyền thông, ứng dụng mạng xã hội, tổ chức các cuộc thi tìm hiểu và sân khấu hóa để nội dung gần gũi hơn với thanh thiếu niên; đồng thời bảo đảm cung ứng đầy đủ phương tiện tránh thai tại các điểm cung cấp dịch vụ.",
    ]
    rows = [["Chỉ tiêu", "Năm 2024", "Kế hoạch 2025"],
            ["Vị thành niên được tư vấn", "6.210", "7.000"],
            ["Số câu lạc bộ tiền hôn nhân", "12", "15"]]
    sidebar = links(VI_OTHER, sep="<br>")
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>Cổng thông tin điện tử huyện Thanh Bình</title></head>
<body><table width="980" border="0" cellspacing="0" cellpadding="0">
<tr><td colspan="2"><table width="100%"><tr>{''.join(f'<td><a href="/m/{i}">{esc(t)}</a></td>' for i, t in enumerate(VI_MENU))}</tr></table></td></tr>
<tr><td width="220" valign="top">
<table><tr><td><b>Văn bản mới</b></td></tr><tr><td>{sidebar}</td></tr></table>
<table><tr><td><b>thời tiết các vùng</b></td></tr><tr><td>Hà Nội<br>Đà Nẵng<br>TP Hồ Chí Minh</td></tr></table>
</td><td valign="top">
<table width="100%"><tr><td>Văn hóa - Xã hội</td></tr>
<tr><td><font size="4"><b>{esc(title)}</b></font></td></tr>
<tr><td>Ngày đăng 14/03/2025 | 15:20</td></tr>
<tr><td>{paragraphs(body[:2])}
{table(rows)}
{paragraphs(body[2:])}
<p align="right"><b>Trung tâm Y tế huyện</b></p></td></tr></table>
<table><tr><td><b>Bình chọn</b></td></tr><tr><td>Đánh giá thái độ tiếp công dân của cán bộ Một cửa huyện<br><input type="radio"> Hài lòng<br><input type="radio"> Chưa hài lòng</td></tr></table>
</td></tr>
<tr><td colspan="2">{esc(VI_FOOTER)}</td></tr></table></body></html>"""
    cells = [c for row in rows for c in row]
    write("vi", "thanhbinh-skss-vtn-table-layout", page,
          [title, *body[:2], *cells, *body[2:]], encoding="cp1258")

    # 3. City news portal after the Hải Phòng seed: print bar, weekday date,
    # illustration caption, author line, attachment, QR box, other news.
    title = "Tiếp tục đẩy mạnh truyền thông về tiêm chủng mở rộng trên địa bàn tỉnh năm 2025"
    body = [
        "UBND tỉnh ban hành Kế hoạch số 58/KH-UBND về hoạt động truyền thông tiêm chủng mở rộng trên địa bàn tỉnh Bình An năm 2025.",
        "Theo đó, để chủ động triển khai các hoạt động truyền thông tiêm chủng trên địa bàn tỉnh, UBND tỉnh giao các sở, ngành, địa phương liên quan triển khai truyền thông tập trung vào 5 nội dung, gồm:",
        "Truyền thông chủ trương, chính sách của Đảng, pháp luật của Nhà nước về công tác tiêm chủng và phòng, chống dịch bệnh truyền nhiễm có vắc xin phòng ngừa.",
        "Truyền thông vận động cha mẹ đưa trẻ đi tiêm chủng đầy đủ, đúng lịch, theo tinh thần “Tiêm chủng đầy đủ, bảo vệ trẻ em khỏi bệnh tật”.",
        "Truyền thông về công tác cung ứng vắc xin, bảo đảm an toàn tiêm chủng và ứng dụng công nghệ thông tin trong quản lý đối tượng tiêm chủng.",
        "Cung cấp thông tin khoa học, kịp thời để phản bác, xử lý tin giả, tin đồn liên quan đến vắc xin và tiêm chủng theo đúng quy định.",
        "Tại địa phương, UBND tỉnh đề nghị UBND các huyện, thành phố chỉ đạo đơn vị đầu mối xây dựng kế hoạch, phân công nhiệm vụ và tổ chức thực hiện Kế hoạch truyền thông tiêm chủng năm 2025 của địa phương.",
    ]
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">
<title>{esc(title)}</title><meta name="description" content="{esc(body[0])}"></head><body>
<header class="site-header"><div class="logo">CỔNG TIN TỨC TỈNH BÌNH AN</div><nav><a href="/">Trang chủ</a> <a href="/cd">Chính trị</a> <a href="/kt">Kinh tế</a> <a href="/vx">Văn hóa - Xã hội</a></nav></header>
<div id="content-wrap"><div class="detail">
<div class="tools"><a href="javascript:print()">Print</a> <span>Thứ Ba, 11/03/2025 10:40</span> <a href="#">Gốc</a></div>
<h1>{esc(title)}</h1>
<div class="detail-content">
{paragraphs(body[:2])}
<ul>{''.join(f'<li>{esc(t)}</li>' for t in body[2:4])}</ul>
<p style="text-align:center"><img src="/anh/tc.jpg"><br><em>(Ảnh minh họa).</em></p>
<ul>{''.join(f'<li>{esc(t)}</li>' for t in body[4:6])}</ul>
{paragraphs(body[6:])}
<p style="text-align:right"><strong>Hồng Nhung</strong></p>
<p>Tài liệu đính kèm: <a href="/files/58-kh-ubnd.pdf">Kế hoạch số 58/KH-UBND</a></p>
</div>
<div class="utilities"><h4>Tiện ích thông tin</h4><a href="#">Nguồn tin</a> <a href="#">QR Code</a>
<p>QR CODE: {esc(title)}</p><h4>Chúng tôi trên Mạng Xã hội</h4><p>Mã QR Code truy cập vào Fanpage Cổng tin tức tỉnh Bình An</p></div>
<div class="other-news"><h3>Tin khác</h3><ul>{links(VI_OTHER, fmt='<li><a href="/t/{i}">{t}</a></li>')}</ul></div>
</div></div>
<footer>{esc(VI_FOOTER)}</footer></body></html>"""
    write("vi", "binhan-tiem-chung-truyen-thong-2025", page,
          [title, *body[:2], *body[2:4], "(Ảnh minh họa).", *body[4:6], *body[6:]])

    # 4. Provincial portal with a visitor counter and a radio box before the
    # article, "(Cập nhật: …)", a related list with dates, back/next links.
    title = "Xây dựng mạng lưới cộng tác viên dân số kiêm công tác gia đình và trẻ em"
    body = [
        "Với mục tiêu kiện toàn tổ chức bộ máy, xây dựng mạng lưới cộng tác viên dân số và cơ chế phối hợp liên ngành theo hướng tinh gọn, hiệu lực, hiệu quả, UBND tỉnh Bình An vừa ban hành Kế hoạch thực hiện Đề án xây dựng mạng lưới cộng tác viên dân số giai đoạn 2025 - 2030.",
        "Giai đoạn 2025 - 2027, tỉnh giữ ổn định mô hình tổ chức bộ máy làm công tác dân số các cấp; rà soát, bố trí mỗi thôn, tổ dân phố có ít nhất một cộng tác viên dân số kiêm công tác gia đình và trẻ em, được tập huấn kiến thức, kỹ năng tư vấn cơ bản.",
        "Giai đoạn 2028 - 2030, tiếp tục hoàn thiện cơ chế phối hợp liên ngành từ tỉnh đến xã; đánh giá hiệu quả hoạt động của đội ngũ cộng tác viên, đề xuất chế độ hỗ trợ phù hợp với điều kiện của địa phương.",
        "Sở Y tế là cơ quan thường trực, chủ trì hướng dẫn chuyên môn, nghiệp vụ; Sở Nội vụ, Sở Tài chính phối hợp tham mưu về tổ chức bộ máy và kinh phí; UBND cấp huyện chỉ đạo UBND cấp xã thực hiện./.",
    ]
    related = [f"{t} ({d})" for t, d in zip(VI_OTHER, ["02/11/2025", "29/10/2025", "30/09/2025", "15/09/2025", "12/07/2025"])]
    page = f"""<html><head><meta charset="UTF-8"><title>Sở Y tế Bình An</title></head><body>
<table width="100%"><tr><td valign="top" width="200">
<div class="lienket">LIÊN KẾT WEBSITE<br><select><option>Bộ Y tế</option><option>Tổng cục Dân số</option></select></div>
<div class="counter">LƯỢT TRUY CẬP<br> Hôm nay2343<br> Hôm qua2662<br> Tuần này5005<br> Tất cả4044319<br>IP: 10.0.0.12</div>
<div>PHÁT THANH<br><audio src="/radio.mp3"></audio></div>
</td><td valign="top">
<div class="cat">Dân số-KHHGĐ</div>
<div class="tieude">{esc(title)}</div>
<div class="ngay">(Cập nhật: 09/11/2025)</div>
<div class="noidung">
{paragraphs(body)}
<p><em>Ảnh: Cộng tác viên dân số tư vấn tại hộ gia đình.</em></p>
<p align="right">Hải Hà</p>
</div>
<div class="lienquan"><b>Các bài liên quan</b><br>{links(related, sep='<br>')}</div>
<div><a href="javascript:history.back()">Quay lại</a><a href="#">Xem tiếp</a></div>
</td></tr></table></body></html>"""
    write("vi", "binhan-ctv-dan-so-counter", page,
          [title, *body, "Ảnh: Cộng tác viên dân số tư vấn tại hộ gia đình."])

    # 5. HTML5 news page: nav, breadcrumb, share bar, <time>, figure,
    # aside with most-read list, footer.
    title = "Mở rộng tầm soát bệnh tật trước sinh và sơ sinh tại tuyến xã"
    body = [
        "Năm 2025, Trung tâm Y tế huyện Thanh Bình đặt mục tiêu 70% bà mẹ mang thai được tầm soát ít nhất 4 bệnh tật trước sinh phổ biến nhất và 85% trẻ sơ sinh được tầm soát ít nhất 5 bệnh bẩm sinh phổ biến nhất.",
        "Để đạt mục tiêu, Trung tâm Y tế huyện phối hợp với Bệnh viện Sản Nhi tỉnh tập huấn kỹ thuật lấy máu gót chân cho nữ hộ sinh của 15 trạm y tế xã, thị trấn; trang bị thêm máy siêu âm cho 3 trạm y tế ở các xã vùng xa.",
        "Cộng tác viên dân số sẽ lập danh sách phụ nữ mang thai theo từng thôn, tổ dân phố, vận động đi khám thai định kỳ và đưa trẻ sơ sinh đi tầm soát trong vòng 48 đến 72 giờ sau sinh.",
        "Những trường hợp nghi ngờ mắc bệnh được chuyển tuyến kịp thời để chẩn đoán xác định và điều trị sớm, góp phần nâng cao chất lượng dân số ngay từ khi sinh ra.",
    ]
    caption = "Nữ hộ sinh lấy mẫu máu gót chân cho trẻ sơ sinh tại Trạm Y tế xã Bình Minh."
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>{esc(title)} | Báo Sức khỏe Bình An</title>
<meta property="article:published_time" content="2025-04-18T09:30:00+07:00"><meta name="author" content="Minh Anh"></head>
<body><nav class="main-nav"><a href="/">Trang chủ</a><a href="/thoi-su">Thời sự</a><a href="/y-te">Y tế</a><a href="/dan-so">Dân số</a></nav>
<main><article>
<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/dan-so">Dân số</a></li></ol>
<h1>{esc(title)}</h1>
<p class="meta"><time datetime="2025-04-18T09:30">18/04/2025 09:30</time> · Minh Anh</p>
<div class="share-bar"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<p class="sapo"><b>{esc(body[0])}</b></p>
<figure><img src="/img/tam-soat.jpg" alt=""><figcaption>{esc(caption)}</figcaption></figure>
{paragraphs(body[1:])}
<div class="tags">Từ khóa: <a href="/tag/tam-soat">tầm soát</a> <a href="/tag/so-sinh">sơ sinh</a></div>
</article>
<aside><h3>Đọc nhiều</h3><ol>{links(VI_OTHER, fmt='<li><a href="/d/{i}">{t}</a></li>')}</ol></aside></main>
<footer><p>© 2025 Báo Sức khỏe Bình An. Giấy phép số 123/GP-BTTTT.</p></footer></body></html>"""
    write("vi", "suckhoe-tam-soat-so-sinh-html5", page, [title, body[0], caption, *body[1:]])

    # 6. Health department page saved in NFD (decomposed diacritics), a plan
    # with numbered sections and a target table, left menu, footer.
    title = "Kế hoạch chăm sóc sức khỏe người cao tuổi năm 2025"
    intro = "Thực hiện Chương trình chăm sóc sức khỏe người cao tuổi đến năm 2030, Sở Y tế xây dựng Kế hoạch chăm sóc sức khỏe người cao tuổi năm 2025 với các nội dung chính sau:"
    sections = [
        ("I. MỤC TIÊU", ["Nâng cao chất lượng chăm sóc sức khỏe người cao tuổi dựa vào gia đình và cộng đồng; phát hiện sớm, quản lý tốt các bệnh không lây nhiễm ở người cao tuổi."]),
        ("II. CHỈ TIÊU", []),
        ("III. NHIỆM VỤ VÀ GIẢI PHÁP", [
            "1. Tổ chức khám sức khỏe định kỳ ít nhất một lần mỗi năm và lập hồ sơ theo dõi sức khỏe cho người cao tuổi tại trạm y tế xã.",
            "2. Duy trì và nhân rộng mô hình câu lạc bộ liên thế hệ tự giúp nhau, câu lạc bộ dưỡng sinh tại các xã, thị trấn.",
            "3. Tập huấn cho cán bộ y tế tuyến xã về quản lý tăng huyết áp, đái tháo đường và phòng ngừa té ngã ở người cao tuổi."]),
        ("IV. TỔ CHỨC THỰC HIỆN", ["Trung tâm Y tế các huyện, thành phố xây dựng kế hoạch chi tiết, tổ chức triển khai và báo cáo kết quả về Sở Y tế trước ngày 15/12/2025./."]),
    ]
    rows = [["Chỉ tiêu", "Năm 2024", "Năm 2025"],
            ["Người cao tuổi được khám sức khỏe định kỳ", "68,2%", "75%"],
            ["Người cao tuổi có hồ sơ theo dõi sức khỏe", "61,5%", "70%"]]
    parts = []
    gold = [title, intro]
    for heading, texts in sections:
        parts.append(f"<h3>{esc(heading)}</h3>")
        gold.append(heading)
        if heading.startswith("II."):
            parts.append(table(rows, ' class="tbl"'))
            gold += [c for row in rows for c in row]
        parts.append(paragraphs(texts))
        gold += texts
    menu = "".join(f'<li><a href="/gt/{i}">{esc(t)}</a></li>' for i, t in enumerate(VI_MENU))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div id="header"><img src="/logo.png" alt="SỞ Y TẾ TỈNH BÌNH AN"><div class="slogan">SỞ Y TẾ TỈNH BÌNH AN</div></div>
<div id="wrapper"><div id="left"><ul class="menu-left">{menu}</ul>
<div class="hotline">Đường dây nóng: 1900 9095</div></div>
<div id="main"><div class="article-title"><h2>{esc(title)}</h2></div>
<div class="article-date">Cập nhật lúc: 20/02/2025 14:05</div>
<div class="article-body"><p>{esc(intro)}</p>
{''.join(parts)}
</div></div></div>
<div id="footer">{esc(VI_FOOTER)}</div></body></html>"""
    write("vi", "soyte-nguoi-cao-tuoi-nfd", page, gold, nfd=True)

    # 7. UTF-8 with a BOM and no declaration: a health-centre notice with a
    # numbered list, "Tin cùng chuyên mục" and a footer with copyright.
    title = "Thông báo lịch tiêm chủng mở rộng tháng 6 năm 2025"
    intro = "Trung tâm Y tế huyện Thanh Bình thông báo lịch tiêm chủng mở rộng tháng 6/2025 tại các trạm y tế xã, thị trấn như sau:"
    items = [
        "Ngày 05 và 06/6/2025: tiêm vắc xin phòng lao (BCG), viêm gan B, bại liệt và vắc xin 5 trong 1 cho trẻ dưới 1 tuổi.",
        "Ngày 12/6/2025: tiêm vắc xin phòng sởi, sởi - rubella cho trẻ 9 tháng và 18 tháng tuổi.",
        "Ngày 19/6/2025: tiêm vắc xin phòng viêm não Nhật Bản cho trẻ từ 1 đến 5 tuổi; tiêm vắc xin uốn ván cho phụ nữ có thai.",
    ]
    outro = "Đề nghị các gia đình mang theo sổ tiêm chủng hoặc mã định danh của trẻ, đưa trẻ đi tiêm đúng lịch. Mọi thắc mắc xin liên hệ số điện thoại 0222.3850.115."
    page = f"""<html><head><title>TTYT huyện Thanh Bình</title></head><body>
<div class="top-menu">{links(VI_MENU, sep=' | ')}</div>
<div class="breadcrumbs"><a href="/">Trang chủ</a> &gt; <a href="/tb">Thông báo</a></div>
<div class="content">
<h1 class="post-title">{esc(title)}</h1>
<span class="post-date">Đăng lúc: 28/05/2025</span>
<p>{esc(intro)}</p>
<ol>{''.join(f'<li>{esc(t)}</li>' for t in items)}</ol>
<p>{esc(outro)}</p>
</div>
<div class="same-category"><h4>Tin cùng chuyên mục</h4><ul>{links(VI_OTHER, fmt='<li><a href="/c/{i}">{t}</a></li>')}</ul></div>
<div class="footer-info">Bản quyền thuộc Trung tâm Y tế huyện Thanh Bình. {esc(VI_FOOTER)}</div>
</body></html>"""
    write("vi", "ttyt-lich-tiem-chung-bom", page, [title, intro, *items, outro], bom=True)

    # 8. Old portal with a three-column table layout, long link sidebars on
    # both sides and a tiny article; Vietnamese with &-entities for letters.
    title = "Hội nghị tổng kết công tác dân số và phát triển năm 2024"
    body = [
        "Ngày 10/01/2025, Chi cục Dân số tỉnh Bình An tổ chức Hội nghị tổng kết công tác dân số và phát triển năm 2024, triển khai nhiệm vụ năm 2025.",
        "Năm 2024, tổng tỷ suất sinh của tỉnh đạt 2,08 con/phụ nữ; tỷ số giới tính khi sinh giảm còn 110,5 bé trai/100 bé gái; 65% trẻ sơ sinh được tầm soát bệnh bẩm sinh.",
        "Năm 2025, ngành dân số tập trung duy trì mức sinh thay thế, kiểm soát tốc độ gia tăng tỷ số giới tính khi sinh và nâng cao chất lượng dân số./.",
    ]
    def entities(text):
        return "".join(f"&#{ord(c)};" if ord(c) > 0x7F and i % 3 == 0 else esc(c) for i, c in enumerate(text))
    left = links(VI_MENU + VI_OTHER, sep="<br>")
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Chi cục Dân số tỉnh Bình An :: Tin tức</title></head><body>
<table width="100%" border="0"><tr>
<td width="18%" valign="top">{left}</td>
<td width="60%" valign="top"><table><tr><td class="tieude"><b>{entities(title)}</b></td></tr>
<tr><td>{''.join(f'<p>{entities(t)}</p>' for t in body)}</td></tr></table></td>
<td width="22%" valign="top"><b>Văn bản mới</b><br>{links(VI_OTHER, sep='<br>')}<br><b>Thăm dò ý kiến</b><br>Bạn biết đến website qua đâu?</td>
</tr><tr><td colspan="3">{esc(VI_FOOTER)}</td></tr></table></body></html>"""
    write("vi", "chicuc-tong-ket-dan-so-3-columns", page, [title, *body])


ZH_NOTICE = [
    "1. 部分包含数学公式或PPT动画的文件，查看预览时可能会显示错乱或异常，文件下载后无此问题，请放心下载。",
    "2. 本文档由用户上传，版权归属用户，本站负责整理代发布。如果您对本文档版权有争议请及时联系客服。",
    "3. 下载前请仔细阅读文档内容，确认文档内容符合您的需求后进行下载，若出现内容与标题不符可向本站投诉处理。",
]
ZH_OTHER = ["2024年卫生健康宣传工作总结", "社区健康教育工作计划范文", "预防接种门诊工作制度",
            "妇幼健康工作要点解读", "计划生育家庭奖励扶助政策问答"]


def zh_pages():
    # 1. Document-sharing page after the seed: download notice, file facts,
    # the document as one run of text with page marks, "you may like" list.
    title = "2025年卫生健康宣传教育工作计划"
    body = [
        "为做好2025年卫生健康宣传教育工作，根据上级卫生健康部门的总体要求，结合我区实际，制定本计划。",
        "一、围绕中心工作，统筹做好新闻宣传",
        "1.加强新闻宣传，把握舆论主动。围绕深化医药卫生体制改革、优化生育支持政策、基本公共卫生服务均等化等重点工作，主动策划宣传，积极配合媒体做好采写报道。",
        "2.加强舆情管理，完善应急响应机制。建立区、街道和医疗卫生机构舆情监测研判机制，及时回应社会关切。",
        "二、深入开展健康教育与健康促进",
        "3.普及健康知识。以“健康科普进社区”为载体，围绕合理膳食、预防接种、妇幼保健、慢性病防治等主题，全年开展健康讲座不少于120场。",
        "4.强化计生协作用。依托计生协会开展“关爱女孩”“生育关怀”等宣传服务活动，引导群众树立科学文明的婚育观念。",
    ]
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{esc(title)}.docx-汇文文库</title></head><body>
<div class="head"><a href="/">首页</a> | <a href="/c">文档分类</a> | <a href="/up">上传文档</a> <a href="#">分享</a></div>
<div class="docinfo"><h1>{esc(title)}.docx</h1><a href="/dl">下载文档</a>
<p>ID:2169637</p><p>大小:18.02KB</p><p>页数:3页</p><p>格式:DOCX</p><p>时间:2025-03-04</p><a href="#">收藏</a> <a href="#">分享赚钱</a></div>
<div class="tips">温馨提示:<br>{'<br>'.join(esc(t) for t in ZH_NOTICE)}<br>网站客服:3074922707</div>
<div class="doc-body"><div class="keywords">2025 卫生 健康 宣传教育 工作计划</div>
{paragraphs(body)}
<p class="pagenum">第3页 共3页</p></div>
<div class="income">此文档下载收益归作者所有</div><a href="/dl">下载文档</a>
<div class="like"><h3>你可能关注的文档</h3>{links(ZH_OTHER, fmt='<p><a href="/d/{i}">{t}</a></p>')}</div>
<div class="foot">Copyright © 2025 汇文文库 版权所有 苏ICP备12345678号</div></body></html>"""
    write("zh", "huiwen-weisheng-xuanjiao-jihua", page, [title, *body], encoding="gbk")

    # 2. UTF-8 document site with a div layout: the document split into
    # preview pages, a comment thread and a related list after it.
    title = "××县2025年妇幼健康服务工作方案"
    pages = [
        ["为进一步提升妇幼健康服务水平，保障母婴安全，根据省、市妇幼健康工作要点，制定本方案。",
         "一、工作目标：全县孕产妇系统管理率达到90%以上，3岁以下儿童系统管理率达到90%以上，住院分娩率保持在99%以上。"],
        ["二、主要措施：（一）落实妊娠风险筛查与评估，对高危孕产妇实行专案管理；（二）加强危重孕产妇和新生儿救治中心建设，畅通转诊绿色通道；（三）扎实开展出生缺陷综合防治，推广免费婚前孕前健康检查。",
         "三、工作要求：各乡镇卫生院要明确专人负责，每季度末将工作进展报县卫生健康局妇幼股。"],
    ]
    preview = "".join(
        f'<div class="page"><div class="page-no">第{i + 1}页</div>{paragraphs(p)}</div>'
        for i, p in enumerate(pages))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)} - 道客文档</title>
<meta name="keywords" content="妇幼健康,工作方案"></head><body>
<div class="top-nav"><a href="/">首页</a><a href="/hot">热门文档</a><a href="/login">登录</a><a href="/reg">注册</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/yl">医疗卫生</a> &gt; 工作方案</div>
<div class="doc"><h1 class="doc-title">{esc(title)}</h1>
<div class="doc-meta">上传者：wsjk2025　浏览量：1523　下载次数：87</div>
{preview}
<div class="doc-end">预览已结束，下载文档查看全部内容</div></div>
<div class="comments"><h3>网友评论</h3><div class="comment-item">这份方案写得很规范，对我们乡镇卫生院很有参考价值，谢谢分享。</div><div class="comment-item">请问有配套的统计报表模板吗？</div></div>
<div class="related-docs"><h3>相关文档</h3>{links(ZH_OTHER, fmt='<p><a href="/d/{i}">{t}</a></p>')}</div>
<div class="footer">关于我们 | 联系我们 | 网站地图 © 2025 道客文档</div></body></html>"""
    write("zh", "daoke-fuyou-jiankang-fangan", page, [title, *[t for p in pages for t in p]])

    # 3. Government notice, table layout, GB18030 with no charset declared:
    # font-size switch, print/close bar, attachments list.
    title = "关于做好2025年适龄儿童免疫规划疫苗补种工作的通知"
    body = [
        "各镇（街道）社区卫生服务中心，各接种单位：",
        "为进一步提高适龄儿童免疫规划疫苗接种率，巩固无脊灰状态，根据《中华人民共和国疫苗管理法》和上级工作要求，决定于2025年4月至6月开展适龄儿童免疫规划疫苗查漏补种工作。现将有关事项通知如下：",
        "一、补种对象为辖区内2011年1月1日以后出生、未完成免疫规划疫苗全程接种的儿童。",
        "二、各接种单位要结合入托入学接种证查验，逐人核对接种记录，建立补种台账，做到应补尽补。",
        "三、补种工作结束后，请于2025年7月10日前将补种工作总结和统计表报区疾病预防控制中心免疫规划科。",
    ]
    page = f"""<html><head><title>{esc(title)}_通知公告_××区卫生健康委员会</title></head><body>
<table width="1000" align="center"><tr><td><img src="/banner.jpg"></td></tr>
<tr><td>{links(['首页', '机构概况', '政务公开', '通知公告', '办事服务', '互动交流'], sep=' ')}</td></tr>
<tr><td><table width="100%"><tr><td align="center"><font size="5"><b>{esc(title)}</b></font></td></tr>
<tr><td align="center">发布日期：2025-03-28　来源：区卫生健康委　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td>{paragraphs(body)}
<p align="right">××区卫生健康委员会</p><p align="right">2025年3月28日</p>
<p>附件：<a href="/f/1.xls">1.免疫规划疫苗补种统计表</a></p></td></tr>
<tr><td align="right"><a href="javascript:print()">【打印本页】</a> <a href="javascript:close()">【关闭窗口】</a></td></tr></table></td></tr>
<tr><td>主办：××区卫生健康委员会　地址：××路88号　ICP备案：浙ICP备00000000号</td></tr></table></body></html>"""
    write("zh", "weijian-mianyi-buzhong-tongzhi-gb18030", page,
          [title, *body, "××区卫生健康委员会", "2025年3月28日", "附件：1.免疫规划疫苗补种统计表"],
          encoding="gb18030")

    # 4. Traditional Chinese document site in Big5: sidebar of categories,
    # the document, a download box and a hot list.
    title = "社區健康促進與衛生教育實施計畫"
    body = [
        "一、依據：衛生福利部國民健康署年度健康促進計畫。",
        "二、目的：提升社區民眾健康識能，推動健康飲食、規律運動與菸害防制，營造支持性的健康環境。",
        "三、實施對象：本里居民，以六十五歲以上長者及育齡婦女為優先。",
        "四、實施內容：（一）每月辦理健康講座一場，邀請衛生所護理師講授慢性病預防；（二）設置血壓量測站，提供免費量測與衛教諮詢；（三）結合里民活動宣導疫苗接種與癌症篩檢。",
        "五、預期效益：參與講座民眾健康知識測驗平均分數提升百分之十五以上。",
    ]
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>{esc(title)} - 文件分享網</title></head><body>
<div id="topmenu"><a href="/">首頁</a> <a href="/new">最新文件</a> <a href="/login">會員登入</a></div>
<table width="100%"><tr><td width="180" valign="top" class="sidebar"><b>文件分類</b><br>{links(['醫療衛生', '教育學習', '行政公文', '計畫書範本', '表單下載'], sep='<br>')}</td>
<td valign="top"><h2>{esc(title)}</h2><div class="info">上傳時間：2025-05-06　瀏覽次數：312</div>
<div class="doc">{paragraphs(body)}</div>
<div class="download">下載文件（DOC，28KB）｜<a href="#">加入收藏</a></div></td>
<td width="200" valign="top"><b>熱門文件</b><br>{links(['衛教活動成果報告', '社區關懷據點計畫', '長者健康促進方案'], sep='<br>')}</td></tr></table>
<div class="copyright">Copyright © 2025 文件分享網 All rights reserved.</div></body></html>"""
    write("zh", "big5-shequ-jiankang-cujin", page, [title, *body], encoding="big5")


if __name__ == "__main__":
    vi_pages()
    zh_pages()
