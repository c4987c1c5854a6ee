#!/usr/bin/env python3
"""Writes tests/fixtures/legacy-strings.tsv: program phrases as the legacy
Vietnamese encodings store them, with the Unicode they stand for. The bytes
come from iconv (GNU C library charts), not from our own tables, so the test
that reads this file checks our decoders against an independent source:

- TCVN3 ("ABC", .VnTime fonts): glibc's TCVN5712-1 gives the same bytes for
  lower-case text (TCVN3 has no capitals with tone marks; the .VnTimeH fonts
  draw the same codes as capitals), so TCVN3 phrases are lower case;
- VISCII: glibc's VISCII;
- windows-1258: glibc's CP1258 (tone marks as combining characters).

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
    # Running text, so that detection has the common words it counts.
    "Các đơn vị của tỉnh đã thực hiện kế hoạch và báo cáo kết quả cho Sở Y tế trong năm.",
    "Những người dân được tư vấn về sức khỏe sinh sản tại trạm y tế xã với nhiều hình thức.",
]
ENCODINGS = [("TCVN3", "TCVN5712-1", str.lower), ("VISCII", "VISCII", str), ("windows-1258", "CP1258", str)]

rows = ["encoding\tbytes (hex)\tunicode"]
for name, iconv_name, shape in ENCODINGS:
    for phrase in PHRASES:
        text = shape(phrase)
        raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", iconv_name], input=text.encode(),
                             capture_output=True, check=True).stdout
        rows.append(f"{name}\t{raw.hex()}\t{text}")
out = ROOT / "tests/fixtures/legacy-strings.tsv"
out.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {len(rows) - 1} rows to {out}")
