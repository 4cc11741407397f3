import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_IDLE_SECONDS, idleSecondsOf, startActivityClock, type ActivityClock } from './activity';

let clock: ActivityClock | undefined;
let visibility: DocumentVisibilityState;
let focused: boolean;

function hiddenInputs(): HTMLInputElement[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('input[name="active_seconds"]'));
}

function press(): void {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
}

beforeEach(() => {
  vi.useFakeTimers();
  visibility = 'visible';
  focused = true;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  document.body.innerHTML = `
    <form id="label-form"><input type="hidden" name="active_seconds" value="0"><button>Submit</button></form>
    <form id="accept"><input type="hidden" name="active_seconds" value="0"></form>`;
  delete document.body.dataset.idleSeconds;
});

afterEach(() => {
  clock?.stop();
  clock = undefined;
  vi.useRealTimers();
});

describe('the activity clock', () => {
  it('counts the seconds of a page in use and writes them into every hidden input', () => {
    clock = startActivityClock(document);

    vi.advanceTimersByTime(5_000);

    expect(clock.seconds).toBe(5);
    expect(hiddenInputs().map((input) => input.value)).toEqual(['5', '5']);
  });

  it('stops counting once nobody has touched the page for the idle time, and starts again on input', () => {
    document.body.dataset.idleSeconds = '10';
    clock = startActivityClock(document);

    vi.advanceTimersByTime(30_000);
    expect(clock.seconds).toBe(10); // opening the page counts as input; then ten seconds, then idle

    press();
    vi.advanceTimersByTime(3_000);
    expect(clock.seconds).toBe(13);
  });

  it('does not count while the page is hidden or another window has the focus', () => {
    clock = startActivityClock(document);
    visibility = 'hidden';
    vi.advanceTimersByTime(4_000);
    visibility = 'visible';
    focused = false;
    vi.advanceTimersByTime(4_000);
    expect(clock.seconds).toBe(0);

    focused = true;
    press();
    vi.advanceTimersByTime(2_000);
    expect(clock.seconds).toBe(2);
  });

  it('mouse and touch input keep the page active too', () => {
    document.body.dataset.idleSeconds = '2';
    clock = startActivityClock(document);
    for (const event of [new MouseEvent('mousemove', { bubbles: true }), new Event('touchstart', { bubbles: true })]) {
      vi.advanceTimersByTime(2_000);
      document.body.dispatchEvent(event);
    }
    vi.advanceTimersByTime(10_000);

    expect(clock.seconds).toBe(6);
  });

  it('writes the count as a form is submitted and starts from 0 on the page', () => {
    const form = document.querySelector<HTMLFormElement>('#label-form')!;
    hiddenInputs()[0].value = '999';
    clock = startActivityClock(document);
    expect(hiddenInputs()[0].value).toBe('0');
    vi.advanceTimersByTime(1_500);
    hiddenInputs()[0].value = '7'; // say another script changed it in between

    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

    expect(hiddenInputs()[0].value).toBe('1');
  });

  it('stop() ends the counting', () => {
    clock = startActivityClock(document);
    vi.advanceTimersByTime(2_000);
    clock.stop();
    vi.advanceTimersByTime(5_000);

    expect(clock.seconds).toBe(2);
  });
});

describe('the idle time', () => {
  it('comes from <body>, else from a form, else is the default', () => {
    expect(idleSecondsOf(document)).toBe(DEFAULT_IDLE_SECONDS);
    document.querySelector<HTMLFormElement>('#accept')!.dataset.idleSeconds = '30';
    expect(idleSecondsOf(document)).toBe(30);
    document.body.dataset.idleSeconds = '90';
    expect(idleSecondsOf(document)).toBe(90);
  });

  it('ignores a value that is not a positive number', () => {
    for (const value of ['', 'soon', '-5', '0']) {
      document.body.dataset.idleSeconds = value;
      expect(idleSecondsOf(document)).toBe(DEFAULT_IDLE_SECONDS);
    }
  });
});
