"""``copycheck vet``: a plain-language verdict for a consumer who pasted a pitch.

No rule ids, no jargon: a verdict line, each red flag in everyday words with
the phrase that raised it, one sentence of the law it touches, and advice that
fits the flags found (do not pay a joining fee, pay through escrow, keep
evidence, 12315, and the police for pyramid schemes or fraud).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copycheck.consumer.verdict import verdict
from copycheck.findings import FileReport, Finding, Location, Report
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import CATEGORIES, Reference, Text, severity_rank

# What each category means to someone who is not a lawyer.
PLAIN = {
    "income-promise": Text("许诺高收入、“稳赚不赔”", "Promises of high or guaranteed income"),
    "recruitment": Text("在招人当代理、拉你入伙", "Recruiting you as an agent or partner"),
    "entry-fee": Text("要你先交钱或先进货才能加入", "Asking you to pay or buy stock before you can join"),
    "pyramid-commission": Text("靠拉人头、从下线身上赚钱", "Money made from recruiting people and from their sales"),
    "fake-social-proof": Text("用截图、晒单来证明赚钱或好评", "Screenshots and 'proof' of earnings or reviews"),
    "off-platform-payment": Text("让你私下转账、绕开平台付款", "Asking you to pay privately, outside the platform"),
    "medical-claim": Text("说化妆品或食品能治病", "Claims that cosmetics or food cure illness"),
    "absolute-claim": Text(
        "“最好”“第一”“国家级”之类的夸大说法", "Exaggerations like 'best', 'No. 1', 'national grade'"
    ),
    "false-endorsement": Text(
        "拿央视、国家、专家、明星做背书", "Borrowed endorsements: state media, government, experts, stars"
    ),
    "no-returns": Text("“概不退换”，限制你退货的权利", "'No returns', limiting your right to return goods"),
    "evasion": Text("用变体字、私聊躲避平台审核", "Disguised words and private chats that dodge the platform's checks"),
}

POLICE = Text(
    "如果对方要求交钱加入、靠拉人头返利，这可能是传销；已经交钱的，请保留证据并拨打 110 报警。",
    "If you are asked to pay to join and earn by recruiting others, this may be a pyramid scheme; if you have paid, "
    "keep the evidence and call the police (110).",
)
ADVICE = {
    "entry-fee": Text(
        "不要交入门费、代理费、加盟费，也不要为了“拿资格”先囤货；正规的经销不需要先交钱买资格。",
        "Do not pay an entry, agency or franchise fee, and do not buy stock up front to 'qualify'; genuine reselling "
        "does not make you pay for the right to sell.",
    ),
    "pyramid-commission": Text(
        "收入来自拉人、来自下线的，不是在卖东西；越晚加入的人越容易亏钱。",
        "Income that comes from recruits and their sales is not from selling goods; the later you join, the likelier "
        "you are to lose.",
    ),
    "income-promise": Text(
        "没有稳赚不赔的生意；对方许诺的收入无法兑现时，你拿不回已经投入的钱。",
        "No business is risk-free; when the promised income does not come, you will not get back what you put in.",
    ),
    "off-platform-payment": Text(
        "在平台内下单付款，用支付宝、平台担保交易等第三方担保；不要私下转账，私下转账出了问题很难追回。",
        "Order and pay inside the platform with escrow (e.g. Alipay's guaranteed payment); do not transfer money "
        "privately, it is hard to recover.",
    ),
    "fake-social-proof": Text(
        "转账截图、聊天截图、晒单都可以伪造，不能证明能赚钱或产品好用。",
        "Transfer screenshots, chat screenshots and order photos can be faked; they prove neither income nor quality.",
    ),
    "medical-claim": Text(
        "化妆品和普通食品不能治病；身体有问题请去正规医院，不要因为广告停药。",
        "Cosmetics and ordinary food cannot treat illness; see a doctor and never stop medicine because of an ad.",
    ),
    "false-endorsement": Text(
        "“央视推荐”“国家认证”“专家推荐”可以在官方渠道核实，核实不了就不要相信。",
        "Check 'recommended by CCTV', 'state certified' or 'expert recommended' with the official source; if you "
        "cannot, do not trust it.",
    ),
    "no-returns": Text(
        "网购商品一般享有七天无理由退货的权利，商家单方面写“概不退换”不能当然排除你的权利。",
        "Online purchases generally carry a seven-day no-reason return right; a seller's 'no returns' notice cannot "
        "simply remove it.",
    ),
    "evasion": Text(
        "对方刻意用变体字、拉你私聊，说明这些话在平台上发不出来；交易离开平台，就没有平台的保障。",
        "Disguised words and moving you to a private chat mean the claims could not be posted openly; off the platform "
        "you lose its protection.",
    ),
}
EVIDENCE = Text(
    "保留聊天记录、转账凭证和对方的账号信息。",
    "Keep the chat records, transfer receipts and the other party's account details.",
)
COMPLAIN = Text(
    "遇到纠纷或受骗，可以通过全国12315平台（12315.cn）或拨打12315热线投诉举报。",
    "For disputes or fraud, complain on the national 12315 platform (12315.cn) or call the 12315 hotline.",
)
CALM = Text(
    "没有发现收益承诺、招代理、入门费、拉人头、虚假晒单、私下转账、疗效宣称、极限用语、虚假背书、"
    "概不退换或规避审核等危险信号。这不等于对方一定可靠：付款请走平台担保，保留聊天记录。",
    "No income promises, recruiting, joining fees, pay per recruit, fake proof, private payment, medical claims, "
    "superlatives, false endorsements, no-returns clauses or filter dodging were found. That does not prove the "
    "seller is reliable: pay through the platform's escrow and keep your chat records.",
)
_PYRAMID_CATEGORIES = {"entry-fee", "pyramid-commission"}


@dataclass(frozen=True)
class Flag:
    category: str
    phrases: tuple[str, ...]
    law: str  # short name + article
    sentence: str  # one sentence of the provision
    rules: tuple[str, ...]


# The provision a consumer most needs to hear for each category. Private transfers and dodging
# the platform are not illegal as such: for those the report gives risk advice, not a law.
CITED = {
    "income-promise": Reference("adl-25", "一"),
    "recruitment": Reference("dsr-14"),
    "entry-fee": Reference("psr-7", "二"),
    "pyramid-commission": Reference("psr-7", "一"),
    "fake-social-proof": Reference("ecl-17"),
    "medical-claim": Reference("cosm-37", "一"),
    "absolute-claim": Reference("adl-9", "三"),
    "false-endorsement": Reference("adl-9", "二"),
    "no-returns": Reference("cpl-26"),
}
NOT_ILLEGAL = Text("（法律没有直接禁止，这是风险提示）", "(not illegal as such: this is risk advice)")
_RULE_WORDS = (("不得", "禁止"), ("属于", "有权", "应当"))


def one_sentence(provision: Provision, item: str) -> str:
    """One sentence a consumer can read: the cited item, else the article's operative sentence."""
    lines = [
        re.sub(r"^第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十])?\s*", "", line)
        for line in provision.text.strip().splitlines()
    ]
    if item:
        head = next((line for line in lines if line.rstrip().endswith(("：", ":"))), "")
        body = re.sub(r"^[(（][一二三四五六七八九十]+[)）]", "", provision.item_text(item))
        return (head + body).rstrip("；;。") + "。"
    sentences = [m.group(0) for line in lines for m in re.finditer(r"[^。；]+[。；]?", line)]
    chosen = next(
        (s for words in _RULE_WORDS for s in sentences if any(word in s for word in words)),
        sentences[0],
    )
    if chosen.rstrip().endswith(("：", ":")) and len(lines) > 1:
        chosen += re.sub(r"^[(（][一二三四五六七八九十]+[)）]", "", lines[1])
    return chosen.rstrip("；;。") + "。"


