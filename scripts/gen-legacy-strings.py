#!/usr/bin/env python3
"""Writes tests/fixtures/legacy-strings.tsv: program phrases as the legacy
Vietnamese encodings store them, with the Unicode they stand for. The bytes
come from iconv (GNU C library charts) and GNU recode, not from our own
tables, so the test that reads this file checks our decoders against
independent sources:

- TCVN3 ("ABC", .VnTime fonts): glibc's TCVN5712-1 gives the same bytes for
  lower-case text (TCVN3 has no capitals with tone marks; the .VnTimeH fonts
  draw the same codes as capitals), so TCVN3 phrases are lower case;
- VISCII: glibc's VISCII;
- windows-1258: glibc's CP1258 (tone marks as combining characters);
- VNI (Windows): recode's VNI (a base letter, then a byte for its marks);
- VPS: recode's VPS (our VPS table is also built from recode's chart, with
  one letter recode lacks added; the phrases avoid it).

    python3 scripts/gen-legacy-strings.py
"""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
PHRASES = [
    "Kế hoạch hóa gia đình",
    "Sức khỏe sinh sản",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Chăm sóc sức khỏe người cao tuổi",
    "Tiêm chủng mở rộng",
    "Dịch vụ tránh thai",
    "Mất cân bằng giới tính khi sinh",
    "Tầm soát trước sinh và sơ sinh",
    "Truyền thông thay đổi hành vi",
    "Cộng tác viên dân số",
    "Trung tâm Y tế huyện",
    "Sở Y tế tỉnh Bình An",
    "Nâng cao chất lượng dân số",
    "Phụ nữ mang thai được quản lý thai nghén",
    "Chăm sóc sức khỏe sinh sản",
    "Dân số và phát triển",
    "Công tác dân số",
    "Chi cục Dân số - Kế hoạch hóa gia đình",
    "Tổng cục Dân số",
    "Ban chỉ đạo công tác dân số",
    "Mặt trận Tổ quốc Việt Nam",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Trạm Y tế xã",
    "Biện pháp tránh thai hiện đại",
    "Đặt dụng cụ tử cung",
    "Thuốc tiêm tránh thai",
    "Bao cao su",
    "Tỷ số giới tính khi sinh",
    "Tư vấn và khám sức khỏe trước khi kết hôn",
    "Sàng lọc sơ sinh",
    "Người cao tuổi được khám sức khỏe định kỳ",
    "Vắc xin phòng bệnh sởi",
    "Chương trình tiêm chủng mở rộng quốc gia",
    "Truyền thông, giáo dục sức khỏe",
    "Vị thành niên và thanh niên",
    "Mô hình can thiệp",
    "Nghị quyết số 21-NQ/TW",
    "Quyết định phê duyệt Chiến lược Dân số Việt Nam đến năm 2030",
    # Running text, so that detection has the common words it counts.
    "Các đơn vị của tỉnh đã thực hiện kế hoạch và báo cáo kết quả cho Sở Y tế trong năm.",
    "Những người dân được tư vấn về sức khỏe sinh sản tại trạm y tế xã với nhiều hình thức.",
    "Ủy ban nhân dân huyện chỉ đạo các xã tổ chức chiến dịch truyền thông lồng ghép dịch vụ.",
]
ENCODINGS = [("TCVN3", "iconv", "TCVN5712-1", str.lower), ("VISCII", "iconv", "VISCII", str),
             ("windows-1258", "iconv", "CP1258", str), ("VNI", "recode", "VNI", str),
             ("VPS", "recode", "VPS", str)]


def encode(tool, chart, text):
    command = ["iconv", "-f", "UTF-8", "-t", chart] if tool == "iconv" else ["recode", f"UTF-8..{chart}"]
    return subprocess.run(command, input=text.encode(), capture_output=True, check=True).stdout


rows = ["encoding\tbytes (hex)\tunicode"]
for name, tool, chart, shape in ENCODINGS:
    for phrase in PHRASES:
        text = shape(phrase)
        raw = encode(tool, chart, text)
        rows.append(f"{name}\t{raw.hex()}\t{text}")
out = ROOT / "tests/fixtures/legacy-strings.tsv"
out.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {len(rows) - 1} rows to {out}")
