"""Reflow (WCAG 1.4.10): at 320 CSS px — a 1280 px screen at 400 % zoom — no page scrolls sideways.

A story calls ``assert_no_sideways_scroll(page)`` on each page it visits with the viewport set to
``NARROWEST`` (``page.set_viewport_size(NARROWEST)``), or ``assert_reflows(page)`` to do both at once.
"""

from playwright.sync_api import Page

NARROWEST = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# The widest elements that stick out past the right edge, named for the failure message.
_OVERFLOWING = """() => {
  const edge = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > edge + 1) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
      out.push(`${name} (right edge ${Math.round(box.right)} px)`);
    }
  }
  return out.slice(0, 5);
}"""


def sideways_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def assert_no_sideways_scroll(page: Page) -> None:
    """Fail when the page, at its current viewport, is wider than the window, naming what sticks out."""
    extra = sideways_overflow(page)
    if extra > 0:
        culprits = "\n".join(f"  - {name}" for name in page.evaluate(_OVERFLOWING))
        raise AssertionError(
            f"{page.url} scrolls sideways by {extra} px at {page.viewport_size}; sticking out:\n{culprits}")


def assert_reflows(page: Page) -> None:
    """Set the viewport to 320 CSS px and check the page fits (the viewport stays narrow afterwards)."""
    page.set_viewport_size(NARROWEST)
    assert_no_sideways_scroll(page)
