"""An Atom feed per language of the newest products (by the date they joined the catalogue,
else their certificate's date), for buyers and aggregators who follow new listings."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from .ordering import product_date
from .views import Views

FEED_SIZE = 20


def atom_feed(views: Views, title: str) -> bytes:
    newest = sorted(views.index.catalogue.products, key=lambda p: (product_date(p), p.slug), reverse=True)[:FEED_SIZE]
    feed_url = views.urls.absolute(views.url("feed"))
    updated = max((product_date(p) for p in newest), default=dt.date(2000, 1, 1))
    entries = []
    for product in newest:
        card = views.product_card(product)
        url = views.urls.absolute(card.url)
        summary = f"<summary>{escape(card.summary.text)}</summary>" if card.summary else ""
        entries.append(
            f'<entry><title>{escape(card.name.text)}</title><link href="{escape(url)}"/><id>{escape(url)}</id>'
            f"<updated>{product_date(product).isoformat()}T00:00:00Z</updated>{summary}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{views.language.code}">'
        f"<title>{escape(title)}</title><id>{escape(feed_url)}</id><author><name>{escape(title)}</name></author>"
        f'<link rel="self" href="{escape(feed_url)}"/><link href="{escape(views.urls.absolute(views.url("home")))}"/>'
        f"<updated>{updated.isoformat()}T00:00:00Z</updated>\n" + "\n".join(entries) + "\n</feed>\n"
    ).encode()
