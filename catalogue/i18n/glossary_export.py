"""The glossary in the files translators' tools import: TBX (ISO 30042, the ``martif`` form
Weblate and translate-toolkit read) with every language, and one CSV per target language
(``source,target,developer_comments``, Weblate's glossary import).

A language the glossary does not name for a term keeps the term as written, so each file
says so explicitly: a tool never has to guess.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from ..content.config import SiteConfig
from .glossary import Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KEEP_NOTE = "keep as written in every language"


def _rendering(glossary: Glossary, term: str, lang: str) -> str:
    return glossary.terms[term].get(lang, term)


def _note(glossary: Glossary, term: str) -> str:
    notes = [glossary.notes.get(term, "")]
    if not glossary.terms[term]:
        notes.append(KEEP_NOTE)
    if term in glossary.unprotected:
        notes.append("a term only in some phrases: check each use")
    return "; ".join(note for note in notes if note)


def tbx(glossary: Glossary, config: SiteConfig) -> bytes:
    """Every term in every language of the site, as TBX."""
    source = config.source_language
    root = ET.Element("martif", {"type": "TBX", XML_LANG: source})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = f"Glossary of {config.title[source]} (locales/glossary.yaml)"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(sorted(glossary.terms, key=str.casefold), start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        if note := _note(glossary, term):
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = note
        for lang in config.languages:
            language_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
            ET.SubElement(ET.SubElement(language_set, "tig"), "term").text = term if lang == source else _rendering(glossary, term, lang)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n' + ET.tostring(root, "utf-8") + b"\n"


def csv_for(glossary: Glossary, lang: str) -> str:
    """The terms and their rendering in one language, as CSV with a header line."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["source", "target", "developer_comments"])
    for term in sorted(glossary.terms, key=str.casefold):
        writer.writerow([term, _rendering(glossary, term, lang), _note(glossary, term)])
    return stream.getvalue()


def exports(glossary: Glossary, config: SiteConfig) -> dict[str, bytes]:
    """File name -> bytes: ``glossary.tbx`` and ``glossary.<language>.csv`` for each target language."""
    files = {"glossary.tbx": tbx(glossary, config)}
    for lang in config.languages:
        if lang != config.source_language:
            files[f"glossary.{lang}.csv"] = csv_for(glossary, lang).encode("utf-8")
    return files
