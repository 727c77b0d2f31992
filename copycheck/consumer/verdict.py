"""The consumer's verdict on a post: how risky, why in one phrase, what to do. Decided here once;
``vet``, the HTML report and the web page only render it.

The level words are the ones every surface uses (``formatters.LEVEL_NAMES``): 无/低/中/高/严重 and
none/low/medium/high/critical; a consumer's label adds 风险/risk to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from copycheck.findings import FileReport, Report
from copycheck.formatters import LEVEL_NAMES
from copycheck.ruleset.model import CATEGORIES, severity_rank

LEVEL_LABELS = {
    "zh": {level: ("无明显风险" if level == "none" else f"{name}风险") for level, name in LEVEL_NAMES["zh"].items()},
    "en": {
        level: ("No obvious risk" if level == "none" else f"{name.capitalize()} risk")
        for level, name in LEVEL_NAMES["en"].items()
    },
}

# The verdict's reason, most telling first.
HEADLINE_PRIORITY = (
    "pyramid-commission",
    "entry-fee",
    "income-promise",
    "medical-claim",
    "false-endorsement",
    "off-platform-payment",
    "fake-social-proof",
    "no-returns",
    "recruitment",
    "absolute-claim",
    "evasion",
)
HEADLINE_REASONS = {
    "zh": {
        "pyramid": "这段话具备传销的典型特征",
        "pyramid-commission": "有拉人头、多层返利的说法",
        "entry-fee": "要你先交钱才能加入",
        "income-promise": "承诺了不切实际的高收入",
        "medical-claim": "把普通商品说成能治病",
        "false-endorsement": "冒用权威机构或名人的名义",
        "off-platform-payment": "要你私下付款，出了问题钱很难追回",
        "fake-social-proof": "用截图和好评制造信任，可能是编的",
        "no-returns": "限制你退货退款的权利",
        "recruitment": "这是在招代理、拉人加入",
        "absolute-claim": "用了夸大的绝对化说法",
        "evasion": "用暗语、私聊等办法躲开平台审核",
        "other": "有需要留意的说法",
    },
    "en": {
        "pyramid": "This pitch has the typical signs of a pyramid scheme",
        "pyramid-commission": "It offers pay for recruiting people",
        "entry-fee": "It asks you to pay before you can join",
        "income-promise": "It promises unrealistic income",
        "medical-claim": "It claims an ordinary product can treat illness",
        "false-endorsement": "It borrows the name of authorities or celebrities",
        "off-platform-payment": "It asks you to pay privately, where money is hard to get back",
        "fake-social-proof": "It builds trust with screenshots and reviews that may be made up",
        "no-returns": "It limits your right to return goods or get a refund",
        "recruitment": "It is recruiting agents",
        "absolute-claim": "It uses exaggerated absolute claims",
        "evasion": "It uses code words or private chat to dodge platform checks",
        "other": "Some wording needs a closer look",
    },
}
LEVEL_ADVICE = {
    "zh": {
        "critical": "建议：不要交钱，不要加入，也不要把钱私下转给对方。",
        "high": "建议：不要交钱，不要加入，也不要把钱私下转给对方。",
        "medium": "建议：先别付款。核实对方身份和资质，坚持在正规平台内交易。",
        "low": "有个别说法不够规范，多留个心眼，付款前核实清楚。",
        "none": "没有发现常见的风险话术。但这不代表对方一定可靠：付款前仍请核实对方身份，尽量在平台内交易。",
    },
    "en": {
        "critical": "Our advice: do not pay, do not join, and do not send money privately.",
        "high": "Our advice: do not pay, do not join, and do not send money privately.",
        "medium": "Our advice: hold off on paying. Check who the seller is and stay on a proper shopping platform.",
        "low": "A few phrases are sloppy. Stay alert and check the details before you pay.",
        "none": "None of the common risky phrases were found. That does not prove the seller is trustworthy:"
        " check who they are before paying, and pay on the platform.",
    },
}


@dataclass(frozen=True)
class Verdict:
    level: str  # none, low, medium, high, critical
    score: int
    label: str  # 高风险
    reason: str  # 这段话具备传销的典型特征 ("" when nothing was found)
    headline: str  # 高风险：这段话具备传销的典型特征
    advice: str  # one sentence: what to do now
    categories: tuple[str, ...]  # categories of the asserted red flags, most severe first


def verdict(report: Report, file: FileReport, lang: str = "zh") -> Verdict:
    """A plain-language verdict for one post, from its risk and the categories that set it."""
    lang = "en" if lang == "en" else "zh"
    level = file.risk.level
    risky = [f for f in file.findings if f.raises_risk]
    worst: dict[str, int] = {}
    for finding in risky:
        worst[finding.category] = max(worst.get(finding.category, -1), severity_rank(finding.severity))
    categories = tuple(sorted(worst, key=lambda c: (-worst[c], CATEGORIES.index(c))))
    reason = ""
    if level != "none":
        driving = {f.category for f in risky if f.rule in file.risk.drivers} or set(categories)
        key = next((c for c in HEADLINE_PRIORITY if c in driving), "other")
        if key == "pyramid-commission" or (
            key in ("entry-fee", "income-promise") and {"entry-fee", "recruitment"} <= set(categories)
        ):
            key = "pyramid" if level in ("high", "critical") else key
        reason = HEADLINE_REASONS[lang].get(key, HEADLINE_REASONS[lang]["other"])
    label = LEVEL_LABELS[lang][level]
    return Verdict(
        level=level,
        score=file.risk.score,
        label=label,
        reason=reason,
        headline=(f"{label}: {reason}" if lang == "en" else f"{label}：{reason}") if reason else label,
        advice=LEVEL_ADVICE[lang][level],
        categories=categories,
    )
