#!/usr/bin/env python3
"""Deterministic generator of realistic cooperation-news pages for benchmarks.

usage: gen_pages.py --count N --out DIR [--seed S]

Writes N pages (vi / zh / en in equal shares; .txt and .html alternating) of 3-10 KB each:
site menu, headline, dateline, body paragraphs built from templates with organizations,
persons with titles, places, technology fields and cooperation events (signings, visits,
dialogues, proposals, training, investment), photo credits, a "read more" list of other
headlines and a footer. The same seed gives byte-identical pages, so benchmark runs compare.
"""
import argparse
import os
import random

ORGS = [  # (vi, zh, en)
    ("Trung tâm Đổi mới sáng tạo Quốc gia", "越南国家创新中心", "National Innovation Center"),
    ("Bộ Khoa học và Công nghệ", "科学技术部", "Ministry of Science and Technology"),
    ("Bộ Kế hoạch và Đầu tư", "计划与投资部", "Ministry of Planning and Investment"),
    ("Đại học Quốc gia Hà Nội", "河内国家大学", "Vietnam National University, Hanoi"),
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "越南科学技术院", "Vietnam Academy of Science and Technology"),
    ("Tập đoàn Viettel", "越南军队电信工业集团", "Viettel Group"),
    ("Tập đoàn FPT", "FPT集团", "FPT Corporation"),
    ("Đại học Bách khoa Hà Nội", "河内百科大学", "Hanoi University of Science and Technology"),
    ("Tập đoàn Samsung", "三星集团", "Samsung"),
    ("Tập đoàn Intel", "英特尔公司", "Intel"),
    ("Viện Fraunhofer", "弗劳恩霍夫协会", "Fraunhofer Society"),
    ("Đại học Tokyo", "东京大学", "University of Tokyo"),
    ("Viện Khoa học và Công nghệ Tiên tiến Hàn Quốc", "韩国科学技术院", "Korea Advanced Institute of Science and Technology"),
    ("Ngân hàng Thế giới", "世界银行", "World Bank"),
    ("Công ty Synopsys", "新思科技公司", "Synopsys"),
    ("Tập đoàn Qualcomm", "高通公司", "Qualcomm"),
]
PERSONS = [  # (vi, zh, en, title vi, title zh, title en)
    ("Nguyễn Văn Minh", "阮文明", "Nguyen Van Minh", "Bộ trưởng", "部长", "Minister"),
    ("Trần Thị Lan", "陈氏兰", "Tran Thi Lan", "Thứ trưởng", "副部长", "Deputy Minister"),
    ("Lê Quang Huy", "黎光辉", "Le Quang Huy", "Giám đốc", "主任", "Director"),
    ("Phạm Đức Anh", "范德英", "Pham Duc Anh", "Chủ tịch", "主席", "Chairman"),
    ("Hoàng Minh Tuấn", "黄明俊", "Hoang Minh Tuan", "Viện trưởng", "院长", "President"),
]
PLACES = [  # (vi, zh, en)
    ("Hà Nội", "河内", "Hanoi"), ("TP Hồ Chí Minh", "胡志明市", "Ho Chi Minh City"),
    ("Đà Nẵng", "岘港", "Da Nang"), ("Bỉ", "比利时", "Belgium"), ("Nhật Bản", "日本", "Japan"),
    ("Hàn Quốc", "韩国", "South Korea"), ("Đức", "德国", "Germany"), ("Pháp", "法国", "France"),
    ("Hoa Kỳ", "美国", "the United States"), ("Singapore", "新加坡", "Singapore"),
]
FIELDS = [  # (vi, zh, en)
    ("bán dẫn", "半导体", "semiconductors"), ("thiết kế chip", "芯片设计", "chip design"),
    ("trí tuệ nhân tạo", "人工智能", "artificial intelligence"),
    ("hydrogen xanh", "绿氢", "green hydrogen"), ("năng lượng tái tạo", "可再生能源", "renewable energy"),
    ("khởi nghiệp sáng tạo", "创新创业", "startups"), ("thành phố thông minh", "智慧城市", "smart cities"),
    ("công nghệ sinh học", "生物技术", "biotechnology"), ("an ninh mạng", "网络安全", "cybersecurity"),
]

