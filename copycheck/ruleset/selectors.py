"""Rule selectors: the one grammar for naming rules.

The same selectors are read by ``--select``/``--ignore``/``--extend-select``, the config's
``select``, ``ignore``, ``extend-select``, ``per-file-ignores`` and ``[[suppress]]`` ``rule``,
and a compound rule's ``rules:``. A selector is one of:

* ``ALL``: every rule;
* a category id, ``evasion``, or the same spelled ``category:evasion``;
* a rule id, ``INC001``;
* a prefix of rule ids, ``INC`` or ``INC0`` (upper case letters and digits, starting with
  two letters unless it is a single letter).

Which rules feed a compound is decided before the compound is formed: a rule the user
deselected, ignored (``--ignore``, ``per-file-ignores``) or suppressed feeds no compound, since
the checker rebuilds the compounds from the findings it shows (``Checker.check``,
``Engine.combine``). A conclusion never rests on a finding the user has set aside.
"""

from __future__ import annotations

from functools import lru_cache

from copycheck.errors import CopycheckError
from copycheck.ruleset.model import CATEGORIES

CATEGORY_PREFIX = "category:"


class SelectorError(CopycheckError, ValueError):
    """Text that is not a selector. Raised without a location: the caller knows where the
    selector was written (a config key, an option, a rule's field) and raises its own error
    there with this message."""


class Selector(str):
    """A validated selector; a ``str`` subclass, so it prints, compares, hashes and serialises
    as the text the user wrote."""

    __slots__ = ()

    @classmethod
    def parse(cls, raw: object) -> Selector:
        if isinstance(raw, Selector):
            return raw
        if not isinstance(raw, str) or not _well_formed(raw):
            raise SelectorError(f"{raw!r} is not a rule id, id prefix, category or ALL")
        return cls(raw)

    def names(self, rule_id: str, category: str) -> bool:
        """Whether this selector names the rule ``rule_id`` of ``category``."""
        if self == "ALL" or self == category:
            return True
        if self.startswith(CATEGORY_PREFIX):
            return self.removeprefix(CATEGORY_PREFIX) == category
        return rule_id.startswith(self)


def _well_formed(text: str) -> bool:
    return (
        text == "ALL"
        or text in CATEGORIES
        or (text.startswith(CATEGORY_PREFIX) and text.removeprefix(CATEGORY_PREFIX) in CATEGORIES)
        or (text[:2].isalpha() and text.isalnum() and text.upper() == text)
    )


@lru_cache(maxsize=4096)
def rule_keys(rule_id: str, category: str) -> frozenset[str]:
    """Every selector that names a rule: ``ALL``, its category in both spellings, and every
    prefix of its id (the id itself included). ``selector in rule_keys(...)`` answers exactly
    what ``Selector.names`` does; compounds intersect these sets with their groups, which is
    much faster than testing each selector against each finding."""
    return frozenset(
        {"ALL", category, f"{CATEGORY_PREFIX}{category}", *(rule_id[:n] for n in range(1, len(rule_id) + 1))}
    )
