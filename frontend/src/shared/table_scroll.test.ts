import { describe, expect, it } from 'vitest';
import { markScrolling, wrapTables } from './table_scroll';

function page(html: string): void {
  document.body.innerHTML = `<main>${html}</main>`;
}

describe('wide tables', () => {
  it('get a scrolling box of their own, once', () => {
    page('<h2>Rows</h2><table><caption>Pay</caption><tr><td>1</td></tr></table>');
    wrapTables(document);
    wrapTables(document);
    const table = document.querySelector('table')!;
    expect(table.parentElement!.className).toBe('table-scroll');
    expect(document.querySelectorAll('.table-scroll')).toHaveLength(1);
  });

  it('leave a box a template wrote alone', () => {
    page('<div class="table-scroll" tabindex="0" aria-labelledby="h"><table><tr><td>1</td></tr></table></div>');
    const boxes = wrapTables(document);
    expect(boxes).toHaveLength(1);
    expect(document.querySelectorAll('.table-scroll')).toHaveLength(1);
  });

  it('become a focusable region named by the caption only while they scroll', () => {
    page('<table><caption>Pay</caption><tr><td>1</td></tr></table>');
    const [box] = wrapTables(document);
    Object.defineProperty(box, 'clientWidth', { value: 300, configurable: true });
    Object.defineProperty(box, 'scrollWidth', { value: 500, configurable: true });
    markScrolling(box);
    expect(box.tabIndex).toBe(0);
    expect(box.getAttribute('role')).toBe('region');
    expect(box.getAttribute('aria-label')).toBe('Pay');

    Object.defineProperty(box, 'scrollWidth', { value: 300, configurable: true });
    markScrolling(box);
    expect(box.hasAttribute('tabindex')).toBe(false);
    expect(box.hasAttribute('role')).toBe(false);
  });
});
