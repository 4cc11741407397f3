import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pressKey } from '../testing/label_form_fixture';
import { initLabelPage, isAnswered, type LabelPage } from './label_page';

// The task page as Django renders it: three items, each with the same choices and an optional note.
function item(id: number, number: number): string {
  return `
  <section class="page-item" data-page-item tabindex="-1" aria-labelledby="h${id}"
           data-msg-unanswered="${number}번 항목에 아직 답이 없습니다.">
    <h2 id="h${id}">Item ${number} of 3</h2>
    <input type="hidden" name="assignment" value="${id}">
    <p class="item-text">문장 ${number}</p>
    <fieldset data-control="sentiment" data-control-type="choices" data-multiple="false" data-required="true">
      <legend>sentiment</legend>
      <label><input type="radio" name="a${id}-sentiment" value="positive" data-hotkey="1"> <kbd>1</kbd> 긍정</label>
      <label><input type="radio" name="a${id}-sentiment" value="negative" data-hotkey="2"> <kbd>2</kbd> 부정</label>
    </fieldset>
    <label for="a${id}-control-note">note</label>
    <textarea id="a${id}-control-note" name="a${id}-note" data-control="note" data-control-type="text" data-required="false"></textarea>
  </section>`;
}

const PAGE_HTML = `
<main id="main" tabindex="-1">
<form id="label-page" method="post" action="/projects/5/page/submit/">
  <input type="hidden" name="active_seconds" value="0">
  ${item(11, 1)}${item(12, 2)}${item(13, 3)}
  <div class="page-action-bar">
    <button type="submit">Submit</button>
    <p role="status" aria-live="polite" data-page-status></p>
  </div>
</form>
</main>`;

let form: HTMLFormElement;
let page: LabelPage;
let posted: ReturnType<typeof vi.fn<(event: Event) => void>>;

function items(): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>('[data-page-item]'));
}

function radio(id: number, value: string): HTMLInputElement {
  return form.querySelector<HTMLInputElement>(`input[name="a${id}-sentiment"][value="${value}"]`)!;
}

function status(): string {
  return form.querySelector('[data-page-status]')!.textContent ?? '';
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = PAGE_HTML;
  form = document.querySelector<HTMLFormElement>('#label-page')!;
  // requestSubmit fires a real submit event; the listener stands in for the browser posting the form.
  posted = vi.fn<(event: Event) => void>((event) => event.preventDefault());
  page = initLabelPage(form)!;
  form.addEventListener('submit', (event) => {
    if (!event.defaultPrevented) posted(event);
  });
});

afterEach(() => {
  page.destroy();
  vi.useRealTimers();
});

describe('the task page by keyboard', () => {
  it('labels the first item before anything has the focus', () => {
    pressKey(document.body, '2');
    expect(radio(11, 'negative').checked).toBe(true);
    expect(radio(12, 'negative').checked).toBe(false);
    expect(document.activeElement).toBe(radio(11, 'negative'));
  });

  it('moves between items with the arrows and labels only the item that holds the focus', () => {
    pressKey(document.body, '1');
    const down = pressKey(document.activeElement!, 'ArrowDown');
    expect(down.defaultPrevented).toBe(true); // the radio group must not pick its next option
    expect(radio(11, 'negative').checked).toBe(false);
    expect(document.activeElement).toBe(items()[1]);
    expect(items()[1].hasAttribute('data-current')).toBe(true);
    expect(items()[0].hasAttribute('data-current')).toBe(false);

    pressKey(document.activeElement!, '2');
    expect(radio(12, 'negative').checked).toBe(true);
    expect(radio(11, 'positive').checked).toBe(true);
    expect(radio(13, 'negative').checked).toBe(false);

    pressKey(document.activeElement!, 'ArrowDown');
    pressKey(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(items()[1]);
  });

  it('stays on the last item at its end', () => {
    items()[2].focus();
    pressKey(items()[2], 'ArrowDown');
    expect(document.activeElement).toBe(items()[2]);
  });

  it('leaves keys typed into a note to the note', () => {
    const note = form.querySelector<HTMLTextAreaElement>('#a12-control-note')!;
    note.focus();
    expect(pressKey(note, '1').defaultPrevented).toBe(false);
    expect(pressKey(note, 'ArrowDown').defaultPrevented).toBe(false);
    expect(pressKey(note, 'Enter').defaultPrevented).toBe(false);
    expect(radio(12, 'positive').checked).toBe(false);
    expect(document.activeElement).toBe(note);
  });
});

describe('sending the page', () => {
  it('goes to the first item without an answer and says so, instead of posting', () => {
    pressKey(document.body, '1');
    pressKey(document.activeElement!, 'ArrowDown');
    pressKey(document.activeElement!, 'ArrowDown');
    pressKey(document.activeElement!, '2');

    pressKey(document.activeElement!, 'Enter');
    expect(posted).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(items()[1]);
    expect(status()).toBe('2번 항목에 아직 답이 없습니다.');

    // Enter again on the same item: the words change a little, so a screen reader reads them again.
    pressKey(document.activeElement!, 'Enter');
    expect(status().trim()).toBe('2번 항목에 아직 답이 없습니다.');
    expect(status()).not.toBe('2번 항목에 아직 답이 없습니다.');
  });

  it('posts once when every item has its required answer; an empty optional note is fine', () => {
    for (const id of [11, 12, 13]) radio(id, 'positive').click();
    pressKey(document.body, 'Enter');
    pressKey(document.body, 'Enter');
    expect(posted).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(form.querySelector('button')!.disabled).toBe(true);
  });

  it('checks the page the same way when the button is clicked', () => {
    radio(11, 'positive').click();
    form.querySelector('button')!.click();
    expect(posted).not.toHaveBeenCalled();
    expect(status()).toBe('2번 항목에 아직 답이 없습니다.');
  });
});

describe('what counts as answered', () => {
  it('needs a picked option or written text for each required control', () => {
    const [first] = items();
    expect(isAnswered(first)).toBe(false);
    radio(11, 'negative').checked = true;
    expect(isAnswered(first)).toBe(true);
    const note = first.querySelector('textarea')!;
    note.dataset.required = 'true';
    note.value = '   ';
    expect(isAnswered(first)).toBe(false);
    note.value = '좋아요';
    expect(isAnswered(first)).toBe(true);
  });
});
