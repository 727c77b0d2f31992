"""The words of the two HTML pages, in Chinese and English: the consumer's page
(:mod:`copycheck.formatters.html`, also the web page) and the run report for the copy's author
(:mod:`copycheck.formatters.html_report`). Plain text, except ``ADVICE``, which is HTML (its key
words are in ``<strong>``).
"""

from __future__ import annotations

from copycheck.formatters import LEVEL_NAMES

# ---------------------------------------------------------------------------------------------------------
# The consumer's page

PAGE_LABELS: dict[str, dict[str, str]] = {
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


# ---------------------------------------------------------------------------------------------------------
# The run report

REPORT_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "copycheck 检查报告",
        "brand": "copycheck · 微商文案合规检查报告",
        "index": "检查结果一览",
        "file": "文件",
        "level": "风险等级",
        "score": "风险分",
        "problems": "问题",
        "no_files": "没有检查任何文件。",
        "summary": "共检查 {files} 个文件：{problems} 个问题，{errors} 个错误。",
        "failing": "{n} 个文件达到{level}风险及以上。",
        "passing": "没有文件达到{level}风险及以上。",
        "risk": "风险等级: {level} ({score}/100)",
        "count": "{n} 个问题",
        "drivers": "主要因素",
        "parts": "组成",
        "no_problems": "没有发现问题。",
        "at": "第 {line} 行第 {column} 列",
        "law": "依据",
        "fix": "建议",
        "hints": "提示 {n} 条（不计入问题）",
        "laws": "引用的法律条文",
        "errors": "没有检查的文件",
        "back": "回到一览",
        "empty": "（空白）",
        "sep": "、",
        "semi": "；",
        "colon": "：",
        "paren": "（{}）",
    },
    "en": {
        "title": "copycheck report",
        "brand": "copycheck · compliance report on social-selling copy",
        "index": "Files checked",
        "file": "File",
        "level": "Risk level",
        "score": "Score",
        "problems": "Problems",
        "no_files": "No file was checked.",
        "summary": "Checked {files} file(s): {problems} problem(s), {errors} error(s).",
        "failing": "{n} file(s) at or above {level}.",
        "passing": "No file at or above {level}.",
        "risk": "Risk level: {level} ({score}/100)",
        "count": "{n} problem(s)",
        "drivers": "driven by",
        "parts": "parts",
        "no_problems": "No problems found.",
        "at": "line {line}, column {column}",
        "law": "law",
        "fix": "fix",
        "hints": "{n} hint(s) (not counted as problems)",
        "laws": "Provisions cited",
        "errors": "Files that were not checked",
        "back": "Back to the index",
        "empty": "(empty)",
        "sep": "; ",
        "semi": "; ",
        "colon": ": ",
        "paren": "({})",
    },
}
HINT_NAMES = {"zh": "提示", "en": "hint"}