def _flags(report: Report, file: FileReport, lang: str) -> list[Flag]:
    # Compound findings add a category but no phrase of their own.
    active = [f for f in file.findings if f.raises_risk]
    by_category: dict[str, list[Finding]] = {}
    for finding in active:
        by_category.setdefault(finding.category, []).append(finding)
    flags = []
    for category, findings in by_category.items():
        phrases = tuple(dict.fromkeys(" ".join(loc.words.split()) for loc in _evidence(report, category, findings)))
        law, sentence = _law(report, category, lang)
        flags.append(Flag(category, phrases, law, sentence, tuple(dict.fromkeys(f.rule for f in findings))))
    order = {category: -max(severity_rank(f.severity) for f in by_category[category]) for category in by_category}
    return sorted(flags, key=lambda flag: (order[flag.category], CATEGORIES.index(flag.category)))


def _evidence(report: Report, category: str, findings: list[Finding]) -> list[Location]:
    """The words that make a category's flag true: its own findings' spans, or, where only a
    compound raised it (EVA900 on 诚招代理 + 加我微信), the compound's parts of that category, so
    the evasion flag quotes 加我微信 and not the recruitment words the compound points at."""
    own = [f.location for f in findings if not f.is_compound]
    if own:
        return own

    def category_of(rule_id: str) -> str:
        rule = report.rules.get(rule_id)
        return rule.category if rule else ""
    parts = [p.location for f in findings for p in f.parts if category_of(p.rule) == category]
    return parts or [f.location for f in findings]


