"""copycheck: a compliance checker for Chinese social-commerce (微商) marketing copy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "__version__"]

if TYPE_CHECKING:
    from copycheck.checker import Checker


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import copycheck` stays cheap for the CLI.
    if name == "Checker":
        from copycheck.checker import Checker

        return Checker
    raise AttributeError(name)
