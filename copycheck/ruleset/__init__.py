"""Rules as data: the immutable model (``model``), the one selector grammar (``selectors``),
loading and validating YAML packs (``loader``), the concept lexicons (``lexicon``), the
provisions rules cite (``law``) and the source articles their reasons draw on (``articles``),
and each rule's own examples (``examples``). The on-disk cache of what they build is
``copycheck/cache.py``, shared with the view.

Not named ``rules``: the wheel installs the YAML packs at ``copycheck/rules``.
"""
