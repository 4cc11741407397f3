// The labeling form as Django renders it, for unit tests.

export const LABEL_FORM_HTML = `
<form id="label-form" method="post" action="/projects/5/tasks/12/submit/"
      data-draft-url="/api/v1/assignments/12/draft"
      data-msg-saving="저장 중…" data-msg-saved="임시 저장됨" data-msg-failed="임시 저장 실패 — 연결을 확인하세요">
  <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">
  <fieldset data-control="sentiment" data-control-type="choices" data-multiple="false">
    <legend>Sentiment</legend>
    <label><input type="radio" name="sentiment" value="positive" data-hotkey="1"> <kbd>1</kbd> 긍정</label>
    <label><input type="radio" name="sentiment" value="negative" data-hotkey="2"> <kbd>2</kbd> 부정</label>
  </fieldset>
  <fieldset data-control="topics" data-control-type="choices" data-multiple="true">
    <legend>Topics</legend>
    <label><input type="checkbox" name="topics" value="acting" data-hotkey="3"> <kbd>3</kbd> acting</label>
    <label><input type="checkbox" name="topics" value="plot" data-hotkey="4"> <kbd>4</kbd> plot</label>
  </fieldset>
  <label>Note <textarea name="note" data-control="note" data-control-type="text"></textarea></label>
  <button type="submit">Submit</button>
  <p role="status" aria-live="polite" data-autosave-status></p>
</form>`;

/** Renders a fresh page with the CSRF meta tag and the form; returns the form. */
export function renderLabelForm(html: string = LABEL_FORM_HTML): HTMLFormElement {
  document.head.innerHTML = '<meta name="csrf-token" content="TOKEN">';
  document.body.innerHTML = html;
  return document.querySelector<HTMLFormElement>('#label-form')!;
}

export function input(form: HTMLFormElement, selector: string): HTMLInputElement {
  const element = form.querySelector<HTMLInputElement>(selector);
  if (!element) throw new Error(`no element for ${selector}`);
  return element;
}

export function textarea(form: HTMLFormElement): HTMLTextAreaElement {
  return form.querySelector('textarea')!;
}

/** Dispatches a keydown the way a browser would (bubbling, cancelable). */
export function pressKey(
  target: EventTarget,
  key: string,
  init: Omit<KeyboardEventInit, 'key'> = {},
): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