def _law(report: Report, category: str, lang: str) -> tuple[str, str]:
    ref = CITED.get(category)
    provision = report.provisions.get(ref.id) if ref else None
    if ref is None or provision is None:
        return "", ""
    return provision.cite(ref.item, lang), one_sentence(provision, ref.item)


def format_vet(report: Report, lang: str = "zh", verbose: bool = False) -> str:
    blocks = [_format_file(report, file, lang, verbose) for file in report.files]
    blocks.extend(f"{e.path}: {e.message}" for e in report.errors)
    return "\n\n".join(blocks) + "\n"


def _format_file(report: Report, file: FileReport, lang: str, verbose: bool) -> str:
    en = lang == "en"
    flags = _flags(report, file, lang)
    level = file.risk.level
    categories = {flag.category for flag in flags}
    lines = [verdict(report, file, lang).headline]
    if len(report.files) > 1:
        lines[0] = f"{file.path}: {lines[0]}"
    if not flags:
        lines += ["", CALM.get(lang)]
        return "\n".join(lines)
    lines += ["", "Red flags:" if en else "危险信号："]
    for number, flag in enumerate(flags, start=1):
        shown = flag.phrases[:3]
        quoted = ", ".join(f"“{p}”" for p in shown) if en else "、".join(f"「{p}」" for p in shown)
        lines.append(f"{number}. {PLAIN[flag.category].get(lang)}{': ' if en else '：'}{quoted}")
        if flag.law:
            says = "The law" if en else "法律规定"
            lines.append(f"   {says}{': ' if en else '：'}{flag.law}{' — ' if en else '：'}{flag.sentence}")
        else:
            lines.append(f"   {NOT_ILLEGAL.get(lang)}")
        if verbose:
            lines.append(f"   ({', '.join(flag.rules)}; risk score {file.risk.score}/100)")
    lines += ["", "What to do:" if en else "建议："]
    advice = [ADVICE[flag.category] for flag in flags if flag.category in ADVICE]
    if level in ("high", "critical") and _PYRAMID_CATEGORIES & categories:
        advice.append(POLICE)
    advice += [EVIDENCE, COMPLAIN]
    lines += [f"- {item.get(lang)}" for item in dict.fromkeys(advice)]
    return "\n".join(lines)
