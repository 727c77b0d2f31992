"""The provisions that rules cite, copied verbatim from shared/law/provisions.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from copycheck import package_file
from copycheck.view.numbers import chinese_to_number

# A short English name for each law a provision belongs to (keyed by its Chinese short name):
# enough for an English reader to know which law is meant; the Chinese text stays authoritative.
LAW_NAMES_EN = {
    "广告法": "Advertising Law",
    "电子商务法": "E-Commerce Law",
    "禁止传销条例": "Regulations on Prohibition of Pyramid Selling",
    "直销管理条例": "Regulations on Administration of Direct Selling",
    "消费者权益保护法": "Consumer Rights Protection Law",
    "反不正当竞争法": "Anti-Unfair Competition Law",
    "反不正当竞争法（2019年修正版）": "Anti-Unfair Competition Law (2019 amendment)",
    "网络交易监督管理办法": "Measures on Online Transactions",
    "化妆品监督管理条例": "Regulations on Cosmetics Supervision",
    "食品安全法": "Food Safety Law",
    "刑法": "Criminal Law",
    "互联网广告管理办法": "Measures on Internet Advertising",
    "个人信息保护法": "Personal Information Protection Law",
}

# How a citation names the law (see Provision.cite).
CitationForm = Literal["short", "full", "titled", "heading"]

_ARTICLE = re.compile(r"第(.+?)条(?:之(.+))?")


def _arabic(numeral: str) -> str:
    value = chinese_to_number(numeral)
    return str(int(value)) if value is not None and value == int(value) else numeral


@dataclass(frozen=True)
class Provision:
    id: str
    law: str
    short: str
    version: str
    article: str
    text: str
    note: str = ""

    def item_text(self, item: str) -> str:
        """The numbered item ``（二）``/``(二)`` of the article, or the whole text."""
        if item:
            for line in self.text.splitlines():
                if line.startswith((f"({item})", f"（{item}）")):
                    return line
        return self.text.strip()

    def law_name(self, lang: str = "zh", form: CitationForm = "short") -> str:
        """The law's name in a citation of ``form`` (see :meth:`cite`): 广告法 or "Advertising Law";
        in full (and in a heading) 中华人民共和国广告法; titled 《广告法》 or "Advertising Law (广告法)"."""
        if lang != "en":
            return {"short": self.short, "full": self.law, "heading": self.law, "titled": f"《{self.short}》"}[form]
        english = LAW_NAMES_EN.get(self.short)
        if english is None:
            return self.short
        return f"{english} ({self.short})" if form == "titled" else english

    def article_name(self, items: tuple[str, ...] | list[str] = (), lang: str = "zh") -> str:
        """第七条（二）, or in English "Art. 7(2)"; 第二百二十四条之一 is "Art. 224-1"."""
        if lang != "en":
            return self.article + "".join(f"（{item}）" for item in items)
        match = _ARTICLE.fullmatch(self.article)
        if match is None:
            return self.article
        article = "Art. " + _arabic(match.group(1)) + (f"-{_arabic(match.group(2))}" if match.group(2) else "")
        return article + "".join(f"({_arabic(item)})" for item in items)

    def cite(self, item: str | Sequence[str] = "", lang: str = "zh", form: CitationForm = "short") -> str:
        """The one way every surface cites a provision: of the item ``item`` (or of the items in
        a sequence), or of the whole article. Its ``form``:

        - ``short``, in findings and the run reports: 禁止传销条例第七条（二）, in English
          "Regulations on Prohibition of Pyramid Selling, Art. 7(2)";
        - ``full``, above the provision's text (``explain``): the law's full title,
          中华人民共和国广告法第九条（三）, and in English the short citation followed by that
          authoritative one, "Advertising Law, Art. 9(3) (中华人民共和国广告法第九条（三）)";
        - ``heading``, over the provision's text in SARIF's rule help: as ``full``, but the article
          set apart and its items in one bracket, 禁止传销条例 第七条（一、三）;
        - ``titled``, for consumers, who may look the law up: 《禁止传销条例》第七条（二）,
          "Regulations on Prohibition of Pyramid Selling (禁止传销条例), Art. 7(2)".
        """
        items = (item,) if isinstance(item, str) else tuple(item)
        items = tuple(i for i in items if i)
        if lang != "en":
            if form == "heading":
                return f"{self.law} {self.article}" + ("（" + "、".join(items) + "）" if items else "")
            return self.law_name(lang, form) + self.article_name(items)
        english = f"{self.law_name(lang, form)}, {self.article_name(items, lang)}"
        return f"{english} ({self.cite(items, 'zh', form)})" if form in ("full", "heading") else english


@lru_cache(maxsize=1)
def provisions() -> dict[str, Provision]:
    from copycheck.cache import cached, fingerprint

    raw = package_file("data/provisions.yaml").read_bytes()
    # Pickled like the rules, so that a run whose rules come from the cache never imports YAML.
    return cached("provisions", fingerprint([raw]), lambda: _parse(raw.decode("utf-8")))


def _parse(raw: str) -> dict[str, Provision]:
    import yaml

    entries = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        e["id"]: Provision(
            id=e["id"],
            law=e["law"],
            short=e["short"],
            version=e["version"],
            article=e["article"],
            text=e["text"],
            note=e.get("note") or "",
        )
        for e in entries
    }
