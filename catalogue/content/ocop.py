"""What OCOP means, as engine data: the six product groups and the star levels.

The words are English gettext message ids, extracted into ``messages.pot`` and translated
like every theme string (the Vietnamese catalog carries the official Vietnamese names).
Words with more than one meaning carry a context (``msgctxt``: "tour" the price unit is not
"Tour" the kind of experience), and ``# Translators:`` comments reach the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a string and its context (``msgctxt``, a literal: extraction reads it) for
    extraction; templates look it up with ``pgettext(context, message)``."""
    return message


@dataclass(frozen=True)
class Group:
    slug: str
    number: int
    name: str
    description: str


# The six groups of the 2023 criteria (Decision 148/QĐ-TTg).
GROUPS: tuple[Group, ...] = (
    Group("food", 1, N_("Food"), N_("Fresh produce, processed and preserved foods, seasonings.")),
    Group("beverages", 2, N_("Beverages"), N_("Tea, coffee, juices, wines and other drinks.")),
    Group("herbal", 3, N_("Medicinal herbs and herbal products"), N_("Medicinal plants and the products made from them.")),
    Group("handicrafts", 4, N_("Handicrafts"), N_("Crafts, textiles, furniture and decorative goods.")),
    Group("ornamental", 5, N_("Ornamental plants and animals"), N_("Flowers, bonsai, ornamental plants and animals.")),
    Group(
        "tourism",
        6,
        N_("Community tourism, ecotourism and tourist sites"),
        N_("Community-based and ecological tourism services and sites."),
    ),
)
GROUP_SLUGS = tuple(group.slug for group in GROUPS)
GROUPS_BY_SLUG = {group.slug: group for group in GROUPS}

# The 2018-19 group codes, still used by the national system's filters.
GROUPS_2018 = {
    "drink": "beverages",
    "herbs": "herbal",
    "cloth": "handicrafts",
    "keepsake": "handicrafts",
    "travel": "tourism",
}


@dataclass(frozen=True)
class StarLevel:
    stars: int
    score: str
    meaning: str


STAR_LEVELS: tuple[StarLevel, ...] = (
    StarLevel(3, "50–69", N_("Distinctive local product, steadily sold, that meets the basic standards.")),
    StarLevel(4, "70–89", N_("Meets quality standards and has good access to markets.")),
    StarLevel(5, "90–100", N_("Distinctive, high-quality product, ready for export.")),
)
STARS = tuple(level.stars for level in STAR_LEVELS)
STAR_LEVELS_BY_STARS = {level.stars: level for level in STAR_LEVELS}

# A season of twelve months.
ALL_YEAR = N_("All year")

# Certificates are valid for 36 months from their decision date.
CERTIFICATE_MONTHS = 36

# Each unit follows a price, "25,000 ₫ / kg": what one price buys.
UNITS = {
    "kg": NC_("price unit", "kg"),
    "g": NC_("price unit", "g"),
    "litre": NC_("price unit", "litre"),
    "bottle": NC_("price unit", "bottle"),
    "box": NC_("price unit", "box"),
    "pack": NC_("price unit", "pack"),
    # Translators: a glass or earthenware jar (honey, pickles, fermented sauce), not a plant pot.
    "jar": NC_("price unit", "jar"),
    "piece": NC_("price unit", "piece"),
    "bag": NC_("price unit", "bag"),
    # Translators: a plant pot (bonsai, ornamental plants, sold in their pot), not a jar.
    "pot": NC_("price unit", "pot"),
    # Translators: one place on a guided tour (the price of a tour), not the kind of experience.
    "tour": NC_("price unit", "tour"),
    # Translators: a price per person (a visit, a meal).
    "person": NC_("price unit", "person"),
}

PRODUCER_KINDS = {
    "cooperative": N_("Cooperative"),
    "company": N_("Company"),
    "household": N_("Household business"),
    "enterprise": N_("Enterprise"),
}

EXPERIENCE_KINDS = {
    "site": NC_("experience kind", "Tourist site"),
    # Translators: a kind of experience: a guided visit of farms or villages, not a price unit.
    "tour": NC_("experience kind", "Tour"),
    "festival": NC_("experience kind", "Festival"),
    # Translators: a kind of experience: a suggested route through several places.
    "itinerary": NC_("experience kind", "Itinerary"),
}
