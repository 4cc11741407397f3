import { beforeEach, describe, expect, it } from 'vitest';
import { input, renderLabelForm, textarea } from '../testing/label_form_fixture';
import { collectResult } from './result';

describe('collectResult', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    form = renderLabelForm();
  });

  it('omits an unanswered single choice and empty text, but keeps [] for multiple', () => {
    expect(collectResult(form)).toEqual({ topics: [] });
  });

  it('reads radio, checkboxes and text', () => {
    input(form, 'input[value="negative"]').checked = true;
    input(form, 'input[value="acting"]').checked = true;
    input(form, 'input[value="plot"]').checked = true;
    textarea(form).value = '연기가 좋았다\n두 줄';
    expect(collectResult(form)).toEqual({
      sentiment: 'negative',
      topics: ['acting', 'plot'],
      note: '연기가 좋았다\n두 줄',
    });
  });

  it('keeps whitespace-only text as typed (same as the non-JS POST)', () => {
    textarea(form).value = ' ';
    expect(collectResult(form).note).toBe(' ');
  });

  it('skips disabled inputs like a normal form submission', () => {
    const acting = input(form, 'input[value="acting"]');
    acting.checked = true;
    acting.disabled = true;
    expect(collectResult(form).topics).toEqual([]);
  });

  it('supports a text control wrapping its field and ignores unknown control types', () => {
    form = renderLabelForm(`
      <form id="label-form">
        <div data-control="title" data-control-type="text"><input type="text" value="hi"></div>
        <div data-control="box" data-control-type="bbox"><input type="text" value="x"></div>
      </form>`);
    expect(collectResult(form)).toEqual({ title: 'hi' });
  });
});
