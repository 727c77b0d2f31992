"""Command line: ``copycheck PATH...`` checks; ``rules``, ``explain`` and ``test-rules`` help.

No traceback reaches the user: rule-file, config, usage and input errors
(``copycheck.errors``) are one line and exit code 2; anything unexpected is one
line too.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from copycheck import __version__
from copycheck.errors import ConfigError, CopycheckError, UserError
from copycheck.formatters import Style, format_names, output_format
from copycheck.inputs.config import Settings
from copycheck.inputs.reading import JSONL_SUFFIXES, MAX_FILE_BYTES, TEXT_SUFFIXES, PathGlob
from copycheck.ruleset.model import LEVELS, SEVERITIES, level_rank

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from copycheck.checker import Checker
    from copycheck.findings import Report

LANGS = ("zh", "en")
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


def _edits(a: str, b: str) -> int:
    """Levenshtein distance with adjacent swaps: rule ids differ by a typed character."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


def nearest(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'X'?`` for the closest of ``choices`` (fewest edits), or ""."""
    folded = word.casefold()
    scored = sorted((_edits(folded, choice.casefold()), choice) for choice in set(choices))
    limit = max(1, len(word) // 3)
    close = [choice for distance, choice in scored if distance <= limit and distance == scored[0][0]][:3]
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def complete_rule_ids(incomplete: str, categories: bool = False) -> list[CompletionItem]:
    """Shell completion (``_COPYCHECK_COMPLETE``): the built-in rule ids starting with what was typed."""
    from click.shell_completion import CompletionItem

    from copycheck.inputs.suppressions import META_RULES
    from copycheck.ruleset.loader import load_rules

    try:
        rules = [*load_rules(), *META_RULES]
    except Exception:  # completion must never print a traceback into the user's shell
        return []
    typed = incomplete.upper()
    items = [CompletionItem(r.id, help=r.title.zh) for r in rules if r.id.startswith(typed)]
    if categories:
        named = sorted({r.category for r in rules if r.category.startswith(incomplete.lower())})
        items += [CompletionItem(category) for category in named]
    return items


class DefaultGroup(click.Group):
    """``copycheck post.txt`` means ``copycheck check post.txt``; ``copycheck`` alone prints help,
    and a misspelt command (``copycheck expalin``) is named, not read as a file."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:  # shell completion: complete what is typed, print nothing
            if args and args[0] not in self.commands and not args[0].startswith("-"):
                args = ["check", *args]
            return super().parse_args(ctx, args)
        if not args:
            # Help, but exit 2 as ruff does: a script that runs a bare `copycheck` checked nothing.
            click.echo(ctx.get_help())
            ctx.exit(2)
        first = args[0]
        if first not in self.commands and first not in ("--help", "-h", "--version", "-V"):
            if not first.startswith("-") and first != "-" and not Path(first).exists():
                suggestion = nearest(first, self.commands)
                if suggestion:
                    raise UserError(f"unknown command {first!r}{suggestion}")
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="copycheck")
def cli() -> None:
    """Check 微商 marketing copy for compliance red flags, with the law each one touches.

    \b
    copycheck post.txt drafts/          check files and folders (- reads stdin)
    copycheck rules                     list the rules
    copycheck explain INC001            explain one rule and quote its provisions
    copycheck explain --view TEXT       show TEXT as the matchers see it (for rule authors)
    copycheck test-rules [DIR]          run every rule's own examples
    copycheck eval                      measure the rules on labelled posts and corpora
    copycheck vet [FILE]                plain-language verdict on a pitch (stdin by default)
    copycheck serve                     local web page: paste a pitch, get the report
    """


def selector_option(name: str, description: str) -> Any:
    """A repeatable option of rule selectors, completed with rule ids and categories."""
    return click.option(
        name,
        multiple=True,
        shell_complete=lambda ctx, param, incomplete: complete_rule_ids(incomplete, categories=True),
        help=description,
    )


