"""Token protection: what machine translation must not touch survives, or the draft is refused."""

from __future__ import annotations

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
    assert protected.restore(protected.text) == text


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_pseudo_keeps_every_token(text):
    protected = protect(text)
    translated = pseudo(text)
    assert all(original in translated for original in protected.originals)


@pytest.mark.parametrize(
    ("text", "tokenised", "originals"),
    [
        ("Giá 45.000 đồng/kg.", "Giá {0}.", ("45.000 đồng/kg",)),
        ("Xem [trang](https://example.org/a_(b)).", "Xem [trang{0}.", ("](https://example.org/a_(b))",)),
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


@pytest.mark.parametrize("answer", ["[a{0} b", "[a{0} b {1} {1}", "[a{0} b {2}", "a b c"])
def test_lost_duplicated_or_invented_tokens_are_refused(answer):
    protected = protect("[a](https://x.org) b `c`")
    assert protected.text == "[a{0} b {1}"
    with pytest.raises(TokenMismatch):
        protected.restore(answer)


def test_tokens_survive_full_width_braces_and_spaces():
    protected = protect("Mua [ở đây](https://x.org)")
    assert protected.restore("在这里购买 [这里｛ 0 ｝") == "在这里购买 [这里](https://x.org)"


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_round_trip_on_any_unicode(text):
    protected = protect(text, GLOSSARY, "zh-Hans")
    if "Bắc Giang" not in text:
        assert protected.restore(protected.text) == text
