import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { input, pressKey, renderLabelForm, textarea } from '../testing/label_form_fixture';
import { initLabelForm, type LabelForm } from './label_form';

let form: HTMLFormElement;
let widget: LabelForm;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

function status(): string {
  return form.querySelector('[data-autosave-status]')!.textContent ?? '';
}

function submit(): SubmitEvent {
  // Dispatch the event directly: the test DOM must not actually navigate.
  const event = new SubmitEvent('submit', { bubbles: true, cancelable: true });
  form.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
  vi.stubGlobal('fetch', fetchMock);
  form = renderLabelForm();
  widget = initLabelForm(form)!;
});

afterEach(() => {
  widget.destroy();
  vi.useRealTimers();
});

describe('label form autosave', () => {
  it('PUTs the result as JSON with the CSRF header 600 ms after the last change', async () => {
    pressKey(document.body, '1'); // hotkey -> change event -> autosave
    textarea(form).value = 'good';
    textarea(form).dispatchEvent(new Event('input', { bubbles: true }));
    vi.advanceTimersByTime(599);
    expect(fetchMock).not.toHaveBeenCalled();

    vi.advanceTimersByTime(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(status()).toBe('저장 중…');
    const [url, init = {}] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/assignments/12/draft');
    expect(init).toMatchObject({
      method: 'PUT',
      credentials: 'same-origin',
      keepalive: false,
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': 'TOKEN' },
    });
    expect(JSON.parse(init.body as string)).toEqual({
      result: { sentiment: 'positive', topics: [], note: 'good' },
    });

    await vi.runAllTimersAsync();
    expect(status()).toBe('임시 저장됨');
  });

  it('shows the failure message on an HTTP error', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 500 }));
    pressKey(document.body, '3');
    await vi.advanceTimersByTimeAsync(600);
    expect(status()).toBe('임시 저장 실패 — 연결을 확인하세요');
  });

  it('flushes a pending change with keepalive on pagehide', () => {
    pressKey(document.body, '2');
    window.dispatchEvent(new Event('pagehide'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][1]?.keepalive).toBe(true);
    // Nothing left to send afterwards.
    window.dispatchEvent(new Event('beforeunload'));
    vi.advanceTimersByTime(1000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('label form submit', () => {
  it('cancels the pending autosave, disables the button and blocks a second submit', () => {
    input(form, 'input[value="negative"]').click();
    expect(submit().defaultPrevented).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(fetchMock).not.toHaveBeenCalled();

    const button = form.querySelector('button')!;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(submit().defaultPrevented).toBe(true);
  });
});
