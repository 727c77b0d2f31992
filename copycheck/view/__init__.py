"""The text the matchers see, and the exact way back to the original.

``normalise`` builds the compact view (folded width, case and script, separators removed) with
an offset map; ``charfold``, ``contacts`` and ``disguises`` hold the folding tables, ``numbers``
reads amounts in the view and ``segment`` confirms word boundaries. Nothing here knows a rule.
"""
