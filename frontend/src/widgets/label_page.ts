// Progressive enhancement for the task page (#label-page): several short items in one form, each in a
// section[data-page-item] of its own. Without this script the form still works as a normal POST.
//
//   ↓ / ↑   go to the next / previous item (its section takes the focus)
//   1–9     pick a label of the item you are on: the one holding the focus, else the one you were last on
//   Enter   send the page when every item has its required answers; otherwise go to the first item without
//           one and say so in the page's live region. From a text box: Ctrl/Cmd+Enter.
// The submit button checks the same, and the page is posted once.

import { findHotkeyInput, isSubmitEnter, isTextField, toggleInput } from '../shared/keyboard';
import { submitOnce } from '../shared/submit_once';

export interface LabelPage {
  destroy(): void;
}

const ITEM = '[data-page-item]';
const ENHANCED = 'labelPageEnhanced';
const MOVES: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };

/** Whether each required control of an item has an answer: a picked option, or text that is not blank. */
export function isAnswered(item: HTMLElement): boolean {
  for (const control of item.querySelectorAll<HTMLElement>('[data-control][data-required="true"]')) {
    const answered =
      control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement
        ? control.value.trim() !== ''
        : control.querySelector('input:checked') !== null;
    if (!answered) return false;
  }
  return true;
}

export function initLabelPage(form: HTMLFormElement): LabelPage | null {
  if (form.dataset[ENHANCED]) return null; // already initialised
  form.dataset[ENHANCED] = 'true';
  const items = Array.from(form.querySelectorAll<HTMLElement>(ITEM));
  const status = form.querySelector<HTMLElement>('[data-page-status]');
  let current: HTMLElement | null = null;

  const itemOf = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element && form.contains(target) ? target.closest<HTMLElement>(ITEM) : null;

  const markCurrent = (item: HTMLElement | null): void => {
    if (!item || item === current) return;
    current?.removeAttribute('data-current');
    current = item;
    item.setAttribute('data-current', '');
  };

  const goTo = (item: HTMLElement): void => {
    markCurrent(item);
    item.focus({ preventScroll: true });
    item.scrollIntoView?.({ block: 'nearest' });
  };

  const announce = (text: string): void => {
    if (!status) return;
    // The same words again would not be read out again: change them a little.
    status.textContent = status.textContent === text ? `${text}\u00a0` : text;
  };

  const onFocusIn = (event: FocusEvent): void => markCurrent(itemOf(event.target));

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target;
    // Keys typed into some other form on the page are not ours.
    if (target instanceof Element && target.closest('form') && !form.contains(target)) return;
    if (event.key === 'Enter') {
      if (event.repeat || !isSubmitEnter(event)) return;
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || isTextField(target)) return;
    if (event.key in MOVES) {
      move(event, MOVES[event.key]);
      return;
    }
    const item = itemOf(target) ?? current;
    const input = item && !event.repeat ? findHotkeyInput(item, event.key) : null;
    if (!input) return;
    event.preventDefault();
    toggleInput(input);
    // Moving focus makes screen readers announce the new state.
    input.focus({ preventScroll: true });
  };

  /** ↓ / ↑: from an item to its neighbour; from outside the items (the page itself) to the item you are on. */
  const move = (event: KeyboardEvent, step: number): void => {
    const target = event.target;
    const onPage = target === document.body || target === document.documentElement || target === form.closest('main');
    const here = itemOf(target);
    if (event.shiftKey || (!here && !onPage)) return;
    const next = here ? items[items.indexOf(here) + step] : (current ?? items[0]);
    // In a radio group the arrows would pick the next option: on this page they move between items.
    if (next || (target instanceof HTMLInputElement && target.type === 'radio')) event.preventDefault();
    if (next) goTo(next);
  };

  const onSubmit = (event: SubmitEvent): void => {
    const missing = items.find((item) => !isAnswered(item));
    if (!missing) return;
    event.preventDefault();
    goTo(missing);
    announce(missing.dataset.msgUnanswered ?? '');
  };

  markCurrent(items[0] ?? null);
  form.addEventListener('focusin', onFocusIn);
  form.addEventListener('submit', onSubmit); // before submitOnce: a page sent back to an item is not yet posted
  const removeSubmitOnce = submitOnce(form);
  document.addEventListener('keydown', onKeyDown);

  return {
    destroy() {
      form.removeEventListener('focusin', onFocusIn);
      form.removeEventListener('submit', onSubmit);
      removeSubmitOnce();
      document.removeEventListener('keydown', onKeyDown);
      current?.removeAttribute('data-current');
      delete form.dataset[ENHANCED];
    },
  };
}
