// The builder's form: one fieldset per control (its name, title, required, the settings its kind declares,
// its labels with text, key and colour), drawn from the schema in the hidden JSON field and written back to it
// on every change. Structural changes (add, remove, move) redraw; typing only updates the JSON.

import { colour, el } from '../widgets/regions';
import { move, newControl, newLabel, settingFromInput, type Control, type FieldSpec, type KindSpec, type Schema } from './schema';

export type Words = Record<string, string>;

export interface BuilderOptions {
  root: HTMLElement;
  kinds: KindSpec[];
  words: Words;
  schema: Schema;
  /** Called after every change with the schema as it now is. */
  onChange: (schema: Schema) => void;
}

function word(words: Words, key: string, values: Record<string, string | number> = {}): string {
  return (words[key] ?? key).replace(/%\((\w+)\)s/g, (_, name: string) => String(values[name] ?? ''));
}

let uid = 0;

function labelled(text: string, input: HTMLElement): HTMLLabelElement {
  const id = `builder-${(uid += 1)}`;
  input.id = id;
  const label = el('label', { for: id }, text);
  label.append(input);
  return label;
}

function button(text: string, action: string, accessibleName = text): HTMLButtonElement {
  return el('button', { type: 'button', class: 'outline secondary', 'data-action': action, 'aria-label': accessibleName }, text);
}

export class SchemaBuilder {
  private readonly kinds: Map<string, KindSpec>;

  constructor(private readonly options: BuilderOptions) {
    this.kinds = new Map(options.kinds.map((kind) => [kind.type, kind]));
    options.root.addEventListener('input', (event) => this.onInput(event));
    options.root.addEventListener('change', (event) => this.onInput(event));
    options.root.addEventListener('click', (event) => this.onClick(event));
    this.render();
  }

  get schema(): Schema {
    return this.options.schema;
  }

  /** Show another schema (the JSON was edited by hand). */
  replace(schema: Schema): void {
    this.options.schema = schema;
    this.render();
  }

