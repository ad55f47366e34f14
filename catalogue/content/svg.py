"""SVG illustrations, made safe to publish on the site's own origin: parsed with a parser that
refuses entity tricks (defusedxml), rewritten from an allow-list of drawing elements and
attributes, and refused with the line when they hold active content (scripts, event handlers,
links to elsewhere, embedded documents), which would run when the image is opened on its own.
Editors' metadata (Inkscape's, Illustrator's) is dropped. The size comes from the viewBox.
"""

from __future__ import annotations

import io
import math
import re
import xml.sax
from dataclasses import dataclass
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes, feature_namespaces
from xml.sax.saxutils import escape, quoteattr

import defusedxml.sax
from defusedxml import DefusedXmlException

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_SVG_BYTES = 5_000_000
MAX_SIZE = 100_000  # CSS pixels: a viewBox larger than this is a mistake (or an attack on layout)

SHAPES = "svg g defs symbol use title desc switch path rect circle ellipse line polyline polygon text tspan textPath marker"
PAINT = "linearGradient radialGradient stop pattern clipPath mask"
FILTERS = (
    "filter feBlend feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR "
    "feGaussianBlur feMerge feMergeNode feMorphology feOffset feTurbulence feDisplacementMap feTile"
)
ELEMENTS = frozenset(f"{SHAPES} {PAINT} {FILTERS} style".split())
ACTIVE = frozenset("script foreignObject iframe embed object image audio video animate set animateMotion animateTransform a".split())
TEXT_ELEMENTS = frozenset("title desc text tspan textPath style".split())
ATTRIBUTES = frozenset(
    """id class style viewBox width height x y x1 y1 x2 y2 cx cy r rx ry d points transform fill fill-opacity fill-rule
    stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset stroke-miterlimit
    opacity color display visibility overflow clip-path clip-rule mask filter preserveAspectRatio version
    font-family font-size font-style font-weight text-anchor dominant-baseline letter-spacing dx dy rotate textLength
    offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod fx fy fr patternUnits patternTransform
    patternContentUnits clipPathUnits maskUnits maskContentUnits markerWidth markerHeight refX refY orient markerUnits
    marker-start marker-mid marker-end vector-effect paint-order shape-rendering image-rendering color-interpolation-filters
    filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 values type tableValues slope intercept
    amplitude exponent dx dy flood-color flood-opacity radius baseFrequency numOctaves seed stitchTiles scale
    xChannelSelector yChannelSelector href lang""".split()
)
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
UNSAFE_CSS = re.compile(r"@import|expression\s*\(|javascript:|url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


class SvgProblem(Exception):
    """What makes an SVG unpublishable, and the line where it stands."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class SafeSvg:
    data: bytes  # the rewritten document
    size: tuple[int, int] | None  # width and height in CSS pixels, from the viewBox (or width/height)


def _size(attributes: dict[str, str], line: int | None) -> tuple[int, int] | None:
    """The drawing's size: the viewBox's, else numeric width and height, else unknown."""
    box = attributes.get("viewBox")
    if box is not None:
        parts = box.replace(",", " ").split()
        numbers = [float(part) for part in parts if NUMBER.fullmatch(part)]
        if len(parts) != 4 or len(numbers) != 4 or not all(map(math.isfinite, numbers)):
            raise SvgProblem(f"viewBox: expected four finite numbers, got {box[:40]!r}", line)
        width, height = numbers[2:]
        if not (0 < width <= MAX_SIZE and 0 < height <= MAX_SIZE):
            raise SvgProblem(f"viewBox: width and height must be above 0 and at most {MAX_SIZE:,}, got {box[:40]!r}", line)
        return max(1, round(width)), max(1, round(height))
    sizes = [attributes.get(name, "").removesuffix("px") for name in ("width", "height")]
    if all(NUMBER.fullmatch(size) for size in sizes):
        width, height = (float(size) for size in sizes)
        if 0 < width <= MAX_SIZE and 0 < height <= MAX_SIZE:
            return max(1, round(width)), max(1, round(height))
    return None


class _Rewriter(ContentHandler):
    """Writes the allowed part of the document as it is parsed; raises SvgProblem on active content."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self.skipping = 0  # depth inside an element that is dropped (with all it holds)
        self.open: list[str] = []
        self.size: tuple[int, int] | None = None

    def line(self) -> int | None:
        return self._locator.getLineNumber() if self._locator else None

    def startElementNS(self, name, qname, attrs):  # noqa: N802 (SAX's name)
        uri, local = name
        if self.skipping:
            self.skipping += 1
            return
        if not self.open and (uri, local) != (SVG, "svg"):
            raise SvgProblem("is not an SVG image (its first element is not <svg> in the SVG namespace)", self.line())
        if local in ACTIVE:
            raise SvgProblem(f"<{local}> is not allowed in an image (it can run or load content): remove it", self.line())
        if uri != SVG or local not in ELEMENTS:
            self.skipping = 1  # editors' metadata and unknown elements: dropped
            return
        kept = self.attributes(local, attrs)
        if not self.open:
            self.size = _size(kept, self.line())
        xmlns = f" xmlns={quoteattr(SVG)}" if not self.open else ""
        self.out.append(f"<{local}{xmlns}" + "".join(f" {key}={quoteattr(value)}" for key, value in kept.items()) + ">")
        self.open.append(local)

    def attributes(self, element: str, attrs) -> dict[str, str]:
        kept: dict[str, str] = {}
        for (uri, local), value in attrs.items():
            name = f"xml:{local}" if uri == XML else local
            if name.lower().startswith("on"):
                raise SvgProblem(f"<{element}> has an event handler ({name}): remove it", self.line())
            if name == "href" and uri in (None, XLINK) and not value.strip().startswith("#"):
                raise SvgProblem(f"<{element}> links to {value[:60]!r}: an image may only refer to its own parts (#id)", self.line())
            if "javascript:" in value.lower().replace(" ", "") or (name == "style" and UNSAFE_CSS.search(value)):
                raise SvgProblem(f"<{element}> {name}: scripts, imports and outside addresses are not allowed in an image", self.line())
            if uri in (None, XLINK) and name in ATTRIBUTES or name in ("xml:lang", "xml:space"):
                kept[name] = value
        return kept

    def endElementNS(self, name, qname):  # noqa: N802
        if self.skipping:
            self.skipping -= 1
            return
        self.out.append(f"</{self.open.pop()}>")

    def characters(self, content):
        if not self.skipping and self.open and self.open[-1] in TEXT_ELEMENTS:
            if self.open[-1] == "style" and UNSAFE_CSS.search(content):
                raise SvgProblem("<style>: imports and outside addresses are not allowed in an image", self.line())
            self.out.append(escape(content))


def sanitised_svg(data: bytes) -> SafeSvg:
    """The publishable rewrite of an SVG document; raises SvgProblem with the line of what is wrong."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgProblem(f"is too large ({len(data):,} bytes, at most {MAX_SVG_BYTES:,})")
    rewriter = _Rewriter()
    parser = defusedxml.sax.make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(rewriter)
    try:
        parser.parse(io.BytesIO(data))
    except xml.sax.SAXParseException as error:
        raise SvgProblem(f"is not well-formed XML: {error.getMessage()}", error.getLineNumber()) from None
    except DefusedXmlException:
        raise SvgProblem("declares entities or outside references, which an image may not", rewriter.line()) from None
    if not rewriter.out:
        raise SvgProblem("is not an SVG image (no <svg> element)")
    return SafeSvg(("".join(rewriter.out) + "\n").encode(), rewriter.size)