VI = {
    "menu": ["Trang chủ", "Thời sự", "Kinh tế", "Khoa học", "Công nghệ", "Thế giới", "Đăng nhập"],
    "more": "Đọc thêm", "credit": "Ảnh: {src}",
    "title": ["{o1} và {o2} hợp tác về {f}", "{t} {p} làm việc với {o2}", "Thúc đẩy hợp tác {f} giữa {c1} và {c2}"],
    "dateline": "Tin tức {d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d}",
    "sent": [
        "Ngày {d}/{m}, tại {c}, {o1} và {o2} đã ký kết biên bản ghi nhớ hợp tác trong lĩnh vực {f}.",
        "{t} {p} đề nghị {o2} tăng cường hợp tác với {o1} trong đào tạo nguồn nhân lực {f}.",
        "Chiều {d}/{m}, {t} {p} đã tới thăm và làm việc với {o2} tại {c}.",
        "Hai bên thống nhất sẽ tổ chức hội thảo quốc tế về {f} vào năm {y2} tại {c}.",
        "Theo {t} {p}, {o1} sẽ đầu tư xây dựng trung tâm nghiên cứu {f} với tổng vốn khoảng {n} triệu USD.",
        "Chương trình đào tạo kỹ sư {f} dự kiến thu hút {n} học viên từ các trường đại học hàng đầu.",
        "Cuộc đối thoại lần thứ {k} giữa {c1} và {c2} tập trung vào các giải pháp cụ thể về {f}.",
        "Đại diện {o2} cho biết đơn vị sẵn sàng chia sẻ kinh nghiệm, chuyển giao công nghệ và cử chuyên gia hỗ trợ.",
    ],
    "footer": "Bản quyền thuộc về Báo Khoa học. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
}
ZH = {
    "menu": ["首页", "时政", "经济", "科技", "国际", "登录"],
    "more": "更多", "credit": "图自{src}",
    "title": ["{o1}与{o2}深化{f}合作", "{p}{t}会见{o2}代表", "{c1}与{c2}推动{f}合作"],
    "dateline": "{y}年{m}月{d}日 {hh:02d}:{mm:02d}",
    "sent": [
        "{m}月{d}日,{o1}和{o2}在{c}签署了{f}领域合作备忘录。",
        "{o1}{t}{p}提议{o2}加强在{f}人才培训方面的合作。",
        "{m}月{d}日下午,{o1}{t}{p}访问{o2}并举行工作会谈。",
        "双方同意将于{y2}年在{c}举办{f}国际研讨会。",
        "据悉,{o2}将投资约{n}百万美元在{c}建设{f}研发中心。",
        "该培训计划预计将吸引{n}名来自顶尖大学的学员。",
        "{c1}与{c2}第{k}次对话聚焦{f}领域的具体解决方案。",
        "{o2}代表表示,愿意分享经验、转让技术并派遣专家提供支持。",
    ],
    "footer": "版权所有 未经许可不得转载",
}
EN = {
    "menu": ["Home", "Politics", "Business", "Science", "Technology", "World", "Sign in"],
    "more": "Read more", "credit": "Photo: {src}",
    "title": ["{o1} and {o2} deepen cooperation on {f}", "{t} {p} meets {o2}", "{c1} and {c2} boost {f} ties"],
    "dateline": "{month} {d}, {y} {hh:02d}:{mm:02d}",
    "sent": [
        "On {month} {d}, {o1} and {o2} signed a memorandum of understanding on {f} in {c}.",
        "{t} {p} proposed that {o2} expand cooperation with {o1} on training engineers in {f}.",
        "{t} {p} visited {o2} in {c} on {month} {d} and held talks with its leaders.",
        "The two sides agreed to hold an international conference on {f} in {c} in {y2}.",
        "{o2} will invest about {n} million USD in a {f} research centre in {c}.",
        "The training programme is expected to enrol {n} students from leading universities.",
        "The {k}th dialogue between {c1} and {c2} focused on concrete solutions in {f}.",
        "Representatives of {o2} said they were ready to share experience, transfer technology and send experts.",
    ],
    "footer": "Copyright Science News. All rights reserved.",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
LANGS = [("vi", VI, 0), ("zh", ZH, 1), ("en", EN, 2)]


def fill(rng, tmpl, li, date):
    o1, o2 = rng.sample(ORGS, 2)
    p = rng.choice(PERSONS)
    c, c1, c2 = rng.sample(PLACES, 3)
    f = rng.choice(FIELDS)
    y, m, d = date
    return tmpl.format(o1=o1[li], o2=o2[li], p=p[li], t=p[3 + li], c=c[li], c1=c1[li], c2=c2[li],
                       f=f[li], d=d, m=m, y=y, y2=y + 1, n=rng.randint(20, 900),
                       k=rng.randint(2, 9), month=MONTHS[m - 1], hh=rng.randint(6, 22),
                       mm=rng.randint(0, 59), src=rng.choice(["VNA", "TTXVN", "Xinhua", "Reuters"]))


def make_page(rng, index):
    lang, L, li = LANGS[index % 3]
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    date = (y, m, d)
    title = fill(rng, rng.choice(L["title"]), li, date)
    target = rng.randint(3000, 9500)
    paras, size = [], 0
    while size < target - 700:
        sents = [fill(rng, rng.choice(L["sent"]), li, date) for _ in range(rng.randint(2, 5))]
        para = ("" if lang == "zh" else " ").join(sents)
        paras.append(para)
        size += len(para.encode())
        if rng.random() < 0.15:
            paras.append(fill(rng, L["credit"], li, date))
    more = [fill(rng, rng.choice(L["title"]), li, date) for _ in range(rng.randint(4, 8))]
    dateline = fill(rng, L["dateline"], li, date)
    return lang, title, dateline, paras, more, L


def as_text(lang, title, dateline, paras, more, L):
    parts = [" | ".join(L["menu"]), "", title, "", dateline, ""]
    for p in paras:
        parts += [p, ""]
    parts += [L["more"], ""] + more + ["", L["footer"], ""]
    return "\n".join(parts)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_html(lang, title, dateline, paras, more, L):
    nav = "".join(f'<li><a href="/{i}">{esc(m)}</a></li>' for i, m in enumerate(L["menu"]))
    body = "".join(f"<p>{esc(p)}</p>\n" for p in paras)
    rel = "".join(f'<li><a href="/story/{i}">{esc(t)}</a></li>' for i, t in enumerate(more))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{esc(title)} - Science News</title>"
            f'<meta property="og:title" content="{esc(title)}">'
            f"<script>var analytics = {{page: 1}};</script></head>\n<body>"
            f"<header><nav><ul>{nav}</ul></nav></header>\n<article><h1>{esc(title)}</h1>"
            f'<div class="time">{esc(dateline)}</div>\n{body}</article>\n'
            f"<aside><h3>{esc(L['more'])}</h3><ul>{rel}</ul></aside>\n"
            f"<footer>{esc(L['footer'])}</footer></body></html>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.count):
        rng = random.Random(args.seed * 1_000_003 + i)  # per page: any subset is reproducible
        lang, title, dateline, paras, more, L = make_page(rng, i)
        html = i % 2 == 1
        text = (as_html if html else as_text)(lang, title, dateline, paras, more, L)
        sub = os.path.join(args.out, f"{i // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        name = f"page{i:07d}_{lang}.{'html' if html else 'txt'}"
        with open(os.path.join(sub, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
