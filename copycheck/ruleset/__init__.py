"""Rules as data: the immutable model (``model``), the one selector grammar (``selectors``),
loading and validating YAML packs (``loader``), the concept lexicons (``lexicon``), the
provisions rules cite (``law``) and the source articles their reasons draw on (``articles``),
each rule's own examples (``examples``) and the on-disk cache of the validated packs (``cache``).

Not named ``rules``: the wheel installs the YAML packs at ``copycheck/rules``.
"""
