// The schema being built, as plain data: the same JSON the server validates, changed by small pure functions
// the builder's form calls. What each kind offers comes from the server (the control registry), never from here.

export interface FieldSpec {
  name: string;
  label: string;
  input: 'bool' | 'int' | 'number' | 'text' | 'control';
  default: unknown;
  min: number | null;
  max: number | null;
  required: boolean;
}

export interface KindSpec {
  type: string;
  title: string;
  labels: boolean;
  fields: FieldSpec[];
}

export interface LabelDoc {
  value: string;
  text?: string;
  hotkey?: string;
  color?: string;
}

export interface Control {
  type: string;
  name: string;
  title?: string;
  required?: boolean;
  labels?: LabelDoc[];
  [setting: string]: unknown;
}

export interface Schema {
  controls: Control[];
}

/** The schema in the JSON field, or null when the text is not (yet) a schema the builder can show. */
export function parseSchema(text: string): Schema | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as Schema).controls)) return null;
  const controls = (parsed as Schema).controls;
  if (!controls.every((control) => typeof control === 'object' && control !== null && typeof control.type === 'string')) {
    return null;
  }
  for (const control of controls) {
    if (Array.isArray(control.labels)) {
      control.labels = control.labels.map((label) => (typeof label === 'string' ? { value: label } : label));
    }
  }
  return parsed as Schema;
}

export function serialise(schema: Schema): string {
  return JSON.stringify(schema, null, 2);
}

function freshName(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** A new control of a kind: a free name, the kind's required settings filled, one label to rename. */
export function newControl(kind: KindSpec, schema: Schema): Control {
  const names = schema.controls.map((control) => control.name);
  const control: Control = { type: kind.type, name: freshName(kind.type, names), title: kind.title };
  for (const field of kind.fields) {
    if (!field.required) continue;
    if (field.input === 'control') control[field.name] = schema.controls[0]?.name ?? '';
    else control[field.name] = field.default ?? (field.input === 'bool' ? false : field.input === 'text' ? '' : field.min ?? 0);
  }
  if (kind.labels) control.labels = [{ value: 'label_1', text: '' }];
  return control;
}

/** A label with a value no other label of the control has. */
export function newLabel(control: Control): LabelDoc {
  const values = (control.labels ?? []).map((label) => label.value);
  let n = values.length + 1;
  while (values.includes(`label_${n}`)) n += 1;
  return { value: `label_${n}`, text: '' };
}

/** Move the entry at `index` by `step` places (−1 up, +1 down); nothing happens at either end. */
export function move<T>(list: T[], index: number, step: number): number {
  const target = index + step;
  if (target < 0 || target >= list.length) return index;
  const [entry] = list.splice(index, 1);
  list.splice(target, 0, entry);
  return target;
}

/** A setting's value from what was typed: numbers as numbers, an emptied optional setting removed. */
export function settingFromInput(field: FieldSpec, raw: string | boolean): unknown {
  if (field.input === 'bool') return Boolean(raw);
  if (raw === '') return undefined;
  if (field.input === 'int' || field.input === 'number') {
    const value = Number(raw);
    return Number.isFinite(value) ? value : raw;
  }
  return raw;
}
