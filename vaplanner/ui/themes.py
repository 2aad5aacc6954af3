"""Themes: ``themes/*.toml`` (bundled) and ``<config_dir>/themes/*.toml`` become Textual themes.

A theme file looks like this::

    name = "vaplanner-dark"
    dark = true
    [colors]            # any Theme colour: primary, secondary, accent, warning, error,
    primary = "#7aa2f7" # success, foreground, background, surface, panel, boost
    [clients]
    palette = ["#7aa2f7", "#e0af68"]   # colours for clients without their own
    [variables]         # optional Textual design variables
    "footer-key-foreground" = "#e0af68"

Every client colour is nudged until it is readable (WCAG contrast >= 4.5) on the theme's
background, so a client's own colour works in the dark, light and high-contrast themes alike.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.color import Color, ColorParseError
from textual.theme import Theme

from vaplanner.core.errors import InputError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DEFAULT_THEME = "vaplanner-dark"
#: Theme variable prefix for the client palette: ``client-0``, ``client-1``, …
CLIENT_VARIABLE = "client-"
_COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_FALLBACK_PALETTE = ("#7aa2f7", "#e0af68", "#9ece6a", "#bb9af7", "#7dcfff", "#ff9e64")


class ThemeFileError(InputError):
    """A theme file that cannot be used."""


class ThemeLoad(NamedTuple):
    """The themes found, and one message per file that could not be used."""

    themes: tuple[Theme, ...]
    problems: tuple[str, ...]

    @property
    def names(self) -> set[str]:
        return {theme.name for theme in self.themes}


def bundled_theme_files() -> list[Traversable]:
    """The theme files shipped with vaplanner.

    In a wheel they live in the package (``vaplanner/themes``); in a source checkout they are
    the repository's ``themes/`` folder beside the package. Both are plain folders unless the
    package runs from a zip file, the one case that needs :mod:`importlib.resources` (whose
    import costs the first screen ~1-2 ms otherwise).
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "themes", package.parent / "themes"):
        if folder.is_dir():
            return sorted(folder.glob("*.toml"), key=lambda item: item.name)
    from importlib import resources

    packaged = resources.files("vaplanner") / "themes"
    if not packaged.is_dir():
        return []
    return sorted(
        (item for item in packaged.iterdir() if item.name.endswith(".toml")),
        key=lambda item: item.name,
    )


def user_theme_files(config_dir: Path | None) -> list[Path]:
    """``<config_dir>/themes/*.toml``, sorted by name; empty when the folder is missing."""
    if config_dir is None:
        return []
    folder = config_dir / "themes"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.toml"))


def bundled_themes() -> dict[str, Traversable]:
    """The bundled theme files by theme name: each is named after its theme (``<name>.toml``),
    so the app reads only the one it starts with before the first screen."""
    return {file.name.removesuffix(".toml"): file for file in bundled_theme_files()}


def load_themes(config_dir: Path | None) -> ThemeLoad:
    """Read the bundled themes, then the user's (a user theme may replace a bundled one)."""
    return read_themes([*bundled_theme_files(), *user_theme_files(config_dir)])


