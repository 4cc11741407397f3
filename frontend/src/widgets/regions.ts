// What every region widget (image, text, audio) shares: the hidden field each control keeps its list in,
// the label picker, the translated words, ids, colours, and the list of regions under the widget.
//
// The server renders one <section data-widget> per item field. Inside it, one hidden input per control
// (data-control-type="regions") holds that control's value as JSON, exactly as the annotation stores it;
// a widget changes the list only through RegionField.write(), which also fires the `input` event the
// labeling form's autosave listens to.

import { regionsOf } from '../shared/result';

export interface Label {
  value: string;
  text: string;
  hotkey: string;
  /** The schema's own colour (#rrggbb); empty or absent: the palette's colour for the label's place. */
  color?: string;
}

export interface Region {
  id: string;
  label: string;
  [key: string]: unknown;
}

export type Messages = Record<string, string>;

let cachedMessages: Messages | null = null;

/** The page's translated words for the widgets (a json_script block), with English fallbacks. */
export function messages(): Messages {
  if (cachedMessages) return cachedMessages;
  const node = document.getElementById('widget-messages');
  let loaded: Messages = {};
  try {
    loaded = node?.textContent ? (JSON.parse(node.textContent) as Messages) : {};
  } catch {
    loaded = {};
  }
  cachedMessages = loaded;
  return loaded;
}

export function t(key: string, fallback: string, values: Record<string, string | number> = {}): string {
  const template = messages()[key] ?? fallback;
  return template.replace(/%\((\w+)\)s/g, (_, name: string) => String(values[name] ?? ''));
}

/** One control's value, kept in its hidden field. */
export class RegionField {
  readonly name: string;
  readonly type: string;
  readonly title: string;
  readonly labels: Label[];
  readonly spansControl: string;
  /** Where this control's labels start in the widget's colour order, so two controls never share colours. */
  colourOffset = 0;

  constructor(readonly input: HTMLInputElement) {
    this.name = input.dataset.control ?? '';
    this.type = input.dataset.regionType ?? '';
    this.title = input.dataset.title ?? this.name;
    this.spansControl = input.dataset.spansControl ?? '';
    this.labels = parseLabels(input.dataset.labels);
  }

  read(): Region[] {
    return regionsOf(this.input).filter(isRegion);
  }

  write(regions: Region[]): void {
    this.input.value = JSON.stringify(regions);
    // Hidden inputs fire nothing by themselves; the form's autosave listens for input.
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  labelText(value: string): string {
    return this.labels.find((label) => label.value === value)?.text ?? value;
  }

  labelIndex(value: string): number {
    return this.colourOffset + Math.max(0, this.labels.findIndex((label) => label.value === value));
  }

  /** The label's colour: the one the schema gives it, else the palette's for its place. */
  labelColour(value: string): `#${string}` {
    const own = this.labels.find((label) => label.value === value)?.color;
    return own && /^#[0-9a-fA-F]{6}$/.test(own) ? (own as `#${string}`) : colour(this.labelIndex(value));
  }
}

function isRegion(value: unknown): value is Region {
  return typeof value === 'object' && value !== null && typeof (value as Region).id === 'string';
}

function parseLabels(raw: string | undefined): Label[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? (parsed as Label[]) : [];
  } catch {
    return [];
  }
}

export function fieldsOf(section: HTMLElement): RegionField[] {
  let offset = 0;
  return Array.from(section.querySelectorAll<HTMLInputElement>('input[data-control-type="regions"]')).map((input) => {
    const field = new RegionField(input);
    field.colourOffset = offset;
    offset += field.labels.length;
    return field;
  });
}

