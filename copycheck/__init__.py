"""copycheck: a compliance checker for Chinese social-commerce (微商) marketing copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "__version__"]

if TYPE_CHECKING:
    from copycheck.checker import Checker


def package_file(name: str) -> Path:
    """A file shipped inside the package (``data/t2s.txt``). The package is installed as a folder,
    so a path beside this module is enough; ``importlib.resources`` would cost every run 10 ms of
    imports (tempfile, shutil, zipfile) to say the same."""
    return Path(__file__).resolve().parent / name


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import copycheck` stays cheap for the CLI.
    if name == "Checker":
        from copycheck.checker import Checker

        return Checker
    raise AttributeError(name)
