// Reflow (WCAG 1.4.10): a table wider than the screen scrolls sideways inside its own box, never the whole page.
// Every table in <main> gets a .table-scroll box (templates may write one themselves). A box that does scroll
// becomes a focusable region named after the table's caption, so keyboard users can scroll it with the arrows.

const BOX = 'table-scroll';

function nameOf(table: HTMLTableElement): string {
  return table.caption?.textContent?.trim() ?? '';
}

/** Mark the box focusable (and a named region) only while its table is wider than it. */
export function markScrolling(box: HTMLElement): void {
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  const table = box.querySelector('table');
  if (scrolls && !box.hasAttribute('tabindex')) {
    box.tabIndex = 0;
    box.dataset.scrollMarked = '';
    const name = table ? nameOf(table) : '';
    if (name && !box.hasAttribute('aria-labelledby')) {
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', name);
    }
  } else if (!scrolls && box.dataset.scrollMarked !== undefined) {
    box.removeAttribute('tabindex');
    delete box.dataset.scrollMarked;
    if (!box.hasAttribute('aria-labelledby')) {
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}

/** Wrap each table under `root` that has no box yet; returns the boxes (new and existing) to watch. */
export function wrapTables(root: ParentNode): HTMLElement[] {
  const boxes: HTMLElement[] = [];
  for (const table of root.querySelectorAll<HTMLTableElement>('main table')) {
    const parent = table.parentElement;
    if (!parent) continue;
    if (parent.classList.contains(BOX)) {
      boxes.push(parent);
      continue;
    }
    const box = document.createElement('div');
    box.className = BOX;
    parent.insertBefore(box, table);
    box.appendChild(table);
    boxes.push(box);
  }
  return boxes;
}

export function installTableScroll(root: ParentNode = document): void {
  const watcher = typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) => entries.forEach((entry) => markScrolling(entry.target as HTMLElement)));
  for (const box of wrapTables(root)) {
    markScrolling(box);
    watcher?.observe(box);
  }
}
