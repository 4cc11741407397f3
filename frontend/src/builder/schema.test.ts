import { describe, expect, it } from 'vitest';
import { move, newControl, newLabel, parseSchema, serialise, settingFromInput, type KindSpec } from './schema';

const relations: KindSpec = {
  type: 'relations',
  title: 'Link spans',
  labels: true,
  fields: [
    { name: 'spans', label: 'Spans it links', input: 'control', default: null, min: null, max: null, required: true },
    { name: 'directed', label: 'Directed', input: 'bool', default: true, min: null, max: null, required: false },
  ],
};

describe('the schema builder model', () => {
  it('reads labels written as plain strings as label objects', () => {
    const schema = parseSchema('{"controls": [{"type": "choices", "name": "s", "labels": ["a", {"value": "b"}]}]}');
    expect(schema?.controls[0].labels).toEqual([{ value: 'a' }, { value: 'b' }]);
  });

  it('refuses text that is not a schema, so the builder keeps the last good one', () => {
    expect(parseSchema('{"controls": [')).toBeNull();
    expect(parseSchema('[]')).toBeNull();
    expect(parseSchema('{"controls": [3]}')).toBeNull();
  });

  it('gives a new control a free name, its required settings and one label', () => {
    const schema = { controls: [{ type: 'spans', name: 'entities' }, { type: 'relations', name: 'relations' }] };
    const control = newControl(relations, schema);
    expect(control).toMatchObject({ type: 'relations', name: 'relations_2', spans: 'entities', labels: [{ value: 'label_1' }] });
    expect(control).not.toHaveProperty('directed');
  });

  it('gives a new label a value no other label has', () => {
    expect(newLabel({ type: 'choices', name: 'c', labels: [{ value: 'label_2' }, { value: 'x' }] }).value).toBe('label_3');
  });

  it('moves an entry up and down but not past either end', () => {
    const list = ['a', 'b', 'c'];
    expect(move(list, 2, -1)).toBe(1);
    expect(list).toEqual(['a', 'c', 'b']);
    expect(move(list, 0, -1)).toBe(0);
    expect(list).toEqual(['a', 'c', 'b']);
  });

  it('turns typed settings into JSON values', () => {
    const count = { ...relations.fields[0], input: 'int' as const, required: false };
    expect(settingFromInput(count, '12')).toBe(12);
    expect(settingFromInput(count, '')).toBeUndefined();
    expect(settingFromInput(relations.fields[1], false)).toBe(false);
    expect(serialise({ controls: [] })).toBe('{\n  "controls": []\n}');
  });
});
