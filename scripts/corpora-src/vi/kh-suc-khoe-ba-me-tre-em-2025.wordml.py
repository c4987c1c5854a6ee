# Source of corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx (written by wordml.py as Word
# writes it). Fictional plan: the province, numbers and people are made up.
DOC = {
    "font": "Times New Roman",
    "meta": {
        "title": "Kế hoạch chăm sóc sức khỏe bà mẹ, trẻ em năm 2025",
        "subject": "Chăm sóc sức khỏe sinh sản",
        "author": "Sở Y tế tỉnh Sơn Hà",
        "created": "2025-02-20T07:30:00Z",
        "modified": "2025-03-02T08:00:00Z",
        "pages": 4,
    },
    "header": "Kế hoạch số 45/KH-UBND ngày 02/3/2025",
    "page_word": "Trang ",
    "lists": {
        "abstract": [
            # Headings: "I." then "1." restarting under each part.
            [(0, "upperRoman", "%1."), (1, "decimal", "%2.")],
            # Lettered items, with round bullets below them.
            [(0, "lowerLetter", "%1)"), (1, "bullet", "\uf0b7", 1, "Symbol")],
            # Dash bullets, as Vietnamese plans write them.
            [(0, "bullet", "-")],
            # Row numbers in a table.
            [(0, "decimal", "%1.")],
        ],
        # numId 1.. -> (abstractNumId, [(ilvl, startOverride)])
        "nums": [(0, []), (1, []), (1, [(0, 1)]), (2, []), (3, [])],
    },
    "body": [
        ("table", [
            ["ỦY BAN NHÂN DÂN\nTỈNH SƠN HÀ\nSố: 45/KH-UBND",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSơn Hà, ngày 02 tháng 3 năm 2025"],
        ]),
        ("center", "KẾ HOẠCH"),
        ("center", "Chăm sóc sức khỏe bà mẹ, trẻ em tỉnh Sơn Hà năm 2025"),
        ("p", "Căn cứ Chiến lược Dân số Việt Nam đến năm 2030{fn:1}; căn cứ Chương trình chăm sóc sức khỏe sinh sản giai đoạn 2021 - 2025{fn:2}, Ủy ban nhân dân tỉnh ban hành Kế hoạch chăm sóc sức khỏe bà mẹ, trẻ em năm 2025 như sau:"),
        ("h1", "MỤC ĐÍCH, YÊU CẦU"),
        ("h2", "Mục đích"),
        ("p", "Nâng cao chất lượng chăm sóc sức khỏe bà mẹ, trẻ sơ sinh và trẻ em, góp phần thực hiện các mục tiêu của Chiến lược Dân số."),
        ("li", "Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống;", 2),
        ("li", "Tăng tỷ lệ phụ nữ mang thai được khám thai ít nhất 4 lần {ins:trong 3 thời kỳ }lên 90%;", 2),
        ("li", "Duy trì tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ {del:trên 90% }đạt trên 95%.", 2),
        ("h2", "Yêu cầu"),
        ("li", "Các hoạt động được triển khai đồng bộ từ tỉnh đến xã;", 3),
        ("li", "Ưu tiên vùng khó khăn:", 3, 1),
        ("li", "các xã miền núi và hải đảo;", 3, 1),
        ("li", "Bảo đảm nguồn lực cho y tế cơ sở.", 3),
        ("h1", "CHỈ TIÊU NĂM 2025"),
        ("h2", "Chỉ tiêu chuyên môn"),
        ("table", [
            ["STT", ("Chỉ tiêu", {"span": 2}), "Năm 2024", "Năm 2025"],
            [("1. ", {"num": 5}), ("Phụ nữ mang thai được khám thai ≥ 4 lần", {"span": 2}), "86%", ("≥ 90%", {"vmerge": "restart"})],
            [("2. ", {"num": 5}), ("Phụ nữ đẻ được nhân viên y tế đỡ", {"span": 2}), "97,5%", ("", {"vmerge": "continue"})],
            [("3. ", {"num": 5}), ("Trẻ sơ sinh được sàng lọc", {"span": 2}), "41%", "50%"],
        ]),
        ("textbox", ["Đường dây nóng: 1900 9095"], "Các số liệu năm 2024 là số ước thực hiện."),
        ("restyled", "Nhiệm vụ trọng tâm được giao cho từng đơn vị tại Phụ lục kèm theo."),
        ("placeholder", "Bấm vào đây để nhập văn bản."),
        ("p", "Tài liệu truyền thông đăng tại {link:https://soyte.sonha.gov.vn|Cổng thông tin Sở Y tế}. {sym:Wingdings:F0FC} Đã có hướng dẫn chuyên môn về chăm sóc thai sản{comment:1}; các xã đăng ký tiêm vắc xin viêm gan B (Hepa{shy}titis B) theo mẫu 02{nbh}TCMR."),
        ("h1", "TỔ CHỨC THỰC HIỆN"),
        ("li", "Sở Y tế chủ trì, hướng dẫn các đơn vị triển khai Kế hoạch;", 4),
        ("li", "Bảo hiểm xã hội tỉnh bảo đảm quyền lợi khám chữa bệnh cho trẻ em dưới 6 tuổi;", 4),
        ("li", "Ủy ban nhân dân các huyện bố trí kinh phí đối ứng.", 4),
        ("p", "Các bước triển khai:"),
        ("li", "Rà soát đối tượng;", 5),
        ("empty-li", 5),
        ("li", "Tổng hợp, báo cáo kết quả trước ngày 15/12/2025.", 5),
        ("p", "Trên đây là Kế hoạch chăm sóc sức khỏe bà mẹ, trẻ em tỉnh Sơn Hà năm 2025{en:1}./."),
    ],
    "footnotes": [
        "Quyết định số 1679/QĐ-TTg ngày 22/11/2019 của Thủ tướng Chính phủ.",
        "Quyết định số 1125/QĐ-TTg ngày 31/7/2017 của Thủ tướng Chính phủ.",
    ],
    "endnotes": ["Kế hoạch này thay thế Kế hoạch số 30/KH-UBND ngày 15/02/2024."],
    "comments": ["Kiểm tra lại số liệu năm 2024 trước khi trình ký."],
}
