// Keyboard shortcuts for a labeling form:
// - a key matching an input's data-hotkey checks a radio / toggles a checkbox
// - Enter submits (outside text fields); Ctrl/Cmd+Enter submits from a textarea

const TEXT_INPUT_TYPES = new Set([
  'text', 'search', 'email', 'url', 'tel', 'password', 'number',
  'date', 'datetime-local', 'month', 'time', 'week',
]);

/** Fields where keys mean typing, so single-key shortcuts must not fire. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.isContentEditable || target.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}

/** Elements that already do something on Enter; we leave those alone. */
function activatesOnEnter(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href], summary, [role="button"], [role="link"]') !== null;
}

/** Finds the enabled input whose data-hotkey matches the key (letters case-insensitively). */
export function findHotkeyInput(within: ParentNode, key: string): HTMLInputElement | null {
  const wanted = key.toLowerCase();
  for (const input of within.querySelectorAll<HTMLInputElement>('input[data-hotkey]')) {
    if (!input.disabled && input.dataset.hotkey?.toLowerCase() === wanted) return input;
  }
  return null;
}

/** Checks a radio or toggles a checkbox and fires the events a click would. */
export function toggleInput(input: HTMLInputElement): void {
  if (input.type === 'radio') {
    if (input.checked) return; // already selected: a real click fires no change either
    input.checked = true;
  } else if (input.type === 'checkbox') {
    input.checked = !input.checked;
  } else {
    return;
  }
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Wires the shortcuts for one form. Returns a function that removes them. */
export function installKeyboard(form: HTMLFormElement): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    // isComposing: Enter while an IME (e.g. Korean) is composing only confirms the syllable.
    if (event.defaultPrevented || event.isComposing || event.repeat) return;

    const target = event.target;
    // Keys typed into some other form on the page are not ours.
    if (target instanceof Element && target.closest('form') && !form.contains(target)) return;

    if (event.key === 'Enter') {
      handleEnter(form, event);
      return;
    }

    if (event.altKey || event.ctrlKey || event.metaKey || isTextField(target)) return;
    const input = findHotkeyInput(form, event.key);
    if (!input) return;
    event.preventDefault();
    toggleInput(input);
    // Moving focus makes screen readers announce the new state.
    input.focus({ preventScroll: true });
  };

  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}

function handleEnter(form: HTMLFormElement, event: KeyboardEvent): void {
  if (!isSubmitEnter(event)) return;
  event.preventDefault();
  form.requestSubmit();
}

/** Whether an Enter press asks to submit: plain Enter outside text fields, Ctrl/Cmd+Enter inside them. */
export function isSubmitEnter(event: KeyboardEvent): boolean {
  const target = event.target;
  if (event.key !== 'Enter' || event.altKey || event.shiftKey) return false;
  const submitChord = event.ctrlKey || event.metaKey;
  // In text fields only Ctrl/Cmd+Enter is ours. Plain Enter keeps its usual
  // meaning: a newline in a textarea, the browser's own submit in an input.
  if (isTextField(target)) return submitChord;
  return !submitChord && !activatesOnEnter(target);
}
