// Keyboard shortcuts for the review page, with the labeling page's conventions (shared/keyboard.ts): a verdict
// button's data-review-key names its key (data-hotkey stays the labels' own), keys typed into a text field are
// the field's, and the correction form, once opened, gets the labeling form's shortcuts (number keys pick a
// label, Enter saves).
//   A: accept   1–9: pick a reason   R: send back (with the picked reason; without one, go to the reason list)
//   C: open the correction form      Esc: close it again
// Keys are matched by their place on the keyboard (event.code), so they work with a Korean layout too.

import { installKeyboard, isTextField } from '../shared/keyboard';

const LETTERS: Record<string, string> = { KeyA: 'a', KeyR: 'r', KeyC: 'c' };

function keyOf(event: KeyboardEvent): string | null {
  if (LETTERS[event.code]) return LETTERS[event.code];
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  return digit ? digit[1] : null;
}

function hotkeyed<T extends HTMLElement>(root: ParentNode, key: string): T | null {
  return root.querySelector<T>(`[data-review-key="${key}"]`);
}

/** Picks the n-th reason of the list (1 = the first after the empty choice). */
function pickReason(select: HTMLSelectElement, n: number): boolean {
  if (n >= select.options.length) return false;
  select.selectedIndex = n;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

/** Sends the work back when a reason is picked or written (true), else moves to the list of reasons. */
function sendBack(root: ParentNode): boolean {
  const button = hotkeyed<HTMLButtonElement>(root, 'r');
  const form = button?.form;
  if (!form) return false;
  const reason = form.querySelector<HTMLSelectElement>('select[name="reason"]');
  const comment = form.querySelector<HTMLTextAreaElement>('textarea[name="comment"]');
  if (reason?.value || comment?.value.trim()) {
    form.requestSubmit(button);
    return true;
  }
  reason?.focus(); // say why first: the list of reasons
  return false;
}

/** Wires the shortcuts for one review page. Returns a function that removes them. */
export function installReviewKeys(root: Document = document): () => void {
  const details = root.querySelector<HTMLDetailsElement>('details[data-correction]');
  const correctForm = details?.querySelector<HTMLFormElement>('form') ?? null;
  let removeCorrectionKeys: (() => void) | null = null;

  const onToggle = (): void => {
    removeCorrectionKeys?.();
    removeCorrectionKeys = details?.open && correctForm ? installKeyboard(correctForm) : null;
    if (details?.open) correctForm?.querySelector<HTMLElement>('input, select, textarea, [tabindex]')?.focus();
  };
  details?.addEventListener('toggle', onToggle);

  let sent = false; // one verdict per page: a second key press before the next page must not post again
  const onKeyDown = (event: KeyboardEvent): void => {
    if (sent || event.defaultPrevented || event.isComposing || event.repeat) return;
    if (event.key === 'Escape' && details?.open) {
      details.open = false;
      details.querySelector('summary')?.focus();
      return;
    }
    if (details?.open) return; // the correction form's own keys
    if (event.altKey || event.ctrlKey || event.metaKey || isTextField(event.target)) return;
    const key = keyOf(event);
    if (key === null) return;
    if (key === 'a') {
      const accept = hotkeyed<HTMLButtonElement>(root, 'a');
      accept?.form?.requestSubmit(accept);
      sent = true;
    } else if (key === 'r') {
      sent = sendBack(root);
    } else if (key === 'c' && details) {
      details.open = true;
    } else {
      const select = root.querySelector<HTMLSelectElement>('select[name="reason"]');
      if (!select || !pickReason(select, Number(key))) return;
    }
    event.preventDefault();
  };
  root.addEventListener('keydown', onKeyDown);
  return () => {
    root.removeEventListener('keydown', onKeyDown);
    details?.removeEventListener('toggle', onToggle);
    removeCorrectionKeys?.();
  };
}

if (document.querySelector('[data-review-keys]')) installReviewKeys();
