"""The consumer's HTML page (``copycheck vet --format html`` and the web page): one self-contained
page a consumer can read on a phone in a minute. The report on a run for the copy's author
(``copycheck --format html``) is :mod:`copycheck.formatters.html_report`, which shares the shell,
the CSS and the escaping below but none of the consumer's verdict or advice.

The page has no scripts, no external fonts, images or links to other sites: inline CSS and an
inline SVG gauge only, so it works offline and with JavaScript turned off. Every piece of input
(post text, paths, matched text, messages) goes through :func:`html.escape` with ``quote=True``
and never into ``href`` or ``src``.

Per post: a verdict in plain words, a risk gauge, the post with every asserted finding
highlighted (overlapping findings are split at every boundary, each piece showing the most severe
finding covering it), one tap-to-expand block per finding (why it is risky, what an honest seller
does, the provisions), the negated or quoted mentions in a separate muted list, and practical
advice when something risky was found.
"""

from __future__ import annotations

import re
from html import escape
from itertools import pairwise

from copycheck.consumer.verdict import LEVEL_LABELS, Verdict, verdict
from copycheck.findings import FileReport, Finding, Report
from copycheck.formatters import LEVEL_NAMES
from copycheck.ruleset.law import LAW_NAMES_EN, Provision
from copycheck.ruleset.model import CATEGORIES, Reference, severity_rank

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")
# Paths that name no file: the web page's pasted text, standard input, library calls.
ANONYMOUS_PATHS = ("<pasted>", "<stdin>", "<text>")

_L: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "title": "微商话术风险检查",
        "brand": "copycheck · 微商话术风险检查",
        "file": "文件：{path}",
        "score": "风险分",
        "gauge": "风险分 {score}/100，{level}",
        "legend": "颜色说明",
        "post": "原文",
        "post_hint": "标出的部分是有风险的说法，点一下可以看到解释。",
        "post_clean": "没有需要标出的说法。",
        "empty": "（空白）",
        "found": "具体问题（{n} 处）",
        "found_hints": "值得留意的小提示（{n} 处）",
        "found_hint": "按风险从高到低排列，点开每一条看原因和法律规定。",
        "what": "这句话说了什么",
        "why": "为什么有风险",
        "suggest": "正规商家会怎么做",
        "parts": "由这几处说法一起构成",
        "law": "相关法律规定",
        "law_full": "查看{article}全文",
        "same_as": "原因、建议和法条见同类问题的第一处",
        "law_text": "",
        "rule_meta": "规则 {rule} · 第 {line} 行第 {column} 列",
        "mentions": "提到了，但不是在宣传",
        "mentions_hint": "下面这些说法出现在提醒、否定或批评的语境里（例如“警惕月入十万的骗局”），不计入风险。",
        "negated": "警示或否定语境",
        "quoted": "批评性引用",
        "reported": "报道或转述",
        "advice": "遇到这种情况，你可以这样做",
        "checked": "我们检查了这 11 类常见的风险话术",
        "errors": "没有检查的文件",
        "footer": "本结果由程序根据常见的风险话术自动生成，可能漏报或误报，仅供参考，不构成法律意见。",
        "reasons": "主要问题",
        "quote_open": "「",
        "quote_close": "」",
        "list_sep": "、",
        "paren": "（{}）",
        "and": "；",
    },
    "en": {
        "html_lang": "en",
        "title": "Is this sales pitch risky?",
        "brand": "copycheck · social-selling pitch check",
        "file": "File: {path}",
        "score": "risk score",
        "gauge": "Risk score {score}/100, {level}",
        "legend": "Colour key",
        "post": "The message",
        "post_hint": "Marked phrases are risky. Tap one to see why.",
        "post_clean": "Nothing to mark.",
        "empty": "(empty)",
        "found": "What we found ({n})",
        "found_hints": "Small things to note ({n})",
        "found_hint": "Most serious first. Open each one for the reason and the law.",
        "what": "What it says",
        "why": "Why it is risky",
        "suggest": "What an honest seller does instead",
        "parts": "Made up of these phrases together",
        "law": "What the law says",
        "law_full": "Full text of {article}",
        "same_as": "Why, what to do and the law: see the first finding of this kind",
        "law_text": "Chinese original",
        "rule_meta": "rule {rule} · line {line}, column {column}",
        "mentions": "Mentioned, but not promoted",
        "mentions_hint": "These phrases appear in a warning, a denial or a critical quote"
        " (such as “beware of ‘earn 100,000 a month’ scams”), so they do not count as risks.",
        "negated": "in a warning or denial",
        "quoted": "quoted to criticise",
        "reported": "reported or narrated",
        "advice": "What you can do",
        "checked": "We checked for these 11 kinds of risky sales talk",
        "errors": "Files that were not checked",
        "footer": "This result is generated automatically from common risky phrases. It can miss things or flag"
        " harmless text, and it is not legal advice.",
        "reasons": "Main problems",
        "quote_open": "“",
        "quote_close": "”",
        "list_sep": ", ",
        "paren": "({})",
        "and": "; ",
    },
}

