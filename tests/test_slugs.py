"""Slugs from Vietnamese names: đ is d, never dj; every diacritic goes."""

from __future__ import annotations

import pytest

from catalogue.core.slugs import fold, is_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mỳ Chũ Xuân Trường", "my-chu-xuan-truong"),
        ("Đồng Đăng", "dong-dang"),
        ("Vải thiều Lục Ngạn", "vai-thieu-luc-ngan"),
        ("Gà đồi Yên Thế — 4★", "ga-doi-yen-the-4"),
        (
            "ăâêôơư ÁÀẢÃẠ ẮẰẲẴẶ ẤẦẨẪẬ ÉÈẺẼẸ ẾỀỂỄỆ ÍÌỈĨỊ ÓÒỎÕỌ ỐỒỔỖỘ ỚỜỞỠỢ ÚÙỦŨỤ ỨỪỬỮỰ ÝỲỶỸỴ",
            "aaeoou-aaaaa-aaaaa-aaaaa-eeeee-eeeee-iiiii-ooooo-ooooo-ooooo-uuuuu-uuuuu-yyyyy",
        ),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert is_slug(slug)
    assert slugify(slug) == slug


def test_fold_keeps_case():
    assert fold("Đường Bắc Giang") == "Duong Bac Giang"
