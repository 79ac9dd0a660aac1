"""The data shipped with the app (``data/*.toml``): finding the files, reading them through
a cache, and handing the parsed documents to the domain's parsers.

The domain parses and validates (:func:`~runstrength_tui.domain.catalog.parse_catalog`,
:func:`~runstrength_tui.domain.programs.parse_programs`); this module does the file work:
where the files are (inside the wheel, or ``data/`` in a checkout), the JSON copy in the
user's cache folder (``RUNSTRENGTH_CACHE_DIR`` or the platform's cache folder), and parsing
each file once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.catalog import Catalog, CatalogError, parse_catalog
from ..domain.programs import Programs, parse_programs

if TYPE_CHECKING:
    from ..domain.loggers import NameMap

CATALOG_FILE = "exercises.toml"
PROGRAMS_FILE = "programs.toml"
NAMES_FILE = "logger_names.toml"


def data_file(name: str) -> Path:
    """A file from the shipped data folder (inside the wheel, or data/ in a checkout)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data" / name  # the wheel maps data/ to runstrength_tui/data/
    return installed if installed.is_file() else package.parent / "data" / name


def shipped_files() -> list[Path]:
    """Every shipped data file (what a cache of anything built from them depends on)."""
    return [data_file(CATALOG_FILE), data_file(PROGRAMS_FILE)]


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a shipped TOML file, through a JSON copy in the user's cache folder.

    tomllib is pure Python: the catalog takes ~20 ms to parse, a JSON copy ~1 ms. The copy
    is keyed by the file's hash, so an edited or upgraded file is never read stale; any
    trouble with the cache folder just means parsing the TOML."""
    import json
    import os
    from hashlib import blake2b

    from .paths import cache_dir

    payload = path.read_bytes()
    cached = cache_dir() / f"{path.stem}-{blake2b(payload, digest_size=12).hexdigest()}.json"
    try:
        loaded: dict[str, Any] = json.loads(cached.read_bytes())
        return loaded
    except (OSError, ValueError):
        pass
    import tomllib  # only when the cached copy is missing or stale

    try:
        data = tomllib.loads(payload.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path}: not valid TOML ({exc})") from None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass
    return data


def load_catalog_file(path: Path) -> Catalog:
    """An exercise catalog file, parsed and validated (no program templates attached)."""
    return parse_catalog(load_toml(path))


def load_programs(catalog: Catalog) -> Programs:
    """The shipped program templates for ``catalog``: the ones attached to it, else the
    shipped file checked against it (parsed once per catalog)."""
    try:
        return catalog.programs
    except CatalogError:
        return _parse_programs_for(catalog)


@lru_cache(maxsize=4)
def _parse_programs_for(catalog: Catalog) -> Programs:
    return parse_programs(load_toml(data_file(PROGRAMS_FILE)), catalog)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The shipped catalog with the shipped program templates attached (parsed once: it
    never changes while the app runs)."""
    catalog = load_catalog_file(data_file(CATALOG_FILE))
    return catalog.with_programs(parse_programs(load_toml(data_file(PROGRAMS_FILE)), catalog))


@lru_cache(maxsize=4)
def load_name_map(catalog: Catalog) -> NameMap:
    """Strong's and Hevy's exercise names → catalog ids (data/logger_names.toml), checked
    against ``catalog`` like the catalog itself is: CatalogError names a bad entry."""
    from ..domain.loggers import parse_name_map

    return parse_name_map(load_toml(data_file(NAMES_FILE)), catalog)
