"""Contact-handle variants that posters use to dodge filters (薇信, V信, vx, ➕V).

The normaliser folds each variant to 微信 or 加微信 so that rules only have to
name the canonical form. Patterns run on the character-folded text (lower case,
simplified, half width) before separators are removed, so they tolerate
separators inside the variant themselves (薇 信, ➕ V).
"""

from __future__ import annotations

import re

# Separators a poster may slip inside a handle; kept narrow on purpose so that
# ordinary punctuation between two sentences never joins them into a handle.
_SOFT = r"[ \t\u3000*\-_·•~|/\\.:\u2600-\u27bf\ufe0f\u200d\U0001F000-\U0001FAFF]*"

SYMBOL_ADD_SIGNS = "+➕✚╋"
_ADD_SIGNS = "加" + SYMBOL_ADD_SIGNS

_LONG_NAMES_CJK = (
    "薇信",
    "徽信",
    "v信",
    "v芯",
    "微芯",
    "wei信",
    "威x",
    "微x",
    "v❤",
    "v♥",
)
_LONG_NAMES_ASCII = ("weixin", "wechat", "vx", "wx")
# A bare 薇/v/微 means WeChat only right after an add sign (加薇, +v, ➕微).
_SHORT_NAMES = (r"v(?![a-z])", r"薇", r"微(?![博商店笑视软课])")


# Ordinary words too (威信 is prestige, 作为信用): a handle only when an ID or 号 follows.
_AMBIGUOUS_NAMES = ("威信", "维信", "唯信", "为信")
_ID_FOLLOWS = r"(?=[ \t:：]*(?:[a-z0-9]|号|同号|是手机|同手机|是电话|同电话))"


def _spaced(word: str) -> str:
    return _SOFT.join(re.escape(char) for char in word)


_VARIANT = "|".join(
    [_spaced(name) for name in _LONG_NAMES_CJK]
    # w-x, v x: the ASCII names with a separator inside (without one they are below).
    + [rf"(?<![a-z]){name[0]}[ \-_.*·]+{name[1]}(?![a-z])" for name in ("wx", "vx")]
    + [_spaced(name) + _ID_FOLLOWS for name in _AMBIGUOUS_NAMES]
    # The look-behind comes after the name so the whole pattern starts with a literal (faster scans).
    + [rf"{re.escape(name)}(?<![a-z]{re.escape(name)})(?![a-z])" for name in _LONG_NAMES_ASCII]
)
# 参加/增加/更加 end in 加 but add nobody: 参加薇薇的婚礼.
_ADD = f"[{re.escape(_ADD_SIGNS)}](?<![参增更追添施附][{re.escape(_ADD_SIGNS)}])"

CONTACT_PATTERN = (
    rf"(?P<contact_add>{_ADD}){_SOFT}(?:{_spaced('微信')}|{_VARIANT}|{'|'.join(_SHORT_NAMES)})|(?:{_VARIANT})"
)


def canonical_contact(match: re.Match[str]) -> str:
    """Canonical replacement for a match of ``CONTACT_PATTERN``."""
    return "加微信" if match.group("contact_add") else "微信"


def first_chars() -> frozenset[str]:
    """Every character a contact variant can start with (for a fast pre-scan)."""
    names = (*_LONG_NAMES_CJK, *_LONG_NAMES_ASCII, *_AMBIGUOUS_NAMES, "v", "薇", "微")
    return frozenset(name[0] for name in names) | frozenset(_ADD_SIGNS)