/** A fresh id such as "b3": the prefix and the next number no region of the list uses yet. */
export function nextId(prefix: string, regions: Array<{ id: string }>): string {
  const taken = new Set(regions.map((region) => region.id));
  let n = regions.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export const PREFIX: Record<string, string> = {
  boxes: 'b', polygons: 'p', keypoints: 'k', spans: 's', relations: 'r', segments: 'g',
};

// Colour-blind-safe palette (Okabe–Ito), one colour per label in order.
const PALETTE: Array<`#${string}`> = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

export function colour(index: number): `#${string}` {
  return PALETTE[index % PALETTE.length];
}

export interface Pick {
  control: string;
  type: string;
  label: string;
}

/** The label (and so the control and tool) the worker chose in the section's picker. */
export function currentPick(section: HTMLElement): Pick | null {
  const radio = section.querySelector<HTMLInputElement>('[data-picker="regions"] input[type="radio"]:checked');
  if (!radio) return null;
  return { control: radio.dataset.pickControl ?? '', type: radio.dataset.pickType ?? '', label: radio.value };
}

export function currentRelationLabel(section: HTMLElement, control: string): string {
  const picker = section.querySelector<HTMLElement>(`[data-picker="relations"][data-relation-control="${CSS.escape(control)}"]`);
  return picker?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? '';
}

/** Whether a key is a label's hotkey on this form: those keep their meaning wherever the focus is. */
export function isLabelHotkey(key: string, root: ParentNode): boolean {
  const wanted = key.toLowerCase();
  return Array.from(root.querySelectorAll<HTMLInputElement>('input[data-hotkey]')).some((input) => input.dataset.hotkey?.toLowerCase() === wanted);
}

export function isReadonly(section: HTMLElement): boolean {
  return section.dataset.readonly === 'true';
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** Small DOM builder: el('button', {type: 'button'}, 'Delete'). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** A <select> of a control's labels, for changing a region's label by keyboard. */
export function labelSelect(field: RegionField, current: string, accessibleName: string): HTMLSelectElement {
  const select = el('select', { 'aria-label': accessibleName });
  for (const label of field.labels) {
    const option = el('option', { value: label.value }, label.text);
    option.selected = label.value === current;
    select.append(option);
  }
  return select;
}

/** Runs `start` for every widget section of this kind once the page is ready. */
export function onReady(kind: string, start: (section: HTMLElement) => unknown): void {
  const run = (): void => {
    document.querySelectorAll<HTMLElement>(`section[data-widget="${kind}"]`).forEach((section) => {
      if (section.dataset.widgetReady) return;
      section.dataset.widgetReady = 'true';
      colourPicker(section);
      toolbarKeys(section);
      start(section);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** Keep Enter inside the widget's own fields from submitting the whole form. */
export function keepEnterLocal(container: HTMLElement): void {
  container.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) {
      event.preventDefault();
      target.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
}

/** Python-style code-point offsets for a UTF-16 index into `text` (Hangul is one unit; emoji are two). */
export function codePointIndex(text: string, utf16Index: number): number {
  return Array.from(text.slice(0, utf16Index)).length;
}

export function utf16Index(text: string, codePoints: number): number {
  return Array.from(text).slice(0, codePoints).join('').length;
}

export function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** A colour swatch beside each label of the picker, matching the colour its regions are drawn in. */
export function colourPicker(section: HTMLElement): void {
  const fields = new Map(fieldsOf(section).map((field) => [field.name, field]));
  section.querySelectorAll<HTMLInputElement>('[data-picker="regions"] input[data-pick-control]').forEach((radio) => {
    const field = fields.get(radio.dataset.pickControl ?? '');
    if (!field || radio.parentElement?.querySelector('.swatch')) return;
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${field.labelColour(radio.value)}` });
    radio.after(swatch);
  });
}

/** Say something to screen readers through the widget's own polite live region. */
export function announce(section: HTMLElement, message: string): void {
  let live = section.querySelector<HTMLElement>('[data-widget-live]');
  if (!live) {
    live = el('p', { 'data-widget-live': '', role: 'status', 'aria-live': 'polite', class: 'visually-hidden' });
    section.append(live);
  }
  live.textContent = message;
}

/** The tool bar as a toolbar: Left and Right arrows (Home, End) move between its buttons; Tab still stops at each. */
export function toolbarKeys(section: HTMLElement): void {
  const bar = section.querySelector<HTMLElement>('[role="toolbar"]');
  bar?.addEventListener('keydown', (event) => {
    if (!(event.target instanceof HTMLButtonElement) || event.altKey || event.ctrlKey || event.metaKey) return;
    const buttons = Array.from(bar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
    const at = buttons.indexOf(event.target);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined || !buttons.length) return;
    buttons[(next + buttons.length) % buttons.length].focus();
    event.preventDefault();
  });
}