def _load_checker(rules_dirs: tuple[Path, ...], settings: Settings | None = None, warn: bool = True) -> Checker:
    """The checker of the shipped packs and ``rules_dirs`` (and the config's extend-rules); with
    ``warn``, what is wrong with a pack short of an error is printed on stderr. The shipped packs
    have no warnings (the tests see to it), so only an author's own packs print any."""
    from copycheck.checker import Checker

    checker = Checker(extra_rule_dirs=rules_dirs, settings=settings)
    if warn:
        for warning in checker.warnings:
            click.echo(f"copycheck: warning: {warning}", err=True)
    return checker


# The report formats, as the formatter modules declare them (the config file accepts the same names).
FORMATS = format_names()


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select INC,REC --select ABS001`` -> (INC, REC, ABS001)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _search_start(paths: tuple[str, ...], stdin_filename: str | None) -> Path:
    """Where the config search starts: the first checked path, else the file standard input
    stands for, else the working directory; a path that does not exist yet, from its nearest
    existing folder."""
    named = next((p for p in paths if p != "-"), stdin_filename)
    if named is None:
        return Path.cwd()
    start = Path(named)
    for candidate in (start, *start.parents):
        if candidate.exists():
            return candidate
    return Path.cwd()


def _settings(
    paths: tuple[str, ...], config: Path | None, overrides: dict[str, object], stdin_filename: str | None = None
) -> Settings:
    from copycheck.inputs.config import find_config, load_config
    from copycheck.ruleset.selectors import Selector, SelectorError

    if config is not None:
        if not config.is_file():
            raise ConfigError("no such configuration file", path=config)
        settings = load_config(config)
    else:
        found = find_config(_search_start(paths, stdin_filename))
        settings = load_config(found) if found else Settings()
    for key in ("select", "ignore", "extend_select"):
        given = overrides.get(key, ())
        assert isinstance(given, tuple)
        try:
            overrides[key] = tuple(Selector.parse(s) for s in given)
        except SelectorError as error:
            raise ConfigError(error.message, field=f"--{key.replace('_', '-')}") from None
    values = {k: v for k, v in overrides.items() if v not in (None, ())}
    if "ignore" in values:
        values["ignore"] = (*settings.ignore, *values["ignore"])  # type: ignore[misc]
    if "extend_select" in values:
        values["extend_select"] = (*settings.extend_select, *values["extend_select"])  # type: ignore[misc]
    if "allow" in values:
        values["allow"] = (*settings.allow, *values["allow"])  # type: ignore[misc]
    if "extend_exclude" in values:
        values["extend_exclude"] = (*settings.extend_exclude, *values["extend_exclude"])  # type: ignore[misc]
    return replace(settings, **values)  # type: ignore[arg-type]


def _globs(values: tuple[str, ...]) -> tuple[PathGlob, ...]:
    """``--exclude a,b --exclude c``: globs relative to the working directory, as the user typed
    them from there."""
    return tuple(PathGlob(glob) for glob in _selectors(values))


def _check_writable(where: str, target: Path | None) -> None:
    """An output the run could not write is a one-line error before any checking, not a failure
    after minutes of it."""
    if target is None:
        return
    folder = Path(os.path.abspath(target)).parent
    if target.is_dir():
        raise UserError("is a folder", field=f"{where} {target}")
    if not folder.is_dir():
        raise UserError(f"cannot write: no folder {folder}", field=f"{where} {target}")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UserError("cannot write: permission denied", field=f"{where} {target}")


def _check_selectors_name_rules(settings: Settings, checker: Checker) -> None:
    """A selector that names no rule is a typo the user wants to hear about."""
    from copycheck.inputs.suppressions import META_RULES

    rules = (*checker.rules, *META_RULES)
    named = [
        (key.replace("_", "-"), s) for key in ("select", "ignore", "extend_select") for s in getattr(settings, key)
    ]
    named += [(f"per-file-ignores.{pattern}", s) for pattern, selectors in settings.per_file_ignores for s in selectors]
    for where, selector in named:
        if not any(selector.names(r.id, r.category) for r in rules):
            names = [r.id for r in rules] + sorted({r.category for r in rules})
            hint = nearest(selector, names) or " (see `copycheck rules`)"
            raise UserError(f"{selector!r} names no rule{hint}", field=where)


