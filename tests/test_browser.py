"""The web page in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Skips when the ``playwright`` package or ``/usr/bin/chromium`` is missing. Screenshots (phone
390x844 and desktop) are written to the test's ``tmp_path``; the paths are printed (``pytest -s``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PITCH = (
    "诚招代理！宝妈在家也能做，零基础，一部手机就能做\n"
    "月入过万不是梦，躺赚睡后收入\n"
    "代理费只要1980，首批拿货5000元\n"
    "直推奖20%，间推奖10%，团队越大赚得越多\n"
    "<script>window.__pwned=1</script>\n"
    '<img src=x onerror="window.__pwned=2">\n'
    '<a href="javascript:window.__pwned=3">点我领取资料</a>\n'
    "名额有限，详情加V私聊\n"
)
HEADLINE = "这段话具备传销的典型特征"


@pytest.fixture(scope="module")
def sync_api():
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    return sync_api


@pytest.fixture(scope="module")
def base_url():
    from copycheck.checker import Checker
    from copycheck.consumer.web import make_app, make_local_server

    server = make_local_server("127.0.0.1", 0, app=make_app(Checker()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(sync_api, base_url):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _submit(page, base_url: str, text: str) -> None:
    page.goto(base_url + "/")
    page.fill("textarea[name=text]", text)
    with page.expect_navigation():
        page.click("button[type=submit]")


def _verdict(page) -> str:
    return page.locator("section.verdict h2").first.inner_text()


def test_risky_pitch_in_the_browser(browser, base_url, tmp_path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(base_url + "/")
    page.screenshot(path=str(tmp_path / "phone-form.png"), full_page=True)
    _submit(page, base_url, PITCH)
    page.screenshot(path=str(tmp_path / "phone-report-top.png"))  # what the user sees first

    assert HEADLINE in _verdict(page)
    assert "严重风险" in _verdict(page)
    for phrase in ("代理费", "月入过万", "直推奖", "首批拿货"):
        assert page.locator(".post mark", has_text=phrase).count() >= 1, phrase
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert page.locator(".post a[href^='javascript']").count() == 0
    post = page.locator(".post").inner_text()
    assert "<script>window.__pwned=1</script>" in post and 'onerror="window.__pwned=2"' in post
    assert not dialogs
    assert all(url.startswith(base_url) for url in requests), requests

    # The first finding is collapsed; a tap opens it and shows why it is risky.
    details = page.locator("details.finding").first
    assert details.evaluate("d => d.open") is False
    why = details.locator(".fbody h4").first
    assert not why.is_visible()
    details.locator("> summary").click()
    assert details.evaluate("d => d.open") is True
    assert why.is_visible()

    # Tapping a highlighted phrase jumps to its explanation.
    page.locator(".post mark", has_text="代理费").first.click()
    assert "#f1-" in page.url

    phone = tmp_path / "phone-report.png"
    page.screenshot(path=str(phone), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "desktop-report-top.png"))
    desktop = tmp_path / "desktop-report.png"
    page.screenshot(path=str(desktop), full_page=True)
    context.close()
    for shot in (phone, desktop):
        assert shot.stat().st_size > 10_000
    print(f"screenshots: {tmp_path}")


def test_english_report_in_the_browser(browser, base_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/?lang=en")
    page.fill("textarea[name=text]", PITCH)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "This pitch has the typical signs of a pyramid scheme" in _verdict(page)
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(tmp_path / "phone-report-en.png"), full_page=True)
    context.close()


def test_benign_text_is_calm_in_the_browser(browser, base_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _submit(page, base_url, "新品上架：云南小粒咖啡豆，中度烘焙，500克装。请在平台内下单，支持七天无理由退货。")
    assert "无明显风险" in _verdict(page)
    assert page.locator(".post mark").count() == 0
    assert page.locator(".advice-card").count() == 0
    page.screenshot(path=str(tmp_path / "phone-benign.png"), full_page=True)
    context.close()


def test_readable_without_javascript(browser, base_url, tmp_path):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    _submit(page, base_url, PITCH)  # a plain form post: no script needed
    assert HEADLINE in _verdict(page)
    assert page.locator(".post mark", has_text="代理费").first.is_visible()
    assert page.locator(".advice-card").is_visible()
    details = page.locator("details.finding").first
    why = details.locator(".fbody h4").first
    assert not why.is_visible()
    details.locator("> summary").click()  # <details> opens natively, without JavaScript
    assert why.is_visible()
    page.screenshot(path=str(tmp_path / "phone-report-nojs.png"), full_page=True)
    context.close()


@pytest.mark.parametrize(
    "text",
    [
        PITCH,
        "诚招代理，感兴趣的加我微信",
        "本品可治疗糖尿病，三天见效",
        "新品上架：云南小粒咖啡豆，中度烘焙，500克装。",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_verdict_words_of_vet(browser, base_url, text, lang):
    """The consumer hears one verdict: the page's headline is vet's first line for the same text."""
    from copycheck.checker import Checker
    from copycheck.consumer.vet import format_vet

    checker = Checker()
    expected = format_vet(checker.report([checker.check(text, "<pasted>", markup=None)]), lang).splitlines()[0]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/" + ("?lang=en" if lang == "en" else ""))
    page.fill("textarea[name=text]", text)
    with page.expect_navigation():
        page.click("button[type=submit]")
    shown = " ".join(_verdict(page).split())
    context.close()
    level, _, sentence = expected.partition("：" if lang == "zh" else ": ")
    assert level in shown and sentence in shown, (shown, expected)
