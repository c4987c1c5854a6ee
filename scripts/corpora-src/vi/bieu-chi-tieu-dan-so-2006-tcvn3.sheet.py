# The target and budget annex of the fictional 2006 population decision of Bình An district
# (qd-ke-hoach-dan-so-2006-tcvn3), typed in TCVN3 as offices kept their spreadsheets then.
LEGACY = "tcvn3"

SHEETS = [
    ("Chỉ tiêu", [
        [{"text": "BIỂU 01: CHỈ TIÊU DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH NĂM 2006", "span": 6}],
        [{"text": "(Kèm theo Quyết định số 57/QĐ-UBND ngày 15/3/2006 của UBND huyện Bình An)",
          "span": 6}],
        ["STT", "Xã, thị trấn", "Dân số trung bình (người)", "Tỷ suất sinh thô (phần nghìn)",
         "Người mới sử dụng biện pháp tránh thai", "Ghi chú"],
        [1, "Thị trấn Bình An", 12480, 16.2, 410, None],
        [2, "Xã Tân Phú", 8935, 17.5, 320, "Xã đặc biệt khó khăn"],
        [3, "Xã Phước Hòa", 7620, 18.1, 275, None],
        [4, "Xã Long Điền", 6410, 19.4, 240, "Vùng đồng bào dân tộc"],
        [None, "Cộng", ("SUM([.C4:.C7])", 35445), None, ("SUM([.E4:.E7])", 1245), None],
        [None, "Ngày giao chỉ tiêu", ("date", "2006-03-15"), None, None, None],
    ]),
    ("Kinh phí", [
        [{"text": "BIỂU 02: KINH PHÍ THỰC HIỆN (TRIỆU ĐỒNG)", "span": 3}],
        ["Nội dung", "Ngân sách huyện", "Chương trình mục tiêu"],
        ["Truyền thông chuyển đổi hành vi", 45, 60],
        ["Dịch vụ kế hoạch hóa gia đình", 30, 85.5],
        ["Tập huấn cộng tác viên dân số", 12.75, 20],
        ["Tổng cộng", ("SUM([.B3:.B5])", 87.75), ("SUM([.C3:.C5])", 165.5)],
    ]),
]