def _emit(output: str, output_file: Path | None, color: bool = False) -> None:
    # A lone surrogate (a JSONL record's "\ud800") cannot be written as UTF-8: shown as U+FFFD.
    output = output.encode("utf-8", "replace").decode("utf-8")
    if output_file is None:
        try:
            click.echo(output, nl=False, color=color)  # click strips colour codes unless told
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise UserError(f"cannot write the report to standard output: {error.strerror or error}") from None
        return
    try:
        output_file.write_text(output, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write: {error.strerror or error}", path=output_file) from None


INPUT_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


def _refuse_overwriting_inputs(paths: Sequence[str], targets: Sequence[tuple[str, Path | None]]) -> None:
    """An output or baseline file that is one of the inputs (or inside an input folder) would
    overwrite what is being checked: a one-line error before anything is read or written."""
    inputs = []
    for raw in paths:
        if raw == "-":
            continue
        try:
            inputs.append(Path(raw).resolve())
        except OSError:
            continue
    for option, target in targets:
        if target is None:
            continue
        resolved = target.resolve()
        for source in inputs:
            inside = source.is_dir() and source in resolved.parents and resolved.suffix.lower() in INPUT_SUFFIXES
            if resolved == source or (inside and resolved.exists()):
                raise UserError("is one of the inputs; refusing to overwrite it", field=f"{option} {target}")


def _render(report: Report, format_name: str, lang: str, statistics: bool, style: Style | None = None) -> str:
    """The report in the format ``format_name``, or the counts per rule of ``--statistics``."""
    if statistics:
        from copycheck.formatters.statistics import format_statistics

        return format_statistics(report, lang)
    declared = output_format(format_name)
    if style is not None and declared.styled:
        return declared.render(report, lang, style)
    return declared.render(report, lang)


def _use_colour(choice: str, output_file: Path | None) -> bool:
    """``--color auto`` colours a terminal only, and never when NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if output_file is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default=None, help="Report format (default text)."
)
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language (default zh).")
@click.option(
    "--fail-on",
    type=click.Choice(LEVELS[1:]),
    default=None,
    help="Exit 1 when a post reaches this level (default high).",
)
@click.option(
    "--exit-zero/--no-exit-zero",
    default=None,
    help="Exit 0 even when posts reach the fail level (--no-exit-zero undoes exit-zero in the config).",
)
@selector_option("--select", "Only these rules: ids, id prefixes, categories or ALL (comma-separated).")
@selector_option("--ignore", "Never these rules (comma-separated).")
@selector_option("--extend-select", "Add these rules to the selection (comma-separated).")
@click.option(
    "--min-severity", type=click.Choice(SEVERITIES), default=None, help="Show only findings at or above this severity."
)
@click.option("--statistics", is_flag=True, help="Print how often each rule fired instead of the findings.")
@click.option("--allow", multiple=True, help="A brand name or phrase never to report (repeatable).")
@click.option(
    "--config", type=click.Path(path_type=Path), default=None, help="Use this copycheck.toml or pyproject.toml."
)
@click.option(
    "--input-format",
    type=click.Choice(("text", "jsonl")),
    default="text",
    show_default=True,
    help='jsonl: records {"id": ..., "text": ...}, reported per id.',
)
@click.option(
    "--baseline", type=click.Path(path_type=Path, dir_okay=False), help="Report only findings not in this baseline."
)
@click.option(
    "--write-baseline", type=click.Path(path_type=Path, dir_okay=False), help="Record the current findings here."
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: CPU count).")
@click.option(
    "--show-hints/--no-show-hints",
    default=None,
    help="Also list hints (info findings) in text and concise (--no-show-hints undoes show-hints in the config).",
)
@click.option(
    "--color",
    "colour",
    type=click.Choice(("auto", "always", "never")),
    default=None,
    help="Colour text and concise output (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only findings and errors.")
@click.option("-s", "--silent", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help=f"Refuse inputs larger than this many MB (10^6 bytes; default {MAX_FILE_BYTES / 1e6:g}).",
)
@click.option(
    "--exclude",
    multiple=True,
    help="Globs of files and folders not to check in folders; replaces the default list (comma-separated).",
)
@click.option("--extend-exclude", multiple=True, help="Globs to exclude as well as the default list (comma-separated).")
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what .gitignore files ignore when checking folders (default: on).",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply exclude globs to paths named on the command line too.",
)
@click.option(
    "--stdin-filename",
    default=None,
    help="The file standard input stands for: its markup, per-file ignores and suppressions apply.",
)
@rules_dir_option
def check(
    paths: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    lang: str | None,
    fail_on: str | None,
    exit_zero: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    min_severity: str | None,
    statistics: bool,
    allow: tuple[str, ...],
    config: Path | None,
    input_format: str,
    baseline: Path | None,
    write_baseline: Path | None,
    jobs: int | None,
    show_hints: bool | None,
    colour: str | None,
    quiet: bool,
    silent: bool,
    max_file_size: float | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    force_exclude: bool | None,
    stdin_filename: str | None,
    rules_dirs: tuple[Path, ...],
) -> int:
    """Check PATHS (files, folders, or - for stdin)."""
    from copycheck.inputs import baseline as baselines

    if not paths:
        if stdin_filename is None:
            raise click.UsageError("Missing argument 'PATHS...'.", click.get_current_context())
        paths = ("-",)  # as ruff does: a name for standard input means standard input is read
    elif stdin_filename is not None and "-" not in paths:
        raise UserError("--stdin-filename names standard input, but - is not among the paths")
    settings = _settings(
        paths,
        config,
        {
            "select": _selectors(select),
            "ignore": _selectors(ignore),
            "extend_select": _selectors(extend_select),
            "fail_on": fail_on,
            "min_severity": min_severity,
            "lang": lang,
            "allow": allow,
            "output_format": output_format,
            "output_file": output_file,
            "exit_zero": exit_zero,
            "jobs": jobs,
            "show_hints": show_hints,
            "color": colour,
            "max_file_size": max_file_size,
            "exclude": _globs(exclude),
            "extend_exclude": _globs(extend_exclude),
            "respect_gitignore": respect_gitignore,
            "force_exclude": force_exclude,
        },
        stdin_filename,
    )
    # A bad output file is named as the user set it: on the command line or in the config.
    output_where = "--output-file" if output_file is not None else f"{settings.source}: output-file"
    output_file = settings.output_file
    _refuse_overwriting_inputs(paths, [(output_where, output_file), ("--write-baseline", write_baseline)])
    _check_writable(output_where, output_file)
    _check_writable("--write-baseline", write_baseline)
    checker = _load_checker(rules_dirs, settings, not (quiet or silent))
    _check_selectors_name_rules(settings, checker)
    known = None
    if baseline is not None:
        known = baselines.load(baseline)
    jobs = settings.jobs or os.cpu_count() or 1
    report = checker.check_paths(
        paths, jobs, input_format, int(settings.max_file_size * 1e6), settings.discovery(stdin_filename)
    )
    if write_baseline is not None:
        try:
            write_baseline.write_text(baselines.dump(baselines.build(report.files)) + "\n", encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write: {error.strerror or error}", path=write_baseline) from None
    if known is not None:
        report = replace(report, files=tuple(baselines.subtract(f, known) for f in report.files))
    style = Style(
        show_hints=settings.show_hints,
        color=_use_colour(settings.color, output_file),
        quiet=quiet,
        fail_on=settings.fail_on,
    )
    if not silent:
        _emit(_render(report, settings.output_format, settings.lang, statistics, style), output_file, style.color)
        for error in report.errors:
            click.echo(f"copycheck: {error.path}: {error.message}", err=True)
    if report.errors:
        return EXIT_ERROR
    threshold = level_rank(settings.fail_on)
    if not settings.exit_zero and any(level_rank(file.risk.level) >= threshold for file in report.files):
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command()
@click.argument("source", required=False, default="-")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="Report language.")
@click.option("--verbose", is_flag=True, help="Also show rule ids and the score.")
@click.option("--format", "output_format", type=click.Choice(("text", "html")), default="text", show_default=True)
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here.")
def vet(source: str, lang: str, verbose: bool, output_format: str, output_file: Path | None) -> int:
    """Plain-language verdict on a pitch you received (paste it, or give a FILE; - reads stdin)."""
    if source != "-":
        _refuse_overwriting_inputs([source], [("--output-file", output_file)])
    if source == "-" and sys.stdin is not None and sys.stdin.isatty():
        hint = "Paste the text, then press Ctrl+D:" if lang == "en" else "请粘贴要检查的文字，然后按 Ctrl+D："
        click.echo(hint, err=True)
    checker = _load_checker(())
    report = checker.check_paths([source])
    if report.files and all(not file.text.strip() for file in report.files):
        # As the web page does: an empty paste is said to be empty, not judged harmless.
        empty = "Nothing to check: the text is empty." if lang == "en" else "没有要检查的文字：输入是空的。"
        click.echo(f"copycheck: {report.files[0].path}: {empty}", err=True)
        return EXIT_ERROR
    if output_format == "html":
        from copycheck.formatters.html import format_html

        output = format_html(report, lang)
    else:
        from copycheck.consumer.vet import format_vet

        output = format_vet(report, lang, verbose)
    _emit(output, output_file)
    for error in report.errors:
        click.echo(f"copycheck: {error.path}: {error.message}", err=True)
    return EXIT_ERROR if report.errors else EXIT_OK


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (local only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def serve(host: str, port: int, lang: str) -> int:
    """A local web page: paste a pitch, get the report. Submitted text is never logged or stored."""
    from copycheck.consumer.web import serve as run_server

    try:
        run_server(host=host, port=port, lang=lang)
    except OSError as error:
        raise UserError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
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
@click.argument(
    "rule_id", required=False, shell_complete=lambda ctx, param, incomplete: complete_rule_ids(incomplete)
)
@click.option(
    "--view",
    "view_of",
    metavar="TEXT",
    help="Instead of a rule, show TEXT as the matchers see it (- reads stdin; a file's name reads the file).",
)
@lang_option
@rules_dir_option
def explain(rule_id: str | None, view_of: str | None, lang: str, rules_dirs: tuple[Path, ...]) -> int:
    """Explain a rule: what it detects, why, examples, a compliant alternative, the law.

    \b
    copycheck explain INC001            the rule INC001
    copycheck explain --view TEXT       TEXT as the matchers see it: each line as written and
                                        as matched, clause and sentence breaks marked, folds named
    """
    from copycheck.formatters.explain import format_explain, format_view
    from copycheck.ruleset.law import provisions

    if (rule_id is None) == (view_of is None):
        raise click.UsageError("give a RULE_ID or --view TEXT (one of them)", click.get_current_context())
    if view_of is not None:
        click.echo(format_view(_text_to_view(view_of), lang), nl=False)
        return EXIT_OK
    assert rule_id is not None
    from copycheck.inputs.suppressions import META_RULES

    rules = {rule.id: rule for rule in (*_load_checker(rules_dirs).rules, *META_RULES)}
    rule = rules.get(rule_id.upper())
    if rule is None:
        hint = nearest(rule_id.upper(), rules) or " (see `copycheck rules`)"
        raise UserError(f"unknown rule id {rule_id!r}{hint}")
    click.echo(format_explain(rule, provisions(), lang), nl=False)
    return EXIT_OK


def _text_to_view(value: str) -> str:
    """``--view``'s TEXT: standard input for -, the file it names if there is one, else itself."""
    from copycheck.inputs.reading import DecodeError, decode

    if value == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise UserError("--view -: standard input is closed")
        name, read = "standard input", stream.read
    elif os.path.isfile(value):
        name, read = value, Path(value).read_bytes
    else:
        return value
    try:
        return decode(read())
    except OSError as error:
        raise UserError(f"--view {name}: cannot read: {error.strerror or error}") from None
    except DecodeError as error:
        raise UserError(f"--view {name}: {error}") from None


@cli.command("test-rules")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@lang_option
def test_rules(directory: Path | None, lang: str) -> int:
    """Run the fire/ok examples of every rule in DIRECTORY (default: the shipped rules).

    Exits 1 when an example fails or a pack has a warning (a literal that can never match).
    """
    from copycheck.ruleset.examples import run_examples
    from copycheck.ruleset.loader import load_dir, shipped_rules_dir

    tested = load_dir(directory) if directory else load_dir(shipped_rules_dir())
    checker = _load_checker((directory,) if directory else ())
    failures = run_examples(checker, [rule.id for rule in tested])
    for failure in failures:
        click.echo(failure.describe(lang))
    total = sum(len(rule.examples.fire) + len(rule.examples.ok) for rule in tested)
    warned = f", {len(checker.warnings)} warnings" if checker.warnings else ""
    click.echo(f"{total - len(failures)} passed, {len(failures)} failed{warned}")
    return EXIT_FINDINGS if failures or checker.warnings else EXIT_OK


@cli.command("eval")
@click.option(
    "--labelled",
    "labelled",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSONL of labelled posts (repeatable). Default: examples/labelled/posts.jsonl and, when ../shared"
    " is there, its labelled/dev-real.jsonl and dev-pitch.jsonl.",
)
@click.option(
    "--corpora",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of benign and spam corpora (default: ../shared/corpora when it is there).",
)
@click.option("--skip-corpora", is_flag=True, help="Only evaluate the labelled posts.")
@click.option(
    "--misses", type=click.IntRange(min=0), default=10, show_default=True, help="List this many worst misses."
)
@rules_dir_option
def evaluate(
    labelled: tuple[Path, ...], corpora: Path | None, skip_corpora: bool, misses: int, rules_dirs: tuple[Path, ...]
) -> int:
    """Precision/recall per category on labelled real text; false-positive rates on benign corpora."""
    from copycheck.evaluation import default_labelled, run, shared_folder

    files = list(labelled) or default_labelled()
    if not files:
        raise UserError("no labelled files: pass --labelled FILE (examples/labelled/posts.jsonl is in a checkout)")
    for path in files:
        if not path.is_file():
            raise UserError("no such labelled file", path=path)
    if corpora is None and not skip_corpora:
        shared = shared_folder()
        corpora = shared / "corpora" if shared is not None else None
    checker = _load_checker(rules_dirs)
    output = run(checker, files, None if skip_corpora else corpora, misses)
    click.echo(output, nl=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="copycheck", standalone_mode=False)
    except CopycheckError as error:
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


def console_main() -> None:
    """The ``copycheck`` command: ``main()`` in a process of its own."""
    # A run allocates hundreds of thousands of small objects (the rules, then per text its matches
    # and spans) and makes almost no reference cycles, so the cyclic collector's default pass every
    # 700 allocations, traversing the long-lived rules again and again, is nearly all waste: 7-9%
    # of a large file, 3% of one post. Only the command's own process is tuned; a program that
    # calls main() or a Checker keeps its own settings.
    gc.set_threshold(50_000, 20, 10)
    sys.exit(main())


if __name__ == "__main__":
    console_main()
