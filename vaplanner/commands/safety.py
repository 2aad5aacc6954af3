"""``vaplanner backup`` and ``vaplanner doctor``: your data, checked and copied.

``backup`` copies the data folder into ``<data>/backups/`` now (the store also does this
by itself before the first write of each day). ``doctor`` checks every file and exits 1 when
something is wrong, naming each problem; ``doctor --restore`` puts back the newest good
backup of each broken file (asking first unless ``--yes``), keeps the broken file aside,
rebuilds the id counters and makes files private again.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context

if TYPE_CHECKING:
    from vaplanner.store.doctor import Report, Restored


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``doctor`` to the command tree."""
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the data folder into its backups/ folder now",
        description="Copy every data file into <data>/backups/YYYY-MM-DDTHHMMSS (private, "
        "0700/0600). The oldest backups beyond 'backups_keep' are removed.",
    )
    backup.add_argument("--json", action="store_true", help="print the backup folder as JSON")
    backup.set_defaults(func=run_backup)

    doctor = sub.add_parser(
        "doctor",
        parents=[common],
        help="check the data files; restore broken ones from backups",
        description="Check every data file (it parses, its schema, references between "
        "records, overlapping entries, a timer older than 24 hours, private permissions). "
        "Exits 1 when something is wrong.",
    )
    doctor.add_argument("--json", action="store_true", help="the findings as JSON")
    doctor.add_argument(
        "--restore",
        action="store_true",
        help="put back the newest good backup of each broken file (the broken one is kept "
        "beside it), rebuild id counters, make files private",
    )
    doctor.add_argument("--yes", action="store_true", help="restore without asking")
    doctor.set_defaults(func=run_doctor)


def run_backup(ctx: Context) -> int:
    folder = ctx.store.backup_now(now=ctx.now)
    if ctx.args.json:
        ctx.print_json({"backup": str(folder)})
    else:
        ctx.print(f"backed up {ctx.data_dir} to {folder}")
    return 0


def _print_report(ctx: Context, report: Report) -> None:
    marks = {"error": "ERROR", "warning": "WARN ", "note": "note "}
    for problem in report.problems:
        ctx.print(f"{marks[problem.severity]} {problem.message}")
    verdict = "ok" if report.ok else "problems found"
    ctx.print(
        f"checked {report.files} files and {report.records} records in {ctx.data_dir}: {verdict}"
    )


def _confirm(ctx: Context, question: str) -> bool:
    if not sys.stdin.isatty():
        from vaplanner.core.errors import InputError

        raise InputError(f"{question.rstrip('?')}: add --yes to do it without being asked")
    ctx.err.write(f"{question} [y/N] ")
    ctx.err.flush()
    return sys.stdin.readline().strip().lower() in {"y", "yes"}


def _restore(ctx: Context, report: Report) -> tuple[list[Restored], list[str]]:
    from pathlib import Path

    from vaplanner.store import doctor, upkeep

    restored: list[Restored] = []
    skipped: list[str] = []
    with ctx.store.transaction():
        for problem in report.broken_files:
            assert problem.file is not None
            if problem.backup is None:
                skipped.append(f"{problem.file}: no backup holds a good copy; left untouched")
                continue
            question = (
                f"restore {problem.file} from {problem.backup}? (changes made since that "
                "backup are lost; the broken file is kept beside it)"
            )
            if not ctx.args.yes and not _confirm(ctx, question):
                skipped.append(f"{problem.file}: not restored (you said no)")
                continue
            restored.append(
                doctor.restore(ctx.data_dir, problem.file, Path(problem.backup), ctx.now)
            )
        ctx.store.close()  # forget cached copies of the files that were replaced
        upkeep.rebuild_meta(ctx.store)
        doctor.fix_permissions(ctx.data_dir)
    return restored, skipped


def run_doctor(ctx: Context) -> int:
    from vaplanner.store.doctor import examine

    report = examine(ctx.data_dir, ctx.now)
    if ctx.args.restore:
        restored, skipped = _restore(ctx, report)
        for item in restored:
            ctx.note(f"restored {item.file} from {item.source}; the broken file is {item.kept_as}")
        for line in skipped:
            ctx.note(line)
        report = examine(ctx.data_dir, ctx.now)
    if ctx.args.json:
        ctx.print_json(
            {
                "ok": report.ok,
                "data_dir": str(ctx.data_dir),
                "files": report.files,
                "records": report.records,
                "problems": [p.as_json() for p in report.problems],
            }
        )
    else:
        _print_report(ctx, report)
    return 0 if report.ok else 1