LEVEL_SHORT = {
    lang: {level: ("等级：" if lang == "zh" else "") + name for level, name in names.items()}
    for lang, names in LEVEL_NAMES.items()
}
SEVERITY_LABELS = {
    "zh": {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"},
    "en": {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low", "info": "Hint"},
}
SEVERITY_LEGEND = {
    "zh": {
        "critical": "传销、诈骗的典型特征",
        "high": "违法宣传或要你交钱",
        "medium": "需要警惕",
        "low": "不规范的说法",
        "info": "常见的招人话术",
    },
    "en": {
        "critical": "typical of pyramid schemes or fraud",
        "high": "unlawful claims or asks for money",
        "medium": "be careful",
        "low": "sloppy wording",
        "info": "common recruiting talk",
    },
}
# The 11 categories in words a consumer uses.
CATEGORY_NAMES = {
    "zh": {
        "income-promise": "承诺高收入、躺着赚钱",
        "recruitment": "招代理、拉人加入",
        "entry-fee": "先交代理费、入门费或囤货",
        "pyramid-commission": "拉人头拿提成、多层返利",
        "fake-social-proof": "晒收款截图、编造好评和销量",
        "off-platform-payment": "要求私下转账、绕开平台",
        "medical-claim": "化妆品、食品宣称能治病",
        "absolute-claim": "“最好”“第一”等夸大用语",
        "false-endorsement": "冒用国家机关、专家、明星背书",
        "no-returns": "不退不换、限制退款",
        "evasion": "加V私聊、拆字谐音等躲避审核的写法",
    },
    "en": {
        "income-promise": "Promises of big or effortless income",
        "recruitment": "Recruiting agents or “partners”",
        "entry-fee": "Joining fees, agent fees or stock you must buy first",
        "pyramid-commission": "Pay for recruiting people, multi-level bonuses",
        "fake-social-proof": "Payment screenshots, made-up reviews or sales figures",
        "off-platform-payment": "Private transfers outside the shopping platform",
        "medical-claim": "Cosmetics or food claimed to cure illness",
        "absolute-claim": "Superlatives such as “best” or “No. 1”",
        "false-endorsement": "False endorsements by officials, experts or celebrities",
        "no-returns": "No returns or refunds",
        "evasion": "“Add me on WeChat”, split words and other tricks to dodge platform review",
    },
}
ADVICE = {
    "zh": [
        "<strong>不要交</strong>入门费、代理费、加盟费，也不要为了“拿代理资格”先囤货、付首批货款。",
        "买东西在正规电商平台下单，用平台的<strong>担保交易</strong>付款；不要私下转账、扫个人收款码或发红包付款。",
        "<strong>保存好证据</strong>：聊天记录、对方发的文案和图片、转账凭证，都截图或导出保存。",
        "权益受损可以向市场监管部门投诉：<strong>全国12315平台</strong>（网站、App 或微信小程序），"
        "或拨打 <strong>12315</strong> 热线。",
        "怀疑是传销或诈骗、已经被骗了钱，请<strong>拨打 110</strong> 报警。",
    ],
    "en": [
        "<strong>Do not pay</strong> joining fees, agent fees or franchise fees, and do not buy stock up front"
        " to “qualify” as an agent.",
        "Buy on a proper shopping platform and pay through its <strong>escrow</strong>; do not transfer money"
        " privately, scan a personal payment code or pay by red packet.",
        "<strong>Keep the evidence</strong>: chat records, the seller's posts and pictures, and your transfer"
        " receipts.",
        "Complain to the market regulator through the <strong>全国12315平台</strong> (National 12315 Platform:"
        " website, app or WeChat mini program) or call the <strong>12315</strong> hotline.",
        "If you suspect a pyramid scheme or fraud, or have already lost money, <strong>call 110</strong> (the police).",
    ],
}
MEDICAL_ADVICE = {
    "zh": "身体不舒服请去正规医院看病。化妆品和普通食品不能治病，也不能代替药物。",
    "en": "If you are unwell, see a doctor. Cosmetics and ordinary food cannot cure illness or replace medicine.",
}

CSS = """
*,*::before,*::after{box-sizing:border-box}
:root{--bg:#f3f4f6;--card:#fff;--ink:#1f2633;--muted:#5d6675;--faint:#8a93a3;--line:#e2e5ea;
--critical:#b42318;--critical-bg:#fde3e1;--high:#c2410c;--high-bg:#fee6d2;
--medium:#a15c07;--medium-bg:#fdefc7;--low:#6f6a00;--low-bg:#f8f6cf;
--info:#4b5565;--info-bg:#eceef2;--none:#0f7a55;--none-bg:#dcf5ea;--accent:#2f5bb7}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.7;font-size:17px;
font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC",
"Source Han Sans SC","Microsoft YaHei","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:760px;margin:0 auto;padding:12px 12px 40px}
h1,h2,h3,h4{line-height:1.35;margin:0}
h2{font-size:1.15rem;margin-bottom:.5rem}
h4{font-size:.95rem;color:var(--muted);margin:1rem 0 .25rem}
p{margin:.4rem 0}
ul,ol{margin:.4rem 0;padding-left:1.4rem}
li{margin:.3rem 0}
.brand{font-size:.85rem;color:var(--muted);margin:4px 2px 10px;display:flex;justify-content:space-between;gap:8px}
.brand a{color:var(--accent)}
.card{background:var(--card);border-radius:14px;padding:16px;margin:0 0 12px;box-shadow:0 1px 2px rgba(16,24,40,.06);
border:1px solid var(--line)}
.muted{color:var(--muted)}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.small{font-size:.85rem}
.path{font-size:.95rem;font-weight:600;color:var(--muted);word-break:break-all;margin:18px 2px 8px}
section.file+section.file{border-top:2px dashed #cfd4dc;margin-top:22px}
.verdict{border-top:6px solid var(--lv)}
.verdict h2{font-size:clamp(1.5rem,6.4vw,2rem);color:var(--lv);margin:0;font-weight:700;line-height:1.3}
.verdict h2 .lvl{display:block;font-size:.6em;letter-spacing:.06em;margin-bottom:.2em}
.verdict-row{display:flex;gap:14px;align-items:center;margin:.8rem 0 .2rem}
.verdict .advice-line{flex:1;font-size:1.05rem;font-weight:600;margin:0;padding:8px 12px;border-radius:10px;
background:var(--lv-bg)}
.verdict.lv-none .advice-line{font-weight:400}
.gauge{flex:0 0 auto;width:112px;text-align:center}
.gauge svg{display:block;width:112px;height:auto}
.gauge .g-label{font-size:.75rem;color:var(--muted);line-height:1.35;margin-top:2px}
.gauge .g-label strong{color:var(--lv);font-size:.9rem}
.lv-critical{--lv:var(--critical);--lv-bg:var(--critical-bg)}
.lv-high{--lv:var(--high);--lv-bg:var(--high-bg)}
.lv-medium{--lv:var(--medium);--lv-bg:var(--medium-bg)}
.lv-low{--lv:var(--low);--lv-bg:var(--low-bg)}
.lv-none{--lv:var(--none);--lv-bg:var(--none-bg)}
.reasons{margin:.6rem 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}
.reasons li{margin:0;padding:2px 10px;border-radius:999px;font-size:.88rem;border:1px solid var(--line);
background:#fafbfc}
.reasons li .badge{margin-right:4px}
.checked{list-style:none;padding:0;columns:2 15em;column-gap:1.5rem;font-size:.92rem}
.checked li{margin:.2rem 0;break-inside:avoid}
.checked li::before{content:"✓ ";color:var(--none);font-weight:700}
.checked.plain li::before{content:"• ";color:var(--faint)}
.legend{list-style:none;padding:0;margin:.4rem 0 .8rem;display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.82rem;
color:var(--muted)}
.legend li{margin:0}
.post{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;font-size:1.05rem;line-height:2;
background:#fbfbfc;border:1px solid var(--line);border-radius:10px;padding:12px 14px;margin:.5rem 0 0}
a.hl{color:inherit;text-decoration:none}
mark{color:inherit;border-radius:3px;padding:1px 0;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.sev-critical{background:var(--critical-bg);border-bottom:3px solid var(--critical)}
mark.sev-high{background:var(--high-bg);border-bottom:2px solid var(--high)}
mark.sev-medium{background:var(--medium-bg);border-bottom:2px dashed var(--medium)}
mark.sev-low{background:var(--low-bg);border-bottom:2px dotted var(--low)}
mark.sev-info{background:var(--info-bg);border-bottom:1px dotted var(--info)}
.badge{display:inline-block;min-width:2.2em;text-align:center;font-size:.78rem;font-weight:700;line-height:1.6;
padding:0 6px;border-radius:6px;color:#fff;vertical-align:.1em}
.badge.sev-critical{background:var(--critical)}
.badge.sev-high{background:var(--high)}
.badge.sev-medium{background:var(--medium)}
.badge.sev-low{background:var(--low)}
.badge.sev-info{background:var(--info)}
details.finding{border:1px solid var(--line);border-left:5px solid var(--sev);border-radius:10px;margin:8px 0;
background:#fff}
details.finding.sev-critical{--sev:var(--critical)}
details.finding.sev-high{--sev:var(--high)}
details.finding.sev-medium{--sev:var(--medium)}
details.finding.sev-low{--sev:var(--low)}
details.finding.sev-info{--sev:#b7bec9}
details.finding{scroll-margin-top:12px}
details.finding:target{box-shadow:0 0 0 3px rgba(47,91,183,.35)}
details.finding>summary{cursor:pointer;padding:10px 34px 10px 12px;list-style:none;display:block;position:relative}
details.finding>summary::-webkit-details-marker{display:none}
details.finding>summary::after{content:"+";position:absolute;right:12px;top:8px;color:var(--faint);font-weight:700;
font-size:1.2rem}
details.finding[open]>summary::after{content:"\\2212"}
details.finding>summary .ftitle{font-weight:650}
details.finding>summary .fquote{display:block;color:var(--muted);font-size:.92rem;margin-top:2px}
.fbody{padding:0 14px 12px;border-top:1px dashed var(--line)}
.fbody .msg{font-weight:500;margin-top:.7rem}
.law{border-left:3px solid var(--line);padding:2px 0 2px 10px;margin:.5rem 0}
.law .cite{font-weight:650;margin:0}
.law .cite .law-en{font-weight:400;color:var(--muted)}
blockquote{margin:.35rem 0;padding:8px 10px;background:#f6f7f9;border-radius:8px;white-space:pre-line;
font-size:.93rem;line-height:1.75}
blockquote.item{background:#eef3fc;font-weight:500}
details.full>summary{cursor:pointer;color:var(--accent);font-size:.88rem}
.meta{font-size:.78rem;color:var(--faint);margin-top:.8rem}
.mentions-card{background:#fafafb;color:var(--muted)}
.mentions-card h2{color:var(--muted);font-size:1rem}
.mentions{padding-left:1.1rem;font-size:.92rem}
.advice-card{border-left:6px solid var(--accent)}
.advice-card ol{padding-left:1.3rem}
.advice-card li{margin:.5rem 0}
.notice{background:var(--medium-bg);border:1px solid #f3d58a;border-radius:10px;padding:10px 12px;margin:0 0 12px}
footer{font-size:.8rem;color:var(--faint);text-align:center;margin:18px 8px}
form .box{width:100%;min-height:9.5rem;resize:vertical;font:inherit;font-size:1rem;line-height:1.6;padding:10px 12px;
border:1px solid #c9ced6;border-radius:10px;background:#fff;color:inherit}
form .box:focus{outline:3px solid rgba(47,91,183,.3);border-color:var(--accent)}
form.compact .box{min-height:4.6rem}
.form-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:10px;margin-top:10px}
fieldset.lang{border:0;padding:0;margin:0;display:flex;gap:14px;font-size:.92rem;color:var(--muted)}
fieldset.lang legend{float:left;margin-right:6px;padding:0}
fieldset.lang label{display:inline-flex;align-items:center;gap:4px;cursor:pointer}
button{font:inherit;font-size:1.05rem;font-weight:650;color:#fff;background:var(--accent);border:0;border-radius:10px;
padding:10px 22px;cursor:pointer;min-height:44px}
button:focus{outline:3px solid rgba(47,91,183,.35);outline-offset:2px}
.intro h1{font-size:clamp(1.35rem,5.5vw,1.7rem);margin-bottom:.3rem}
.privacy{font-size:.82rem;color:var(--muted);margin:.6rem 0 0}
@media (max-width:420px){body{font-size:16px}.card{padding:14px}.gauge{width:96px}.gauge svg{width:96px}}
"""


def _e(value: object) -> str:
    """Escape any input for text and (quoted) attribute positions."""
    return escape(str(value), quote=True)


def labels(lang: str) -> dict[str, str]:
    return _L["en" if lang == "en" else "zh"]


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


# ---------------------------------------------------------------------------------------------------------
# The verdict


# ---------------------------------------------------------------------------------------------------------
# Pieces


def _rule_title(report: Report, finding: Finding, lang: str) -> str:
    rule = report.rules.get(finding.rule)
    return rule.title.get(lang) if rule else finding.message.get(lang)


def _quote(text: str, lang: str) -> str:
    lab = labels(lang)
    return f"{lab['quote_open']}{_e(' '.join(text.split()) or text)}{lab['quote_close']}"


def gauge(score: int, level: str, lang: str) -> str:
    """A semicircle showing score/100, with the number and the level as text (not colour alone)."""
    lab = labels(lang)
    score = max(0, min(100, int(score)))
    label = LEVEL_LABELS[_lang(lang)][level]
    arc = "M12 62 A48 48 0 0 1 108 62"
    filled = (
        f'<path d="{arc}" pathLength="100" fill="none" stroke="var(--lv)" stroke-width="12" '
        f'stroke-linecap="round" stroke-dasharray="{score} 100"/>'
        if score
        else ""
    )
    return (
        f'<div class="gauge" role="img" aria-label="{_e(lab["gauge"].format(score=score, level=label))}">'
        f'<svg viewBox="0 0 120 68" aria-hidden="true" focusable="false">'
        f'<path d="{arc}" fill="none" stroke="#e6e8ec" stroke-width="12" stroke-linecap="round"/>{filled}'
        f'<text x="60" y="60" text-anchor="middle" font-size="28" font-weight="700" fill="var(--lv)">{score}'
        f'<tspan font-size="11" font-weight="400" fill="#6b7383">/100</tspan></text>'
        f"</svg>"
        f'<div class="g-label">{_e(lab["score"])}<br>'
        f"<strong>{_e(LEVEL_SHORT[_lang(lang)][level])}</strong></div>"
        f"</div>"
    )


def legend(lang: str) -> str:
    items = "".join(
        f'<li><mark class="sev-{sev}">{_e(SEVERITY_LABELS[_lang(lang)][sev])}</mark> '
        f"{_e(SEVERITY_LEGEND[_lang(lang)][sev])}</li>"
        for sev in SEVERITY_ORDER
    )
    return f'<ul class="legend" aria-label="{_e(labels(lang)["legend"])}">{items}</ul>'


def highlight(report: Report, text: str, findings: list[Finding], ids: dict[int, str], lang: str) -> str:
    """The post with asserted findings marked.

    The text is cut at every span boundary; each piece becomes one ``<mark>`` (never nested) with the
    class of the most severe finding covering it, a link to that finding, and the titles and anchors
    of every finding covering it.
    """
    spans = []
    for finding in findings:
        start = max(0, min(len(text), finding.location.start))
        end = max(0, min(len(text), finding.location.end))
        if end > start:
            spans.append((start, end, finding))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        covering = [f for s, e, f in spans if s <= a and b <= e]
        if not covering:
            out.append(_e(piece))
            continue
        covering.sort(key=lambda f: (-severity_rank(f.severity), f.location.start, f.rule))
        top = covering[0]
        sev_name = SEVERITY_LABELS[_lang(lang)][top.severity]
        titles = labels(lang)["list_sep"].join(dict.fromkeys(_rule_title(report, f, lang) for f in covering))
        label = f"{sev_name}：{titles}" if lang != "en" else f"{sev_name}: {titles}"
        anchors = " ".join(ids[id(f)] for f in covering)
        out.append(
            f'<a class="hl" href="#{ids[id(top)]}"><mark class="sev-{top.severity}" title="{_e(label)}" '
            f'aria-label="{_e(label)}" data-findings="{anchors}">{_e(piece)}</mark></a>'
        )
    return "".join(out)


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _cn_number(numeral: str) -> int | None:
    total, digit = 0, None
    for char in numeral:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def article_name(provision: Provision, items: list[str], lang: str) -> str:
    """《禁止传销条例》第七条（二）, or in English "Regulations on … (禁止传销条例), Art. 7(2)"."""
    if lang != "en":
        return f"《{provision.short}》{provision.article}" + "".join(f"（{item}）" for item in items)
    match = re.fullmatch(r"第(.+?)条(?:之(.+))?", provision.article)
    number = _cn_number(match.group(1)) if match else None
    if number is None:
        article = provision.article
    else:
        sub = _cn_number(match.group(2)) if match and match.group(2) else None
        article = f"Art. {number}" + (f"-{sub}" if sub else "")
        article += "".join(f"({_cn_number(item) or item})" for item in items)
    english = LAW_NAMES_EN.get(provision.short)
    return f"{english} ({provision.short}), {article}" if english else f"{provision.short}, {article}"


def provisions_html(report: Report, references: tuple[Reference, ...], lang: str) -> str:
    lab = labels(lang)
    grouped: dict[str, list[str]] = {}
    for ref in references:
        grouped.setdefault(ref.id, [])
        if ref.item and ref.item not in grouped[ref.id]:
            grouped[ref.id].append(ref.item)
    blocks = []
    for pid, items in grouped.items():
        provision = report.provisions.get(pid)
        if provision is None:
            blocks.append(f'<div class="law"><p class="cite">{_e(pid)}</p></div>')
            continue
        name = article_name(provision, items, lang)
        full = provision.text.strip()
        original = f' <span class="law-en">({_e(lab["law_text"])})</span>' if lab["law_text"] else ""
        version = f'<p class="meta">{_e(provision.law)} · {_e(provision.version)}</p>'
        note = f'<p class="meta">{_e(provision.note)}</p>' if provision.note else ""
        if items:
            quoted = "".join(
                f'<blockquote class="item" lang="zh-CN">{_e(provision.item_text(item))}</blockquote>' for item in items
            )
            article = f"{provision.short}{provision.article}" if lang != "en" else name.split(", Art.")[0]
            body = (
                f'{quoted}<details class="full"><summary>{_e(lab["law_full"].format(article=article))}</summary>'
                f"<blockquote lang='zh-CN'>{_e(full)}</blockquote>{version}{note}</details>"
            )
        else:
            body = f"<blockquote lang='zh-CN'>{_e(full)}</blockquote>{version}{note}"
        blocks.append(f'<div class="law"><p class="cite">{_e(name)}{original}</p>{body}</div>')
    return "".join(blocks)


def finding_html(
    report: Report, file: FileReport, finding: Finding, anchor: str, lang: str, first: str | None = None
) -> str:
    """One finding; ``first`` is the anchor of an earlier finding of the same rule, whose
    explanation and provisions are then linked to rather than repeated (long pastes stay small)."""
    lab = labels(lang)
    rule = report.rules.get(finding.rule)
    title = _rule_title(report, finding, lang)
    sev = finding.severity
    parts = []
    for part in finding.parts:
        part_rule = report.rules.get(part.rule)
        name = part.word_class or (part_rule.title.get(lang) if part_rule else part.rule)
        parts.append(f'<li>{_quote(part.location.text, lang)} <span class="muted">{_e(name)}</span></li>')
    body = [f'<p class="msg">{_e(finding.message.get(lang))}</p>']
    if first is not None:
        body.append(f'<p class="small"><a href="#{first}">{_e(lab["same_as"])}</a></p>')
        rule = None
    if rule is not None:
        body.append(f"<h4>{_e(lab['why'])}</h4><p>{_e(rule.why.get(lang))}</p>")
    if parts:
        body.append(f"<h4>{_e(lab['parts'])}</h4><ul>{''.join(parts)}</ul>")
    if rule is not None:
        body.append(f"<h4>{_e(lab['suggest'])}</h4><p>{_e(rule.suggest.get(lang))}</p>")
    if finding.references and first is None:
        body.append(f"<h4>{_e(lab['law'])}</h4>{provisions_html(report, finding.references, lang)}")
    loc = finding.location
    meta = lab["rule_meta"].format(rule=finding.rule, line=loc.line, column=loc.column)
    body.append(f'<p class="meta">{_e(meta)}</p>')
    return (
        f'<details class="finding sev-{_e(sev)}" id="{anchor}">'
        f'<summary><span class="badge sev-{_e(sev)}">{_e(SEVERITY_LABELS[_lang(lang)].get(sev, sev))}</span> '
        f'<span class="ftitle">{_e(title)}</span>'
        f'<span class="fquote">{_quote(loc.text, lang)}</span></summary>'
        f'<div class="fbody">{"".join(body)}</div></details>'
    )


def _reason_chips(report: Report, file: FileReport, v: Verdict, lang: str) -> str:
    if not v.categories:
        return ""
    worst: dict[str, str] = {}
    for finding in file.findings:
        if finding.raises_risk:
            kept = worst.get(finding.category)
            if kept is None or severity_rank(finding.severity) > severity_rank(kept):
                worst[finding.category] = finding.severity
    chips = "".join(
        f'<li><span class="badge sev-{worst[c]}">{_e(SEVERITY_LABELS[_lang(lang)][worst[c]])}</span>'
        f"{_e(CATEGORY_NAMES[_lang(lang)][c])}</li>"
        for c in v.categories
    )
    return f'<ul class="reasons" aria-label="{_e(labels(lang)["reasons"])}">{chips}</ul>'


def verdict_html(report: Report, file: FileReport, lang: str) -> str:
    v = verdict(report, file, lang)
    if v.level == "none":
        heading = f"<h2>{_e(v.label)}</h2>"
    else:
        sep = ": " if _lang(lang) == "en" else "："
        heading = f'<h2><span class="lvl">{_e(v.label)}<span class="vh">{sep}</span></span>{_e(v.reason)}</h2>'
    checked = ""
    if v.level == "none":
        checked = f'<h4>{_e(labels(lang)["checked"])}</h4>{checked_categories(lang, "checked")}'
    return (
        f'<section class="card verdict lv-{v.level}" aria-label="{_e(v.headline)}">{heading}'
        f'<div class="verdict-row">{gauge(v.score, v.level, lang)}<p class="advice-line">{_e(v.advice)}</p></div>'
        f"{_reason_chips(report, file, v, lang)}{checked}</section>"
    )


def file_html(report: Report, file: FileReport, number: int, lang: str) -> str:
    lab = labels(lang)
    ordered = sorted(
        file.findings, key=lambda f: (-severity_rank(f.severity), f.location.start, f.location.end, f.rule)
    )
    active = [f for f in ordered if f.asserted]
    mentioned = [f for f in ordered if not f.asserted]
    ids = {id(f): f"f{number}-{n}" for n, f in enumerate(active, start=1)}
    out = [f'<section class="file" aria-label="{_e(file.path)}">']
    if file.path not in ANONYMOUS_PATHS:
        out.append(f'<h2 class="path">{_e(lab["file"].format(path=file.path))}</h2>')
    out.append(verdict_html(report, file, lang))

    marked = highlight(report, file.text, active, ids, lang) if file.text else _e(lab["empty"])
    hint = lab["post_hint"] if active else lab["post_clean"]
    post_legend = legend(lang) if active else ""
    out.append(
        f'<section class="card"><h2>{_e(lab["post"])}</h2><p class="muted small">{_e(hint)}</p>{post_legend}'
        f'<div class="post" lang="zh-CN">{marked}</div></section>'
    )
    if active:
        risky = any(f.raises_risk for f in active)
        heading = (lab["found"] if risky else lab["found_hints"]).format(n=len(active))
        first_of: dict[str, str] = {}
        rendered = []
        for finding in active:
            earlier = first_of.get(finding.rule)
            first_of.setdefault(finding.rule, ids[id(finding)])
            rendered.append(finding_html(report, file, finding, ids[id(finding)], lang, earlier))
        blocks = "".join(rendered)
        out.append(
            f'<section class="card"><h2>{_e(heading)}</h2><p class="muted small">{_e(lab["found_hint"])}</p>'
            f"{blocks}</section>"
        )
    if mentioned:
        items = "".join(
            f"<li>{_quote(f.location.text, lang)} {_e(_rule_title(report, f, lang))}"
            f' <span class="small">{_e(lab["paren"].format(lab.get(f.context or "", f.context or "")))}</span></li>'
            for f in mentioned
        )
        out.append(
            f'<section class="card mentions-card"><h2>{_e(lab["mentions"])}</h2>'
            f'<p class="small">{_e(lab["mentions_hint"])}</p><ul class="mentions">{items}</ul></section>'
        )
    if file.risk.level != "none":
        advice = list(ADVICE[_lang(lang)])
        if any(f.raises_risk and f.category == "medical-claim" for f in file.findings):
            advice.insert(1, _e(MEDICAL_ADVICE[_lang(lang)]))
        items = "".join(f"<li>{item}</li>" for item in advice)  # constant text, written as HTML above
        out.append(f'<section class="card advice-card"><h2>{_e(lab["advice"])}</h2><ol>{items}</ol></section>')
    out.append("</section>")
    return "".join(out)


def report_body(report: Report, lang: str = "zh") -> str:
    """Everything inside ``<main>`` after the header: one block per file, then input errors."""
    lab = labels(lang)
    out = [file_html(report, file, number, lang) for number, file in enumerate(report.files, start=1)]
    if report.errors:
        items = "".join(f"<li>{_e(error.path)}: {_e(error.message)}</li>" for error in report.errors)
        out.append(f'<section class="card"><h2>{_e(lab["errors"])}</h2><ul>{items}</ul></section>')
    return "".join(out)


def page(
    body: str,
    lang: str = "zh",
    title: str | None = None,
    version: str = "",
    nav: str = "",
    brand: str | None = None,
    css: str = CSS,
) -> str:
    """The HTML5 shell around ``body`` (already escaped HTML): meta tags, inline CSS, header and footer.
    The marketer's report (:mod:`copycheck.formatters.html_report`) passes its own brand line and CSS."""
    lab = labels(lang)
    footer = _e(lab["footer"]) + (f"<br>copycheck {_e(version)}" if version else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lab["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "base-uri 'none'\">\n"
        '<meta name="referrer" content="no-referrer">\n<meta name="color-scheme" content="light">\n'
        f"<title>{_e(title or lab['title'])}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n"
        f'<header class="brand"><span>{_e(brand or lab["brand"])}</span>{nav}</header>\n'
        f"{body}\n<footer>{footer}</footer>\n</main>\n</body>\n</html>\n"
    )


def format_html(report: Report, lang: str = "zh") -> str:
    """A self-contained HTML5 page for consumers (no scripts, no network requests): the verdict and
    advice per post. ``copycheck vet --format html``; the run report is ``html_report.format_html_report``."""
    return page(report_body(report, lang), lang, version=report.version)


def checked_categories(lang: str, css: str) -> str:
    """The list of the 11 kinds of red flag that were checked."""
    items = "".join(f"<li>{_e(CATEGORY_NAMES[_lang(lang)][c])}</li>" for c in CATEGORIES)
    return f'<ul class="{css}">{items}</ul>'
