"""Token protection: what machine translation must not touch survives, or the draft is refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.i18n.glossary import Glossary
from catalogue.mt.pseudo import pseudo
from catalogue.mt.tokens import TokenMismatch, protect

GLOSSARY = Glossary({"OCOP": {}, "Bắc Giang": {"zh-Hans": "北江"}})

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
TEXT = st.text(
    alphabet=st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + " .,!?*[]()`<>/:%{}0123456789荔枝北江리치ライチ")), max_size=200
)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_protect_then_restore_is_the_identity(text):
    protected = protect(text, GLOSSARY)
    assert protected.restore(protected.text) == unicodedata.normalize("NFC", text)


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_pseudo_keeps_every_token(text):
    protected = protect(text)
    translated = pseudo(text)
    assert all(original in translated for original in protected.originals)


@pytest.mark.parametrize(
    ("text", "tokenised", "originals"),
    [
        ("Giá 45.000 đồng/kg.", "Giá {0} đồng/kg.", ("45.000",)),
        ("Nặng 2,5 kg, 30°C", "Nặng {0}, {1}", ("2,5 kg", "30°C")),
        ("Xem [trang](https://example.org/a_(b)).", "Xem [trang]{0}.", ("(https://example.org/a_(b))",)),
        ("Gọi <b>ngay</b> `mã`", "Gọi {0}ngay{1} {2}", ("<b>", "</b>", "`mã`")),
        ("%(num)d sản phẩm", "{0} sản phẩm", ("%(num)d",)),
        ("Viết thư tới a@example.com hoặc https://x.example", "Viết thư tới {0} hoặc {1}", ("a@example.com", "https://x.example")),
        ("OCOP của Bắc Giang", "{0} của {1}", ("OCOP", "Bắc Giang")),
        ("Giảm 20% cho {1} khách", "Giảm {0} cho {1} khách", ("20%", "{1}")),
    ],
)
def test_what_is_protected(text, tokenised, originals):
    protected = protect(text, GLOSSARY)
    assert (protected.text, protected.originals) == (tokenised, originals)


def test_glossary_terms_come_back_in_the_target_language():
    protected = protect("Vải thiều Bắc Giang", GLOSSARY, "zh-Hans")
    assert protected.restore("{0}荔枝") == "北江荔枝"


@pytest.mark.parametrize("answer", ["[a]{0} b", "[a]{0} b {1} {1}", "[a]{0} b {2}", "a b c"])
def test_lost_duplicated_or_invented_tokens_are_refused(answer):
    protected = protect("[a](https://x.org) b `c`")
    assert protected.text == "[a]{0} b {1}"
    with pytest.raises(TokenMismatch):
        protected.restore(answer)


def test_tokens_survive_full_width_braces_and_spaces():
    protected = protect("Mua [ở đây](https://x.org)")
    assert protected.restore("在这里购买 [这里]｛ 0 ｝") == "在这里购买 [这里](https://x.org)"


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_round_trip_on_any_unicode(text):
    protected = protect(text, GLOSSARY, "zh-Hans")
    if "bắc giang" not in unicodedata.normalize("NFC", text).casefold():
        assert protected.restore(protected.text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("text", "tokenised"),
    [
        ("Sản phẩm 4 sao", "Sản phẩm {0} sao"),  # "sao" is a word: "4 stars"
        ("Giá 25.000 đồng/kg", "Giá {0} đồng/kg"),
        ("Giá 25.000 đ/hộp", "Giá {0} đ/hộp"),
        ("Từ 25.000đ", "Từ {0}đ"),
        ("5 món, 3 gói, 2 hạt", "{0} món, {1} gói, {2} hạt"),  # unit letters that begin a word are not units
    ],
)
def test_words_are_never_tokens(text, tokenised):
    assert protect(text).text == tokenised


def test_a_number_with_separators_stays_one_number_and_reads_right_in_the_target():
    protected = protect("Giá 25.000–85.000 đồng, nặng 1,5 kg, năm 2025, gọi 0204.3855.123", target="en", source="vi")
    assert protected.text == "Giá {0} đồng, nặng {1}, năm {2}, gọi {3}"
    assert protected.restored == ("25,000–85,000", "1.5 kg", "2025", "0204.3855.123")
    assert protect("25.000,50 đồng", target="fr", source="vi").restored == ("25\u202f000,50",)
    assert protect("Giá 25.000", target="", source="vi").restored == ("25.000",)  # pseudo: nothing to rewrite for


def test_the_link_token_leaves_the_closing_bracket_as_text():
    protected = protect("Mua [vải thiều](/products/vai-thieu/) ngay")
    assert protected.text == "Mua [vải thiều]{0} ngay"
    assert protected.restore("Buy [lychee]{0} now") == "Buy [lychee](/products/vai-thieu/) now"
    assert protected.restore("Buy [lychee] {0} now") == "Buy [lychee](/products/vai-thieu/) now"  # an engine's space


def test_html_attribute_text_is_translatable_the_rest_protected():
    protected = protect('Xem <img src="a.png" alt="Vải thiều chín" width="20"> và <abbr title="Sản phẩm">SP</abbr>')
    assert protected.text == "Xem {0}Vải thiều chín{1} và {2}Sản phẩm{3}SP{4}"
    translated = protected.restore("See {0}Ripe lychee{1} and {2}Product{3}PR{4}")
    assert translated == 'See <img src="a.png" alt="Ripe lychee" width="20"> and <abbr title="Product">PR</abbr>'


def test_html_attribute_translation_is_not_a_markup_difference():
    from catalogue.i18n.consistency import markup_difference

    assert markup_difference('<img src="a.png" alt="Vải">', '<img src="a.png" alt="Lychee">') is None
    assert markup_difference('<img src="a.png" alt="Vải">', '<img src="b.png" alt="Vải">') is not None


@pytest.mark.parametrize("written", ["bắc giang", "BẮC GIANG", unicodedata.normalize("NFD", "Bắc Giang"), "ocop"])
def test_glossary_terms_match_in_any_case_and_normal_form(written):
    protected = protect(f"Vải {written} ngon", GLOSSARY, "zh-Hans")
    assert protected.text == "Vải {0} ngon"
    expected = "北江" if "giang" in unicodedata.normalize("NFC", written).casefold() else written
    assert protected.restored == (expected,)


def test_glossary_terms_written_in_nfd_in_the_glossary_are_found():
    glossary = Glossary({unicodedata.normalize("NFD", "Lục Ngạn"): {"en": "Luc Ngan"}})
    assert protect("Vải Lục Ngạn", glossary, "en").restored == ("Luc Ngan",)


def test_pseudo_keeps_a_link_target_next_to_its_text():
    assert "····](https://x.org/gia) " in pseudo("Xem [bảng giá](https://x.org/gia) nhé")
