"""Price units: the engine's (translated like theme strings) and those a site adds in
``site.yaml`` with their word in each language ("night", "group", "set"...)."""

from __future__ import annotations

from ..core.problems import Problem, did_you_mean
from .config import SiteConfig
from .model import Catalogue
from .ocop import UNITS


def unit_problems(catalogue: Catalogue, config: SiteConfig) -> list[Problem]:
    """Every price whose unit is neither the engine's nor one of the site's."""
    known = {*UNITS, *config.units}
    problems = []
    for product in catalogue.products:
        if product.price and product.price.unit not in known:
            where = product.places.get("price.unit", product.source)
            hint = did_you_mean(product.price.unit, known)
            message = f"unknown unit {product.price.unit!r}{hint}: use one of {', '.join(UNITS)}, or add it to units in site.yaml"
            problems.append(where.problem("price.unit", message))
    return problems
