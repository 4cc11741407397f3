// The list beside the image: every box, polygon and point with its label and its place in named fields
// (x, y, width, height in pixels), to check, relabel, place exactly by keyboard, show or delete.

import { type Region, type RegionField, el, labelSelect, round, t } from './regions';

export interface ListActions {
  select(field: RegionField, id: string): void;
  move(field: RegionField, id: string, change: Partial<Region>): void;
  /** Adds a box or point in the middle with the picked label; returns its id. */
  add(field: RegionField): string;
  relabel(field: RegionField, id: string, label: string): void;
  remove(field: RegionField, id: string): void;
}

/** A region's place in named fields: "x 12, y 40, width 100, height 80 px". */
export function describe(field: RegionField, region: Region): string {
  if (field.type === 'boxes') {
    return t('box_named', 'x %(x)s, y %(y)s, width %(w)s, height %(h)s px', {
      x: Number(region.x), y: Number(region.y), w: Number(region.width), h: Number(region.height),
    });
  }
  if (field.type === 'polygons') {
    return t('polygon_points', '%(n)s points', { n: Array.isArray(region.points) ? region.points.length : 0 });
  }
  return t('point_named', 'x %(x)s, y %(y)s px', { x: Number(region.x), y: Number(region.y) });
}

export function renderList(list: HTMLElement, fields: RegionField[], readonly: boolean, actions: ListActions): void {
  list.replaceChildren();
  for (const field of fields) {
    const regions = field.read();
    const heading = el('h4', {}, `${field.title} (${regions.length})`);
    const items = el('ol', { 'data-testid': `regions-${field.name}` });
    regions.forEach((region, index) => {
      const name = `${field.title} ${index + 1}`;
      const row = el('li', { 'data-region-id': region.id });
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${field.labelColour(region.label)}` });
      if (readonly) {
        row.append(swatch, el('strong', {}, field.labelText(region.label)), ` ${name}: ${describe(field, region)}`);
      } else {
        const select = labelSelect(field, region.label, t('label_of', 'Label of %(name)s', { name }));
        select.addEventListener('change', () => actions.relabel(field, region.id, select.value));
        const show = el('button', { type: 'button', class: 'tool' }, t('show', 'Show'));
        show.setAttribute('aria-label', t('show_named', 'Show %(name)s', { name }));
        show.addEventListener('click', () => actions.select(field, region.id));
        const remove = el('button', { type: 'button', class: 'tool', 'data-testid': 'remove-region' }, t('delete', 'Delete'));
        remove.setAttribute('aria-label', t('delete_named', 'Delete %(name)s', { name }));
        remove.addEventListener('click', () => actions.remove(field, region.id));
        row.append(el('div', { class: 'region-head' }, swatch, el('span', { class: 'region-name' }, name), select, show, remove),
          geometryInputs(field, region, name, actions));
      }
      items.append(row);
    });
    list.append(heading, items);
    if (!readonly && field.type !== 'polygons') {
      const add = el('button', { type: 'button', class: 'tool', 'data-testid': `add-${field.name}` },
        field.type === 'boxes' ? t('add_box', 'Add a box in the middle') : t('add_point', 'Add a point in the middle'));
      add.addEventListener('click', () => {
        const id = actions.add(field);
        list.querySelector<HTMLInputElement>(`[data-testid="regions-${field.name}"] [data-region-id="${id}"] input`)?.focus();
      });
      list.append(add);
    }
  }
}

// Each number field: the stored key, its short visible name, and its full name for a screen reader.
const GEOMETRY: Record<string, Array<[string, string, string, string, string]>> = {
  boxes: [['x', 'x_short', 'x', 'x_of', 'Left edge of %(name)s, px'], ['y', 'y_short', 'y', 'y_of', 'Top edge of %(name)s, px'],
    ['width', 'width_short', 'width', 'width_of', 'Width of %(name)s, px'],
    ['height', 'height_short', 'height', 'height_of', 'Height of %(name)s, px']],
  keypoints: [['x', 'x_short', 'x', 'px_of', 'x of %(name)s, px'], ['y', 'y_short', 'y', 'py_of', 'y of %(name)s, px']],
};

/** Named number fields for a box's or point's place, so shapes can be placed and nudged by keyboard. */
function geometryInputs(field: RegionField, region: Region, name: string, actions: ListActions): HTMLElement {
  const keys = GEOMETRY[field.type];
  if (!keys) return el('p', { class: 'region-fields' }, describe(field, region));
  const labels = keys.map(([key, short, shortFallback, message, fallback]) => {
    const word = t(short, shortFallback);
    const input = el('input', { type: 'number', step: 'any', min: '0', inputmode: 'decimal', 'aria-label': `${word}: ${t(message, fallback, { name })}` });
    input.value = String(region[key]);
    input.addEventListener('change', () => {
      const value = Number(input.value);
      if (Number.isFinite(value) && value >= 0 && (key === 'x' || key === 'y' || value > 0)) actions.move(field, region.id, { [key]: round(value) });
    });
    return el('label', { class: 'num' }, el('span', { 'aria-hidden': 'true' }, word), input);
  });
  return el('div', { class: 'region-fields' }, ...labels, el('span', { class: 'unit', 'aria-hidden': 'true' }, 'px'));
}
