"""Find the site's themes and their files: templates, and static assets with versions.

``theme: [mine, default]`` searches ``themes/mine`` first, so a site overrides one
template or stylesheet without copying the rest. A theme is looked up in the site's
``themes/`` folder, then among the themes that ship with the engine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.files import link_problem
from ..core.problems import CatalogueError, Problem
from .config import SiteConfig

_SOURCE_THEMES = Path(__file__).resolve().parents[2] / "themes"  # a checkout of the repository
_INSTALLED_THEMES = Path(__file__).resolve().parents[1] / "bundled_themes"  # pip-installed package data
ENGINE_THEMES = _SOURCE_THEMES if _SOURCE_THEMES.is_dir() else _INSTALLED_THEMES


def theme_dirs(config: SiteConfig) -> tuple[Path, ...]:
    found, problems = [], []
    for index, name in enumerate(config.theme):
        candidates = [config.root / "themes" / name, ENGINE_THEMES / name]
        folder = next((c for c in candidates if (c / "templates").is_dir()), None)
        if folder is None:
            key = f"theme[{index}]" if f"theme[{index}]" in config.places else "theme"
            problems.append(config.where(key).problem(key, f"unknown theme '{name}': no themes/{name}/templates/ folder"))
        else:
            found.append(folder)
            if folder == candidates[0]:
                problems += links_out(folder, config.root)
    if problems:
        raise CatalogueError(problems)
    return tuple(found)


def links_out(theme: Path, root: Path) -> list[Problem]:
    """Files of a site's theme that are links leading out of its themes/ folder: their target
    (``static/leak.txt -> /etc/passwd``) would be published."""
    themes = root / "themes"
    if wrong := link_problem(theme, themes, root, "themes/"):
        return [wrong]
    return [wrong for path in sorted(theme.rglob("*")) if (wrong := link_problem(path, themes, root, "themes/"))]


def translation_dirs(config: SiteConfig) -> tuple[Path, ...]:
    """The themes whose catalogs translate the site's interface, in order: the site's themes,
    then the engine's default theme, which also translates the engine's own vocabulary."""
    themes = theme_dirs(config)
    default = ENGINE_THEMES / "default"
    return themes if default.resolve() in {theme.resolve() for theme in themes} else (*themes, default)


@dataclass(frozen=True)
class Asset:
    name: str  # path under assets/, e.g. "style.css"
    path: Path
    version: str  # content hash, so browsers never keep a stale copy


def theme_assets(themes: tuple[Path, ...]) -> dict[str, Asset]:
    """Static files of all themes; the first theme that has a file wins."""
    assets: dict[str, Asset] = {}
    for theme in themes:
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            name = path.relative_to(static).as_posix()
            if path.is_file() and name not in assets:
                assets[name] = Asset(name, path, hashlib.sha256(path.read_bytes()).hexdigest()[:10])
    return assets
