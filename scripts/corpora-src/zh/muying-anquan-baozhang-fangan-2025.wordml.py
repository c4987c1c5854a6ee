# Source of corpora/zh/muying-anquan-baozhang-fangan-2025.docx (written by wordml.py as
# Word writes it). Fictional plan: the city, numbers and people are made up.
DOC = {
    "font": "Times New Roman",
    "east_asian_font": "宋体",
    "meta": {
        "title": "山河市2025年母婴安全保障工作方案",
        "subject": "妇幼健康",
        "author": "山河市卫生健康委员会",
        "created": "2025-02-18T02:00:00Z",
        "modified": "2025-03-02T08:00:00Z",
        "pages": 3,
    },
    "header": "山卫发〔2025〕12号",
    "page_word": "第",
    "lists": {
        "abstract": [
            # Headings: "一、" then "（一）".
            [(0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）")],
            # Numbered items "1." with circled sub-items "①".
            [(0, "decimal", "%1."), (1, "decimalEnclosedCircle", "%2", 1)],
            # Square bullets from Wingdings.
            [(0, "bullet", "\uf0a7", 1, "Wingdings")],
            [(0, "decimal", "%1.")],
        ],
        "nums": [(0, []), (1, []), (1, [(0, 1)]), (2, []), (3, [])],
    },
    "body": [
        ("center", "山河市2025年母婴安全保障工作方案"),
        ("p", "为贯彻落实《母婴安全行动提升计划（2021—2025年）》{fn:1}，保障母婴安全，结合我市实际，制定本方案。"),
        ("h1", "总体要求"),
        ("h2", "指导思想"),
        ("p", "坚持以人民健康为中心，全面落实母婴安全五项制度，持续提升妇幼健康服务能力。"),
        ("h2", "工作目标"),
        ("li", "孕产妇死亡率控制在10/10万以下；", 2),
        ("li", "婴儿死亡率控制在{del:5‰}{ins:4.5‰}以下；", 2),
        ("li", "孕产妇系统管理率达到90%以上：", 2),
        ("li", "早孕建册率达到92%；", 2, 1),
        ("li", "产后访视率达到95%。", 2, 1),
        ("h1", "重点任务"),
        ("h2", "加强妊娠风险筛查与评估"),
        ("li", "严格落实首诊负责制；", 3),
        ("li", "对高危孕产妇实行专案管理。", 3),
        ("table", [
            ["序号", ("指标", {"span": 2}), "2024年", "2025年目标"],
            [("1. ", {"num": 5}), ("孕产妇死亡率（/10万）", {"span": 2}), "11.2", ("≤10", {"vmerge": "restart"})],
            [("2. ", {"num": 5}), ("危重孕产妇救治成功率", {"span": 2}), "98.6%", ("", {"vmerge": "continue"})],
        ]),
        ("textbox", ["咨询热线：12320"], "以上数据为初步统计结果。"),
        ("placeholder", "单击此处输入文字。"),
        ("p", "有关文件可登录{link:http://wjw.shanhe.gov.cn|市卫生健康委网站}下载{comment:1}。{sym:Wingdings:F0FC} 各地须于12月15日前报送工作总结。"),
        ("h1", "保障措施"),
        ("li", "加强组织领导；", 4),
        ("li", "强化督导考核；", 4),
        ("li", "做好宣传引导。", 4),
        ("p", "附件：2025年母婴安全重点工作任务分解表{en:1}"),
    ],
    "footnotes": ["国卫妇幼发〔2021〕15号。"],
    "endnotes": ["本方案自印发之日起施行。"],
    "comments": ["请核对2024年数据。"],
}