  render(focusKey = ''): void {
    const { root, words } = this.options;
    root.replaceChildren(
      ...this.schema.controls.map((control, index) => this.controlFieldset(control, index)),
      this.adder(),
    );
    if (focusKey) root.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`)?.focus();
    root.setAttribute('aria-label', word(words, 'labels'));
  }

  private controlFieldset(control: Control, index: number): HTMLFieldSetElement {
    const { words } = this.options;
    const kind = this.kinds.get(control.type);
    const legend = el('legend', {}, `${word(words, 'control_n', { n: index + 1 })} · ${kind?.title ?? control.type}`);
    const fieldset = el('fieldset', { class: 'builder-control', 'data-control-index': String(index) }, legend);
    const row = el('div', { class: 'builder-row' });
    row.append(
      labelled(word(words, 'name'), el('input', { type: 'text', value: control.name, 'data-setting': 'name', required: '' })),
      labelled(word(words, 'title'), el('input', { type: 'text', value: control.title ?? '', 'data-setting': 'title' })),
      this.checkbox(word(words, 'answer_required'), 'required', control.required ?? true),
    );
    fieldset.append(row);
    const settings = el('div', { class: 'builder-row' });
    for (const field of kind?.fields ?? []) settings.append(this.settingInput(field, control));
    if (settings.childElementCount) fieldset.append(settings);
    if (kind?.labels) fieldset.append(this.labelTable(control, index));
    const tools = el('div', { class: 'builder-tools' });
    const name = control.title || control.name;
    tools.append(
      button('↑', 'control-up', `${word(words, 'up')}: ${name}`),
      button('↓', 'control-down', `${word(words, 'down')}: ${name}`),
      button(word(words, 'remove'), 'control-remove', `${word(words, 'remove')}: ${name}`),
    );
    tools.querySelectorAll('button').forEach((tool) => tool.setAttribute('data-focus', `${tool.dataset.action}-${index}`));
    fieldset.append(tools);
    return fieldset;
  }

  private checkbox(text: string, setting: string, checked: boolean): HTMLLabelElement {
    const input = el('input', { type: 'checkbox', 'data-setting': setting });
    input.checked = checked;
    const label = labelled(text, input);
    label.prepend(input); // a check box goes before its words
    return label;
  }

  private settingInput(field: FieldSpec, control: Control): HTMLElement {
    const current = control[field.name] ?? field.default;
    if (field.input === 'bool') return this.checkbox(field.label, field.name, Boolean(current));
    if (field.input === 'control') {
      const select = el('select', { 'data-setting': field.name });
      for (const other of this.schema.controls) {
        if (other === control) continue;
        const option = el('option', { value: other.name }, other.title || other.name);
        option.selected = other.name === current;
        select.append(option);
      }
      return labelled(field.label, select);
    }
    const numeric = field.input === 'int' || field.input === 'number';
    const input = el('input', { type: numeric ? 'number' : 'text', 'data-setting': field.name, value: current == null ? '' : String(current) });
    if (field.min != null) input.min = String(field.min);
    if (field.max != null) input.max = String(field.max);
    if (field.input === 'number') input.step = 'any';
    return labelled(field.label, input);
  }

  private labelTable(control: Control, controlIndex: number): HTMLElement {
    const { words } = this.options;
    const list = el('ol', { class: 'builder-labels', 'aria-label': `${word(words, 'labels')}: ${control.title || control.name}` });
    const offset = this.colourOffset(controlIndex);
    (control.labels ?? []).forEach((label, index) => {
      const name = label.text || label.value;
      const item = el('li', { 'data-label-index': String(index) });
      const key = el('input', { type: 'text', maxlength: '1', size: '2', value: label.hotkey ?? '', 'data-label': 'hotkey' });
      const paint = el('input', { type: 'color', value: label.color || colour(offset + index).toLowerCase(), 'data-label': 'color' });
      item.append(
        labelled(word(words, 'value'), el('input', { type: 'text', value: label.value, 'data-label': 'value' })),
        labelled(word(words, 'text'), el('input', { type: 'text', value: label.text ?? '', 'data-label': 'text' })),
        labelled(word(words, 'hotkey'), key),
        labelled(word(words, 'color'), paint),
        button('↑', 'label-up', `${word(words, 'up')}: ${name}`),
        button('↓', 'label-down', `${word(words, 'down')}: ${name}`),
        button('×', 'label-remove', `${word(words, 'remove')}: ${name}`),
      );
      item.querySelectorAll('button').forEach((tool) => tool.setAttribute('data-focus', `${tool.dataset.action}-${controlIndex}-${index}`));
      list.append(item);
    });
    const add = button(word(words, 'add_label'), 'label-add');
    add.setAttribute('data-focus', `label-add-${controlIndex}`);
    return el('div', { class: 'builder-label-list' }, list, add);
  }

  /** Where a control's labels start in the widgets' colour order (as regions.ts counts them). */
  private colourOffset(controlIndex: number): number {
    return this.schema.controls.slice(0, controlIndex).reduce((sum, control) => sum + (control.labels?.length ?? 0), 0);
  }

  private adder(): HTMLElement {
    const { words } = this.options;
    const select = el('select', { 'data-new-kind': '' });
    for (const kind of this.kinds.values()) select.append(el('option', { value: kind.type }, kind.title));
    const add = button(word(words, 'add_control'), 'control-add');
    add.setAttribute('data-focus', 'control-add');
    return el('div', { class: 'builder-adder' }, labelled(word(words, 'kind'), select), add);
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const fieldset = target.closest<HTMLElement>('[data-control-index]');
    if (!fieldset) return;
    const control = this.schema.controls[Number(fieldset.dataset.controlIndex)];
    const labelRow = target.closest<HTMLElement>('[data-label-index]');
    if (labelRow && target.dataset.label && control.labels) {
      const label = control.labels[Number(labelRow.dataset.labelIndex)];
      label[target.dataset.label as 'value' | 'text' | 'hotkey' | 'color'] = target.value;
      if (!label.hotkey) delete label.hotkey;
    } else if (target.dataset.setting) {
      this.setSetting(control, target);
    } else {
      return;
    }
    this.options.onChange(this.schema);
  }

  private setSetting(control: Control, target: HTMLInputElement | HTMLSelectElement): void {
    const name = target.dataset.setting ?? '';
    const raw = target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value;
    const field = this.kinds.get(control.type)?.fields.find((spec) => spec.name === name);
    const value = field ? settingFromInput(field, raw) : raw;
    if (value === undefined) delete control[name];
    else control[name] = value;
  }

  private onClick(event: Event): void {
    const tool = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (!tool) return;
    const action = tool.dataset.action ?? '';
    const fieldset = tool.closest<HTMLElement>('[data-control-index]');
    const index = Number(fieldset?.dataset.controlIndex ?? -1);
    const controls = this.schema.controls;
    let focus = tool.dataset.focus ?? '';
    if (action === 'control-add') {
      const select = this.options.root.querySelector<HTMLSelectElement>('[data-new-kind]');
      const kind = this.kinds.get(select?.value ?? '');
      if (kind) controls.push(newControl(kind, this.schema));
      focus = 'control-add';
    } else if (action === 'control-up' || action === 'control-down') {
      focus = `${action}-${move(controls, index, action === 'control-up' ? -1 : 1)}`;
    } else if (action === 'control-remove') {
      controls.splice(index, 1);
      focus = 'control-add';
    } else {
      focus = this.labelAction(action, controls[index], tool, index) || focus;
    }
    this.render(focus);
    this.options.onChange(this.schema);
  }

  private labelAction(action: string, control: Control, tool: HTMLElement, controlIndex: number): string {
    const labels = (control.labels ??= []);
    const index = Number(tool.closest<HTMLElement>('[data-label-index]')?.dataset.labelIndex ?? -1);
    if (action === 'label-add') {
      labels.push(newLabel(control));
      return `label-add-${controlIndex}`;
    }
    if (action === 'label-remove') {
      labels.splice(index, 1);
      return `label-add-${controlIndex}`;
    }
    const moved = move(labels, index, action === 'label-up' ? -1 : 1);
    return `${action}-${controlIndex}-${moved}`;
  }
}
