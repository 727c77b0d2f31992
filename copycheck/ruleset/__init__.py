"""Rules as data: the immutable model (``model``), loading and validating YAML packs
(``loader``), the concept lexicons (``lexicon``), the provisions they cite (``law``), each rule's
own examples (``examples``) and the on-disk cache of the validated packs (``cache``).

Not named ``rules``: the wheel installs the YAML packs at ``copycheck/rules``.
"""
