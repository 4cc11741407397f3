import { afterEach, describe, expect, it, vi } from 'vitest';

import { installReviewKeys } from './review_keys';

function page(): void {
  document.body.innerHTML = `
    <div data-review-keys>
      <form id="accept"><button type="submit" data-review-key="a">Accept</button></form>
      <form id="reject">
        <select name="reason"><option value="">—</option><option value="wrong">1. wrong</option><option value="blur">2. blur</option></select>
        <textarea name="comment"></textarea>
        <button type="submit" data-review-key="r">Send back</button>
      </form>
    </div>
    <details data-correction><summary>Correct</summary>
      <form id="correct"><label><input type="radio" name="s" value="p" data-hotkey="1">p</label></form>
    </details>`;
}

function press(code: string, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { code, key: code.slice(-1).toLowerCase(), bubbles: true, cancelable: true }));
}

function submits(id: string) {
  const form = document.getElementById(id) as HTMLFormElement;
  const spy = vi.fn((event: Event) => event.preventDefault());
  form.addEventListener('submit', spy);
  return spy;
}

describe('review shortcuts', () => {
  let remove = (): void => {};
  afterEach(() => remove());

  it('accepts with A, once', () => {
    page();
    remove = installReviewKeys();
    const accepted = submits('accept');
    press('KeyA');
    press('KeyA');
    expect(accepted).toHaveBeenCalledTimes(1);
  });

  it('sends back only with a reason: R first goes to the list, a number picks one, R sends', () => {
    page();
    remove = installReviewKeys();
    const sent = submits('reject');
    const select = document.querySelector('select') as HTMLSelectElement;
    press('KeyR');
    expect(sent).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(select);
    press('Digit2', document.body);
    expect(select.value).toBe('blur');
    press('KeyR');
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('leaves keys typed into the comment alone', () => {
    page();
    remove = installReviewKeys();
    const accepted = submits('accept');
    press('KeyA', document.querySelector('textarea') as HTMLTextAreaElement);
    expect(accepted).not.toHaveBeenCalled();
  });

  it('opens the correction with C and hands number keys to its labels', () => {
    page();
    remove = installReviewKeys();
    const details = document.querySelector('details') as HTMLDetailsElement;
    press('KeyC');
    expect(details.open).toBe(true);
    details.dispatchEvent(new Event('toggle'));
    press('Digit1');
    expect((document.querySelector('select') as HTMLSelectElement).value).toBe('');
    expect((document.querySelector('input[data-hotkey]') as HTMLInputElement).checked).toBe(true);
  });
});
