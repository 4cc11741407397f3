import { describe, expect, it, vi } from 'vitest';
import { collectResult } from '../shared/result';
import { codePointIndex, codePointSlice, colour, nextId, RegionField, utf16Index } from './regions';

function hidden(value: string, extra = ''): HTMLInputElement {
  document.body.innerHTML = `<form id="f"><input type="hidden" name="objects" data-control="objects"
    data-control-type="regions" data-region-type="boxes" data-title="물체"
    data-labels='[{"value":"cat","text":"고양이","hotkey":"1"}]' value='${value}' ${extra}>
    <fieldset data-control="quality" data-control-type="rating">
      <input type="radio" name="quality" value="1"><input type="radio" name="quality" value="3" checked>
    </fieldset></form>`;
  return document.querySelector('input')!;
}

describe('code point offsets', () => {
  it('are the same as UTF-16 indices for Hangul', () => {
    expect(codePointIndex('홍길동은', 3)).toBe(3);
    expect(codePointSlice('홍길동은 서울', 0, 3)).toBe('홍길동');
  });

  it('count an emoji as one character, as Python does', () => {
    const text = '😀 홍길동';
    expect(codePointIndex(text, 3)).toBe(2);
    expect(utf16Index(text, 2)).toBe(3);
    expect(codePointSlice(text, 2, 5)).toBe('홍길동');
  });
});

describe('nextId', () => {
  it('takes the next free number of the prefix', () => {
    expect(nextId('b', [])).toBe('b1');
    expect(nextId('b', [{ id: 'b2' }, { id: 'b3' }])).toBe('b4');
    expect(nextId('b', [{ id: 'b2' }])).toBe('b3');
  });
});

describe('RegionField', () => {
  it('reads its labels and list, and writing fires the input event autosave listens to', () => {
    const input = hidden('[{"id":"b1","x":1,"y":2,"width":3,"height":4,"label":"cat"}]');
    const field = new RegionField(input);
    const onInput = vi.fn();
    document.querySelector('form')!.addEventListener('input', onInput);

    expect(field.labelText('cat')).toBe('고양이');
    expect(field.read()).toHaveLength(1);
    field.write([]);

    expect(input.value).toBe('[]');
    expect(onInput).toHaveBeenCalledTimes(1);
  });

  it('treats an unreadable field as empty', () => {
    expect(new RegionField(hidden('{oops')).read()).toEqual([]);
  });
});

describe('collectResult with region and rating controls', () => {
  it('sends the list and the number, and leaves out an empty list', () => {
    hidden('[{"id":"b1","x":1,"y":2,"width":3,"height":4,"label":"cat"}]');
    const form = document.querySelector<HTMLFormElement>('#f')!;
    expect(collectResult(form)).toEqual({
      objects: [{ id: 'b1', x: 1, y: 2, width: 3, height: 4, label: 'cat' }],
      quality: 3,
    });
    (form.querySelector('input[name="objects"]') as HTMLInputElement).value = '[]';
    expect(collectResult(form)).toEqual({ quality: 3 });
  });
});

describe('label colours', () => {
  it('uses the colour the schema gives a label, and the palette for the others', () => {
    const input = document.createElement('input');
    input.dataset.control = 'objects';
    input.dataset.labels = JSON.stringify([
      { value: 'car', text: 'Car', hotkey: '', color: '#112233' },
      { value: 'bus', text: 'Bus', hotkey: '' },
    ]);
    const field = new RegionField(input);
    expect(field.labelColour('car')).toBe('#112233');
    expect(field.labelColour('bus')).toBe(colour(1));
  });
});
