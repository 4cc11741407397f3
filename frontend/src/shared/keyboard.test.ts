import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { input, pressKey, renderLabelForm, textarea } from '../testing/label_form_fixture';
import { installKeyboard } from './keyboard';

let form: HTMLFormElement;
let uninstall: () => void;
let requestSubmit: ReturnType<typeof vi.fn<HTMLFormElement['requestSubmit']>>;

beforeEach(() => {
  form = renderLabelForm();
  uninstall = installKeyboard(form);
  // Stub out the real submission; we only care whether it was requested.
  requestSubmit = vi.fn<HTMLFormElement['requestSubmit']>();
  form.requestSubmit = requestSubmit;
});

afterEach(() => uninstall());

describe('hotkeys', () => {
  it('checks the matching radio, fires change and focuses it', () => {
    const changes = vi.fn();
    form.addEventListener('change', changes);
    const positive = input(form, 'input[value="positive"]');
    const negative = input(form, 'input[value="negative"]');

    const event = pressKey(document.body, '1');
    expect(event.defaultPrevented).toBe(true);
    expect(positive.checked).toBe(true);
    expect(document.activeElement).toBe(positive);

    pressKey(document.body, '2');
    expect(negative.checked).toBe(true);
    expect(positive.checked).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('does not re-fire change for a radio that is already checked', () => {
    const changes = vi.fn();
    form.addEventListener('change', changes);
    pressKey(document.body, '1');
    pressKey(document.body, '1');
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('toggles a checkbox on and off', () => {
    const acting = input(form, 'input[value="acting"]');
    pressKey(document.body, '3');
    expect(acting.checked).toBe(true);
    expect(document.activeElement).toBe(acting);
    // Works while focus is on another choice too (not a text field).
    pressKey(acting, '3');
    expect(acting.checked).toBe(false);
  });

  it('is ignored while typing in a textarea', () => {
    pressKey(textarea(form), '1');
    expect(input(form, 'input[value="positive"]').checked).toBe(false);
  });

  it.each([{ altKey: true }, { metaKey: true }, { ctrlKey: true }])('is ignored with modifier %o', (mods) => {
    pressKey(document.body, '1', mods);
    expect(input(form, 'input[value="positive"]').checked).toBe(false);
  });

  it('is ignored when someone else already handled the key', () => {
    form.addEventListener('keydown', (event) => event.preventDefault());
    pressKey(input(form, 'input[value="acting"]'), '1');
    expect(input(form, 'input[value="positive"]').checked).toBe(false);
  });
});

describe('Enter', () => {
  it('submits when focus is outside text fields', () => {
    const event = pressKey(input(form, 'input[value="positive"]'), 'Enter');
    expect(requestSubmit).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it('inserts a newline in a textarea (no submit, default not prevented)', () => {
    const event = pressKey(textarea(form), 'Enter');
    expect(requestSubmit).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });

  it.each([{ ctrlKey: true }, { metaKey: true }])('submits from a textarea with %o', (mods) => {
    const event = pressKey(textarea(form), 'Enter', mods);
    expect(requestSubmit).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves Enter on a button to the button', () => {
    pressKey(form.querySelector('button')!, 'Enter');
    expect(requestSubmit).not.toHaveBeenCalled();
  });

  it('ignores Alt+Enter, repeats and IME composition', () => {
    pressKey(document.body, 'Enter', { altKey: true });
    pressKey(document.body, 'Enter', { repeat: true });
    pressKey(textarea(form), 'Enter', { ctrlKey: true, isComposing: true });
    expect(requestSubmit).not.toHaveBeenCalled();
  });
});
