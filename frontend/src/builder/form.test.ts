import { describe, expect, it } from 'vitest';
import { SchemaBuilder } from './form';
import type { KindSpec, Schema } from './schema';

const KINDS: KindSpec[] = [
  { type: 'choices', title: 'Pick labels', labels: true, fields: [
    { name: 'multiple', label: 'Several', input: 'bool', default: false, min: null, max: null, required: false },
  ] },
  { type: 'rating', title: 'Rate', labels: false, fields: [
    { name: 'max', label: 'Highest', input: 'int', default: 5, min: 2, max: 10, required: false },
  ] },
];

function build(schema: Schema): { root: HTMLElement; changes: Schema[] } {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const changes: Schema[] = [];
  new SchemaBuilder({ root, kinds: KINDS, words: {}, schema, onChange: (changed) => changes.push(structuredClone(changed)) });
  return { root, changes };
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function click(root: HTMLElement, selector: string): void {
  root.querySelector<HTMLButtonElement>(selector)!.click();
}

describe('the schema builder form', () => {
  it('draws a fieldset per control, with the settings its kind declares', () => {
    const { root } = build({ controls: [{ type: 'choices', name: 'mood', labels: [{ value: 'happy' }] }, { type: 'rating', name: 'stars' }] });
    expect(root.querySelectorAll('fieldset.builder-control')).toHaveLength(2);
    expect(root.querySelector('[data-control-index="0"] [data-setting="multiple"]')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('[data-control-index="1"] [data-setting="max"]')!.max).toBe('10');
    expect(root.querySelector('[data-control-index="1"] .builder-labels')).toBeNull();
  });

  it('renames a label, gives it a key and a colour, and writes the schema', () => {
    const { root, changes } = build({ controls: [{ type: 'choices', name: 'mood', labels: [{ value: 'happy' }] }] });
    type(root.querySelector('[data-label="text"]')!, '기쁨');
    type(root.querySelector('[data-label="hotkey"]')!, 'h');
    type(root.querySelector('[data-label="color"]')!, '#112233');
    expect(changes.at(-1)!.controls[0].labels).toEqual([{ value: 'happy', text: '기쁨', hotkey: 'h', color: '#112233' }]);
  });

  it('adds, moves and removes controls and labels', () => {
    const { root, changes } = build({ controls: [{ type: 'choices', name: 'mood', labels: [{ value: 'a' }, { value: 'b' }] }] });
    click(root, '[data-action="label-down"]');
    expect(changes.at(-1)!.controls[0].labels!.map((label) => label.value)).toEqual(['b', 'a']);
    click(root, '[data-action="label-add"]');
    expect(changes.at(-1)!.controls[0].labels).toHaveLength(3);
    root.querySelector<HTMLSelectElement>('[data-new-kind]')!.value = 'rating';
    click(root, '[data-action="control-add"]');
    expect(changes.at(-1)!.controls.map((control) => control.type)).toEqual(['choices', 'rating']);
    click(root, '[data-control-index="1"] [data-action="control-up"]');
    expect(changes.at(-1)!.controls.map((control) => control.type)).toEqual(['rating', 'choices']);
    expect(document.activeElement?.getAttribute('data-focus')).toBe('control-up-0');
    click(root, '[data-control-index="0"] [data-action="control-remove"]');
    expect(changes.at(-1)!.controls.map((control) => control.name)).toEqual(['mood']);
  });

  it('turns a yes/no and a number setting into JSON values', () => {
    const { root, changes } = build({ controls: [{ type: 'choices', name: 'm', labels: [{ value: 'a' }] }, { type: 'rating', name: 's' }] });
    const multiple = root.querySelector<HTMLInputElement>('[data-setting="multiple"]')!;
    multiple.checked = true;
    multiple.dispatchEvent(new Event('change', { bubbles: true }));
    type(root.querySelector('[data-setting="max"]')!, '7');
    expect(changes.at(-1)!.controls[0].multiple).toBe(true);
    expect(changes.at(-1)!.controls[1].max).toBe(7);
  });
});
