"""Journeys of visitors on phones: language choice, switcher, QR short addresses, filters."""

from __future__ import annotations

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_root_picks_the_browser_language_and_remembers_a_choice(visit, site_url):
    visitor = visit(locale="ko-KR", **PHONE)
    page = visitor.page
    page.goto(site_url + "/")
    page.wait_for_url(site_url + "/ko/")
    page.click(".languages summary")  # the languages open from a button on a phone
    page.click('.languages a[hreflang="ja"]')
    page.wait_for_url(site_url + "/ja/")
    page.goto(site_url + "/")
    page.wait_for_url(site_url + "/ja/")  # the choice beats the browser's language
    assert visitor.outside == [] and visitor.errors == []


def test_traditional_chinese_browser_gets_zh_hant(visit, site_url):
    visitor = visit(locale="zh-TW")
    visitor.page.goto(site_url + "/")
    visitor.page.wait_for_url(site_url + "/zh-hant/")


def test_switcher_keeps_the_product(visit, site_url):
    visitor = visit(**PHONE)
    page = visitor.page
    page.goto(site_url + "/en/products/my-chu-truyen-thong/")
    page.click(".languages summary")
    page.click('.languages a[hreflang="zh-Hans"]')
    page.wait_for_url(site_url + "/zh-hans/products/my-chu-truyen-thong/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_qr_short_address_lands_on_the_product_in_the_readers_language(visit, site_url):
    visitor = visit(locale="fr-FR", **PHONE)
    visitor.page.goto(site_url + "/p/vai-thieu-luc-ngan/")
    visitor.page.wait_for_url(site_url + "/fr/products/vai-thieu-luc-ngan/")
    assert visitor.outside == [] and visitor.errors == []


def test_qr_short_address_without_script_lists_every_language(visit, site_url):
    visitor = visit(java_script_enabled=False, locale="fr-FR")
    visitor.page.goto(site_url + "/p/vai-thieu-luc-ngan/")
    assert visitor.page.url == site_url + "/p/vai-thieu-luc-ngan/"
    assert visitor.page.locator(".language-list a").count() == 7


def test_product_list_filters(visit, site_url):
    visitor = visit(**PHONE)
    page = visitor.page
    page.goto(site_url + "/en/products/")
    page.click(".refine summary")  # filters and facets open from a button on a phone
    total = page.locator("#product-list > li").count()
    page.select_option("select[name=group]", "beverages")
    shown = page.locator("#product-list > li:not([hidden])").count()
    assert 0 < shown < total
    page.select_option("select[name=month]", "6")
    june = page.locator("#product-list > li:not([hidden])").count()
    assert june <= shown
    assert page.locator(".filter-count").inner_text() == f"{june} of {total} products"
    page.select_option("select[name=group]", "")
    page.select_option("select[name=month]", "")
    assert page.locator("#product-list > li:not([hidden])").count() == total
    assert visitor.errors == []


def test_browsing_works_without_javascript(visit, site_url):
    visitor = visit(java_script_enabled=False, **PHONE)
    page = visitor.page
    page.goto(site_url + "/vi/")
    page.click(".menu summary")  # a <details> disclosure: opens without script
    page.click('.menu nav a[href="/vi/products/"]')
    page.click(".refine summary")
    page.click('.facets a[href="/vi/categories/beverages/"]')
    assert page.url.endswith("/vi/categories/beverages/")
    page.locator(".cards a").first.click()
    assert "/vi/products/" in page.url
    assert page.locator("h1").inner_text()
