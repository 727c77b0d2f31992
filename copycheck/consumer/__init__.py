"""For a consumer who received a pitch: one verdict (``verdict``), rendered in plain words by
``vet`` and served as a local web page by ``web``."""
