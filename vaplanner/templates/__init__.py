"""Bundled task templates (the ``*.toml`` files beside this module) and the user's own.

A template's name is its file name without ``.toml``. The user's templates live in
``<config_dir>/templates/*.toml``; one with the same name as a bundled template replaces it.
Nothing is read at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vaplanner.core.errors import NotFoundError
from vaplanner.core.models import Template

SUFFIX = ".toml"


@dataclass(frozen=True, slots=True)
class TemplateFile:
    """Where a template comes from, before it is parsed."""

    name: str
    source: str  # "bundled" or the user's file path
    label: str  # for error messages: the file name or path

    def read(self) -> str:
        """The file's text (UTF-8)."""
        if self.source == "bundled":
            return resources.files(__name__).joinpath(self.name + SUFFIX).read_text("utf-8")
        return Path(self.source).read_text(encoding="utf-8")

    def load(self) -> Template:
        """The parsed template (TemplateError names the file and line)."""
        from vaplanner.core.templates import parse_template

        return parse_template(self.read(), name=self.name, source=self.label)


def user_dir(config_dir: Path) -> Path:
    """The folder of the user's templates."""
    return config_dir / "templates"


def template_files(config_dir: Path | None) -> dict[str, TemplateFile]:
    """Every template by name, sorted; the user's override bundled ones of the same name."""
    found: dict[str, TemplateFile] = {}
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(SUFFIX) and entry.is_file():
            name = entry.name[: -len(SUFFIX)]
            found[name] = TemplateFile(name, "bundled", f"{name}{SUFFIX} (bundled)")
    if config_dir is not None:
        folder = user_dir(config_dir)
        if folder.is_dir():
            for path in folder.glob("*" + SUFFIX):
                if path.is_file():
                    name = path.stem
                    found[name] = TemplateFile(name, str(path), str(path))
    return dict(sorted(found.items()))


def load_templates(config_dir: Path | None) -> list[Template]:
    """Every template, parsed, sorted by name (a broken file raises TemplateError)."""
    return [item.load() for item in template_files(config_dir).values()]


def find_template(name: str, config_dir: Path | None) -> Template:
    """The template called ``name`` (case-insensitive; ``.toml`` may be typed).

    Only that file is parsed, so a broken unrelated template does not get in the way.

    Raises:
        NotFoundError: no such template; the message lists the names there are.
    """
    files = template_files(config_dir)
    wanted = name.strip().removesuffix(SUFFIX).casefold()
    for key, item in files.items():
        if key.casefold() == wanted:
            return item.load()
    where = f" (add your own as {user_dir(config_dir)}/NAME.toml)" if config_dir else ""
    raise NotFoundError(f"no template {name!r}; there are: {', '.join(files) or 'none'}{where}")