def read_themes(sources: Iterable[Traversable | Path]) -> ThemeLoad:
    """Read theme files in order (a later theme of the same name replaces an earlier one)."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for source in sources:
        try:
            theme = parse_theme(source.read_text(encoding="utf-8"), source_name=str(source))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"theme {source}: cannot read it ({error})")
            continue
        except ThemeFileError as error:
            problems.append(str(error))
            continue
        themes[theme.name] = theme
    return ThemeLoad(tuple(themes.values()), tuple(problems))


def parse_theme(text: str, *, source_name: str = "theme") -> Theme:
    """Turn the text of one theme file into a Textual :class:`Theme`.

    Raises:
        ThemeFileError: the TOML is malformed, a colour cannot be read, or ``name`` or
            ``colors.primary`` is missing.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(f"theme {source_name}: not valid TOML ({error})") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeFileError(f'theme {source_name}: needs a name, e.g. name = "my-theme"')
    colors = _table(data, "colors", source_name)
    unknown = sorted(set(colors) - set(_COLOR_KEYS))
    if unknown:
        raise ThemeFileError(
            f"theme {source_name}: unknown colour {unknown[0]!r}; use {', '.join(_COLOR_KEYS)}"
        )
    checked = {key: _color(value, f"colors.{key}", source_name) for key, value in colors.items()}
    if "primary" not in checked:
        raise ThemeFileError(f'theme {source_name}: needs colors.primary, e.g. "#7aa2f7"')
    dark = bool(data.get("dark", True))
    variables = {
        str(key): _color(value, f"variables.{key}", source_name)
        for key, value in _table(data, "variables", source_name).items()
    }
    palette = _table(data, "clients", source_name).get("palette", list(_FALLBACK_PALETTE))
    if not isinstance(palette, list) or not palette:
        raise ThemeFileError(f"theme {source_name}: clients.palette must be a list of colours")
    background = checked.get("background", "#000000" if dark else "#ffffff")
    for index, value in enumerate(palette):
        color = _color(value, f"clients.palette[{index}]", source_name)
        variables[f"{CLIENT_VARIABLE}{index}"] = readable_color(color, background)
    spread = data.get("luminosity_spread", 0.15)
    if not isinstance(spread, int | float):
        raise ThemeFileError(f"theme {source_name}: luminosity_spread must be a number")
    return Theme(
        name=name.strip(),
        primary=checked["primary"],
        secondary=checked.get("secondary"),
        warning=checked.get("warning"),
        error=checked.get("error"),
        success=checked.get("success"),
        accent=checked.get("accent"),
        foreground=checked.get("foreground"),
        background=checked.get("background"),
        surface=checked.get("surface"),
        panel=checked.get("panel"),
        boost=checked.get("boost"),
        dark=dark,
        luminosity_spread=float(spread),
        variables=variables,
    )


def client_palette(theme: Theme | None) -> list[str]:
    """The theme's client colours in order (``client-0`` …)."""
    if theme is None:
        return list(_FALLBACK_PALETTE)
    found = sorted(
        (int(key.removeprefix(CLIENT_VARIABLE)), value)
        for key, value in theme.variables.items()
        if key.startswith(CLIENT_VARIABLE) and key.removeprefix(CLIENT_VARIABLE).isdigit()
    )
    return [value for _, value in found] or list(_FALLBACK_PALETTE)


def client_colors(theme: Theme | None, clients: Sequence[tuple[int, str]]) -> dict[int, str]:
    """Colour per client id: the client's own (made readable) or the palette's, in order.

    Args:
        theme: the active theme.
        clients: ``(id, own colour or "")`` in display order.
    """
    palette = client_palette(theme)
    background = (theme.background if theme else None) or "#000000"
    colors: dict[int, str] = {}
    for index, (client_id, own) in enumerate(clients):
        chosen = palette[index % len(palette)]
        if own:
            try:
                chosen = readable_color(Color.parse(own).hex, background)
            except ColorParseError:
                pass
        colors[client_id] = chosen
    return colors


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1.0 to 21.0)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_color(color: str, background: str, minimum: float = 4.5) -> str:
    """``color``, lightened or darkened in small steps until it reads on ``background``."""
    current = Color.parse(color)
    towards_light = _luminance(background) < 0.5
    for _ in range(20):
        if contrast_ratio(current.hex, background) >= minimum:
            break
        current = current.lighten(0.05) if towards_light else current.darken(0.05)
    return current.hex


def theme_names(themes: Sequence[Theme]) -> Iterator[str]:
    """Names in a stable order: the bundled vaplanner themes first."""
    yield from sorted(
        (theme.name for theme in themes), key=lambda n: (not n.startswith("vaplanner"), n)
    )


def _luminance(color: str) -> float:
    parsed = Color.parse(color)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b)


def _table(data: dict[str, Any], key: str, source_name: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ThemeFileError(f"theme {source_name}: [{key}] must be a table")
    return value


def _color(value: object, where: str, source_name: str) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f'theme {source_name}: {where} must be a colour such as "#7aa2f7"')
    try:
        return Color.parse(value).hex
    except ColorParseError:
        raise ThemeFileError(
            f'theme {source_name}: {where} = {value!r} is not a colour; use "#rrggbb" or a name'
        ) from None
