"""Command line: ``copycheck PATH...`` checks; ``rules``, ``explain`` and ``test-rules`` help.

No traceback reaches the user: rule-file, usage and input errors are one line
and exit code 2; anything unexpected is one line too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from copycheck import __version__
from copycheck.model import LEVELS, level_rank

if TYPE_CHECKING:
    from copycheck.checker import Checker

LANGS = ("zh", "en")
FORMATS = ("text", "json")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

lang_option = click.option(
    "--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="Message language."
)
rules_dir_option = click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra folder of YAML rule packs (repeatable); a rule with a shipped id overrides it.",
)


class UserError(Exception):
    """A problem the user can fix: printed as one line, exit code 2."""


class DefaultGroup(click.Group):
    """``copycheck post.txt`` means ``copycheck check post.txt``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copycheck")
def cli() -> None:
    """Check 微商 marketing copy for compliance red flags, with the law each one touches.

    \b
    copycheck post.txt drafts/          check files and folders (- reads stdin)
    copycheck rules                     list the rules
    copycheck explain INC001            explain one rule and quote its provisions
    copycheck test-rules [DIR]          run every rule's own examples
    copycheck eval                      measure the rules on labelled posts and corpora
    """


def _load_checker(rules_dirs: tuple[Path, ...]) -> Checker:
    from copycheck.checker import Checker
    from copycheck.loader import RuleFileError

    try:
        return Checker(extra_rule_dirs=rules_dirs)
    except RuleFileError as error:
        raise UserError(str(error)) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@lang_option
@click.option(
    "--fail-on",
    type=click.Choice(LEVELS[1:]),
    default="high",
    show_default=True,
    help="Exit 1 when a post's risk level reaches this level.",
)
@rules_dir_option
def check(paths: tuple[str, ...], output_format: str, lang: str, fail_on: str, rules_dirs: tuple[Path, ...]) -> int:
    """Check PATHS (files, folders, or - for stdin)."""
    checker = _load_checker(rules_dirs)
    report = checker.check_paths(paths)
    if output_format == "json":
        from copycheck.formatters.json_report import format_json

        output = format_json(report, lang)
    else:
        from copycheck.formatters.text import format_text

        output = format_text(report, lang)
    click.echo(output, nl=False)
    for error in report.errors:
        click.echo(f"copycheck: {error.path}: {error.message}", err=True)
    if report.errors:
        return EXIT_ERROR
    threshold = level_rank(fail_on)
    if any(level_rank(file.risk.level) >= threshold for file in report.files):
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command("rules")
@lang_option
@rules_dir_option
def list_rules(lang: str, rules_dirs: tuple[Path, ...]) -> int:
    """List every rule: id, category, severity and title."""
    from copycheck.formatters.explain import format_rule_list

    click.echo(format_rule_list(_load_checker(rules_dirs).rules, lang), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("rule_id")
@lang_option
@rules_dir_option
def explain(rule_id: str, lang: str, rules_dirs: tuple[Path, ...]) -> int:
    """Explain a rule: what it detects, why, examples, a compliant alternative, the law."""
    from copycheck.formatters.explain import format_explain
    from copycheck.law import provisions

    rules = {rule.id: rule for rule in _load_checker(rules_dirs).rules}
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UserError(f"unknown rule id {rule_id!r} (see `copycheck rules`)")
    click.echo(format_explain(rule, provisions(), lang), nl=False)
    return EXIT_OK


@cli.command("test-rules")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@lang_option
def test_rules(directory: Path | None, lang: str) -> int:
    """Run the fire/ok examples of every rule in DIRECTORY (default: the shipped rules)."""
    from copycheck.loader import RuleFileError, load_dir, shipped_rules_dir
    from copycheck.rule_tests import run_examples

    try:
        tested = load_dir(directory) if directory else load_dir(shipped_rules_dir())
    except RuleFileError as error:
        raise UserError(str(error)) from None
    checker = _load_checker((directory,) if directory else ())
    failures = run_examples(checker, [rule.id for rule in tested])
    for failure in failures:
        click.echo(failure.describe(lang))
    total = sum(len(rule.examples.fire) + len(rule.examples.ok) for rule in tested)
    click.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    return EXIT_FINDINGS if failures else EXIT_OK


@cli.command("eval")
@click.option(
    "--labelled",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("examples/labelled/posts.jsonl"),
    show_default=True,
    help="JSONL of posts with expected categories and level range.",
)
@click.option(
    "--corpora",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("../shared/corpora"),
    show_default=True,
    help="Folder of benign and spam corpora (skipped when absent).",
)
@click.option("--skip-corpora", is_flag=True, help="Only evaluate the labelled posts.")
@click.option("--misses", is_flag=True, help="List every labelled post the rules get wrong.")
@rules_dir_option
def evaluate(labelled: Path, corpora: Path, skip_corpora: bool, misses: bool, rules_dirs: tuple[Path, ...]) -> int:
    """Precision/recall per category on labelled posts; false-positive rates on real corpora."""
    from copycheck.evaluation import run

    if not labelled.is_file():
        raise UserError(f"{labelled}: no such labelled file")
    checker = _load_checker(rules_dirs)
    click.echo(run(checker, labelled, None if skip_corpora else corpora, misses), nl=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="copycheck", standalone_mode=False)
    except UserError as error:
        click.echo(f"copycheck: error: {error}", err=True)
        return EXIT_ERROR
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("copycheck: aborted", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the promise is: no traceback reaches a user
        click.echo(f"copycheck: internal error: {type(error).__name__}: {error}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
