"""What the user hands copycheck: files and folders (``reading``), the markup inside them
(``markup``), suppression comments and entries (``suppressions``), the configuration
(``config``) and baselines of accepted findings (``baseline``)."""
