// Disclosure buttons (the app shell's menu button and its role groups): a <button data-disclosure
// aria-controls="id" aria-expanded="false"> shows or hides the element it controls; the stylesheet reads
// aria-expanded, so what a screen reader hears and what shows never disagree.
// Escape closes the open one and puts focus back on its button; opening a group closes the other groups;
// a click or focus outside an open group closes it.

const BUTTON = 'button[data-disclosure]';

function isOpen(button: Element): boolean {
  return button.getAttribute('aria-expanded') === 'true';
}

function setOpen(button: Element, open: boolean): void {
  button.setAttribute('aria-expanded', String(open));
}

/** The open disclosures whose region (the button's parent: the header bar, or one group) does not hold `inside`:
 * a click or focus there closes them. */
function openOutside(root: Document, inside: Node | null): HTMLButtonElement[] {
  const open = root.querySelectorAll<HTMLButtonElement>(`${BUTTON}[aria-expanded="true"]`);
  return [...open].filter((button) => !(inside && button.parentElement?.contains(inside)));
}

export function installDisclosures(root: Document = document): () => void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest<HTMLButtonElement>(BUTTON) ?? null;
    for (const other of openOutside(root, target)) if (other !== button) setOpen(other, false);
    if (button) setOpen(button, !isOpen(button));
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    const target = event.target instanceof Element ? event.target : null;
    const open = [...root.querySelectorAll<HTMLButtonElement>(`${BUTTON}[aria-expanded="true"]`)];
    // The innermost open disclosure around the focus (a group inside the open menu) closes first.
    const around = open.reverse().find((button) => target && button.parentElement?.contains(target));
    if (!around) return;
    setOpen(around, false);
    around.focus();
  };
  const onFocus = (event: FocusEvent): void => {
    const target = event.target instanceof Node ? event.target : null;
    for (const other of openOutside(root, target)) setOpen(other, false);
  };
  root.addEventListener('click', onClick);
  root.addEventListener('keydown', onKey);
  root.addEventListener('focusin', onFocus);
  return () => {
    root.removeEventListener('click', onClick);
    root.removeEventListener('keydown', onKey);
    root.removeEventListener('focusin', onFocus);
  };
}
