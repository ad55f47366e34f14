"""JSON Schema for each kind of entry and for site.yaml, generated from the same field specs
that check the files, so editor tools validate exactly what the build accepts."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..content.config import SITE
from ..content.entries import SPECS
from ..content.model import KINDS
from ..content.specs import Bool, Choice, Date, Float, Geo, Int, ListOf, MapOf, OneOrMany, Record, Spec, Str
from ..core.problems import CatalogueError, Problem, relative
from ..i18n.glossary import TermSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_of(spec: Spec) -> dict[str, Any]:
    """The JSON Schema of one field spec (dates are strings, as editors read YAML dates)."""
    if isinstance(spec, Record):
        properties = {key: schema_of(field.spec) | ({"description": field.doc} if field.doc else {}) for key, field in spec.fields.items()}
        required = [key for key, field in spec.fields.items() if field.required]
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if isinstance(spec, MapOf):
        return {"type": "object", "propertyNames": {"pattern": f"^(?:{spec.key_pattern})$"}, "additionalProperties": schema_of(spec.value)}
    if isinstance(spec, OneOrMany):
        return {"anyOf": [schema_of(spec.item), schema_of(ListOf(item=spec.item, min_items=spec.min_items))]}
    if isinstance(spec, Geo):
        number = {"type": "number"}
        items = [number | {"minimum": -90, "maximum": 90}, number | {"minimum": -180, "maximum": 180}]
        return {"type": "array", "prefixItems": items, "minItems": 2, "maxItems": 2}
    if isinstance(spec, ListOf):
        array = {"type": "array", "items": schema_of(spec.item), "minItems": spec.min_items, "maxItems": spec.max_items}
        return array | ({"uniqueItems": True} if spec.unique else {})
    if isinstance(spec, Choice):
        return {"enum": [*spec.choices, *spec.aliases]}
    if isinstance(spec, Int):
        bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
        return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
    if isinstance(spec, Float):
        bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
        return {"type": "number", **{k: v for k, v in bounds.items() if math.isfinite(v)}}
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, Date):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(spec, TermSpec):
        return {"anyOf": [{"const": "keep"}, {"type": "object", "additionalProperties": {"type": "string"}}]}
    if isinstance(spec, Str):
        kind = "string" if spec.pattern else ["string", "number"]  # unquoted numbers are text too
        string: dict[str, Any] = {"type": kind, "minLength": 1, "maxLength": spec.max_length}
        return string | ({"pattern": f"^(?:{spec.pattern})$"} if spec.pattern else {})
    raise TypeError(f"no JSON Schema for {type(spec).__name__}")


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every entry kind and for site.yaml."""
    out = {}
    for section, (_, record) in SPECS.items():
        name = KINDS[section]
        out[f"{name}.schema.json"] = {"$schema": DRAFT, "title": f"catalogue {name} front matter", **schema_of(record)}
    out["site.schema.json"] = {"$schema": DRAFT, "title": "catalogue content/site.yaml", **schema_of(SITE)}
    return out


def write_schemas(folder: Path, root: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise CatalogueError([Problem(relative(folder, root), None, None, "--out", "is a file, not a folder: choose a folder")])
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
