// Boxes and polygons on one image with Annotorious; keypoints with a small layer of our own
// (Annotorious 3 and plugin-tools have no point tool). Coordinates are pixels of the original image.

import '@annotorious/annotorious/annotorious.css';
import {
  createImageAnnotator, type ImageAnnotation, type ImageAnnotator, UserSelectAction,
} from '@annotorious/annotorious';
import {
  type Region, type RegionField, clamp, colour, currentPick, el, fieldsOf, isReadonly, keepEnterLocal, labelSelect,
  nextId, PREFIX, round, t,
} from './regions';

const TOOL: Record<string, 'rectangle' | 'polygon'> = { boxes: 'rectangle', polygons: 'polygon' };
const SVG = 'http://www.w3.org/2000/svg';

interface Owner {
  field: RegionField;
  id: string;
}

export function startImageWidget(section: HTMLElement): void {
  const img = section.querySelector<HTMLImageElement>('img');
  if (!img) return;
  if (img.complete && img.naturalWidth > 0) mount(section, img);
  else img.addEventListener('load', () => mount(section, img), { once: true });
}

function mount(section: HTMLElement, img: HTMLImageElement): void {
  const readonly = isReadonly(section);
  const fields = fieldsOf(section);
  const byName = new Map(fields.map((field) => [field.name, field]));
  const size = { width: img.naturalWidth, height: img.naturalHeight };
  const owners = new Map<string, Owner>(); // annotation id -> control and region id

  const anno: ImageAnnotator = createImageAnnotator(img, {
    drawingEnabled: !readonly,
    drawingMode: 'drag',
    userSelectAction: readonly ? UserSelectAction.NONE : UserSelectAction.EDIT,
    style: (annotation: ImageAnnotation) => {
      const owner = owners.get(annotation.id);
      const label = annotation.bodies.find((body) => body.purpose === 'tagging')?.value ?? '';
      const index = owner ? owner.field.labelIndex(label) : 0;
      return { fill: colour(index), fillOpacity: 0.2, stroke: colour(index), strokeWidth: 2 } as const;
    },
  });

  const points = pointLayer(img, size, readonly);
  const list = section.querySelector<HTMLElement>('[data-region-list]')!;

  // Start from what the server rendered (the draft, the pre-label or the answer under review).
  const start: ImageAnnotation[] = [];
  for (const field of fields) {
    for (const region of field.read()) {
      const annotation = toAnnotation(field, region);
      if (annotation) {
        owners.set(annotation.id, { field, id: region.id });
        start.push(annotation);
      }
    }
  }
  anno.setAnnotations(start, true);

  const render = (): void => {
    renderList(list, fields, readonly, {
      select: (field, id) => {
        if (field.type === 'keypoints') points.highlight(id);
        else anno.setSelected(annotationIdOf(owners, field.name, id));
      },
      relabel: (field, id, label) => {
        field.write(field.read().map((region) => (region.id === id ? { ...region, label } : region)));
        if (field.type !== 'keypoints') {
          const annotationId = annotationIdOf(owners, field.name, id);
          const annotation = anno.getAnnotationById(annotationId);
          if (annotation) anno.updateAnnotation({ ...annotation, bodies: [tag(annotationId, label)] });
        }
        refresh();
      },
      move: (field, id, change) => {
        const region = { ...field.read().find((r) => r.id === id)!, ...change };
        field.write(field.read().map((r) => (r.id === id ? region : r)));
        const annotationId = annotationIdOf(owners, field.name, id);
        const shape = toAnnotation(field, region);
        if (annotationId && shape) anno.updateAnnotation({ ...shape, id: annotationId, target: { ...shape.target, annotation: annotationId } });
        points.draw(fields.filter((f) => f.type === 'keypoints'));
      },
      add: (field) => {
        const pick = currentPick(section);
        const label = pick && pick.control === field.name ? pick.label : field.labels[0]?.value ?? '';
        const regions = field.read();
        const id = nextId(PREFIX[field.type], regions);
        const [w, h] = [round(size.width / 4), round(size.height / 4)];
        const region: Region = field.type === 'boxes'
          ? { id, x: round((size.width - w) / 2), y: round((size.height - h) / 2), width: w, height: h, label }
          : { id, x: round(size.width / 2), y: round(size.height / 2), label };
        field.write([...regions, region]);
        const shape = toAnnotation(field, region);
        if (shape) {
          owners.set(shape.id, { field, id });
          anno.addAnnotation(shape);
        }
        refresh();
        list.querySelector<HTMLInputElement>(`[data-region-id="${id}"] input`)?.focus();
      },
      remove: (field, id) => {
        field.write(field.read().filter((region) => region.id !== id));
        if (field.type !== 'keypoints') {
          const annotationId = annotationIdOf(owners, field.name, id);
          owners.delete(annotationId);
          anno.removeAnnotation(annotationId);
        }
        refresh();
      },
    });
    points.draw(fields.filter((field) => field.type === 'keypoints'));
  };
  const refresh = (): void => render();

  if (!readonly) {
    const applyTool = (): void => {
      const pick = currentPick(section);
      if (!pick) return;
      const tool = TOOL[pick.type];
      points.setActive(!tool);
      if (tool) anno.setDrawingTool(tool);
      anno.setDrawingEnabled(Boolean(tool));
      section.dataset.tool = tool ?? 'point';
      // A picked label also relabels the shape that is selected now, when it belongs to the same control.
      for (const selected of anno.getSelected()) {
        const owner = owners.get(selected.id);
        if (owner && owner.field.name === pick.control) {
          anno.updateAnnotation({ ...selected, bodies: [tag(selected.id, pick.label)] });
          writeShape(owner.field, owner.id, selected, pick.label, size);
        }
      }
      refresh();
    };
    section.querySelector('[data-picker="regions"]')?.addEventListener('change', applyTool);
    applyTool();

    anno.on('createAnnotation', (annotation) => {
      const pick = currentPick(section);
      const field = pick ? byName.get(pick.control) : undefined;
      if (!pick || !field || TOOL[field.type] !== toolOf(annotation)) {
        anno.removeAnnotation(annotation.id);
        return;
      }
      const id = nextId(PREFIX[field.type], field.read());
      owners.set(annotation.id, { field, id });
      anno.updateAnnotation({ ...annotation, bodies: [tag(annotation.id, pick.label)] });
      writeShape(field, id, annotation, pick.label, size);
      // Leave the new shape unselected so the next one can be drawn at once; a click selects it for editing.
      anno.cancelSelected();
      refresh();
    });
    anno.on('updateAnnotation', (annotation) => {
      const owner = owners.get(annotation.id);
      if (!owner) return;
      const current = owner.field.read().find((region) => region.id === owner.id);
      writeShape(owner.field, owner.id, annotation, current?.label ?? '', size);
      refresh();
    });
    anno.on('deleteAnnotation', (annotation) => {
      const owner = owners.get(annotation.id);
      if (!owner) return;
      owners.delete(annotation.id);
      owner.field.write(owner.field.read().filter((region) => region.id !== owner.id));
      refresh();
    });
    points.onAdd((x, y) => {
      const pick = currentPick(section);
      const field = pick ? byName.get(pick.control) : undefined;
      if (!pick || !field || field.type !== 'keypoints') return;
      const regions = field.read();
      field.write([...regions, { id: nextId('k', regions), x, y, label: pick.label }]);
      refresh();
    });
    keepEnterLocal(list);
  }
  zoomControls(section, img, size);
  render();
}

function tag(annotationId: string, label: string) {
  return { id: `${annotationId}-label`, annotation: annotationId, purpose: 'tagging', value: label };
}

function annotationIdOf(owners: Map<string, Owner>, control: string, id: string): string {
  for (const [annotationId, owner] of owners) if (owner.field.name === control && owner.id === id) return annotationId;
  return '';
}

function toolOf(annotation: ImageAnnotation): string {
  return annotation.target.selector.type === 'RECTANGLE' ? 'rectangle' : annotation.target.selector.type === 'POLYGON' ? 'polygon' : '';
}

/** A stored region as an Annotorious annotation; null for keypoints (drawn by our own layer). */
export function toAnnotation(field: RegionField, region: Region): ImageAnnotation | null {
  const id = `${field.name}:${region.id}`;
  if (field.type === 'boxes') {
    const [x, y, w, h] = [region.x, region.y, region.width, region.height].map(Number);
    if (![x, y, w, h].every(Number.isFinite)) return null;
    return annotation(id, region.label, {
      type: 'RECTANGLE',
      geometry: { x, y, w, h, bounds: { minX: x, minY: y, maxX: x + w, maxY: y + h } },
    });
  }
  if (field.type === 'polygons' && Array.isArray(region.points)) {
    const points = (region.points as number[][]).filter((p) => Array.isArray(p) && p.length === 2);
    if (points.length < 3) return null;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    return annotation(id, region.label, {
      type: 'POLYGON',
      geometry: {
        points,
        bounds: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
      },
    });
  }
  return null;
}

function annotation(id: string, label: string, selector: unknown): ImageAnnotation {
  return {
    id,
    bodies: [tag(id, label)],
    target: { annotation: id, selector: selector as ImageAnnotation['target']['selector'] },
  };
}

/** The shape of an annotation as the contract stores it, inside the image. */
export function shapeOf(annotation: ImageAnnotation, size: { width: number; height: number }): Record<string, unknown> {
  const selector = annotation.target.selector as unknown as {
    type: string;
    geometry: { x: number; y: number; w: number; h: number; points: number[][] };
  };
  if (selector.type === 'RECTANGLE') {
    const { x, y, w, h } = selector.geometry;
    const left = clamp(x, 0, size.width);
    const top = clamp(y, 0, size.height);
    return {
      x: round(left),
      y: round(top),
      width: round(clamp(x + w, 0, size.width) - left),
      height: round(clamp(y + h, 0, size.height) - top),
    };
  }
  return {
    points: selector.geometry.points.map(([px, py]) => [round(clamp(px, 0, size.width)), round(clamp(py, 0, size.height))]),
  };
}

function writeShape(
  field: RegionField, id: string, annotation: ImageAnnotation, label: string, size: { width: number; height: number },
): void {
  const regions = field.read();
  const region = { id, ...shapeOf(annotation, size), label };
  const index = regions.findIndex((existing) => existing.id === id);
  if (index >= 0) regions[index] = region;
  else regions.push(region);
  field.write(regions);
}

interface ListActions {
  select(field: RegionField, id: string): void;
  move(field: RegionField, id: string, change: Partial<Region>): void;
  add(field: RegionField): void;
  relabel(field: RegionField, id: string, label: string): void;
  remove(field: RegionField, id: string): void;
}

function describe(field: RegionField, region: Region): string {
  if (field.type === 'boxes') {
    return t('box_at', 'at %(x)s, %(y)s, %(w)s × %(h)s px', {
      x: Number(region.x), y: Number(region.y), w: Number(region.width), h: Number(region.height),
    });
  }
  if (field.type === 'polygons') {
    return t('polygon_points', '%(n)s points', { n: Array.isArray(region.points) ? region.points.length : 0 });
  }
  return t('point_at', 'at %(x)s, %(y)s px', { x: Number(region.x), y: Number(region.y) });
}

function renderList(list: HTMLElement, fields: RegionField[], readonly: boolean, actions: ListActions): void {
  list.replaceChildren();
  for (const field of fields) {
    const regions = field.read();
    const heading = el('h4', {}, `${field.title} (${regions.length})`);
    const items = el('ol', { 'data-testid': `regions-${field.name}` });
    regions.forEach((region, index) => {
      const name = `${field.title} ${index + 1}`;
      const row = el('li', { 'data-region-id': region.id });
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${colour(field.labelIndex(region.label))}` });
      row.append(swatch);
      if (readonly) {
        row.append(el('strong', {}, field.labelText(region.label)), ` ${name}, ${describe(field, region)}`);
      } else {
        const select = labelSelect(field, region.label, t('label_of', 'Label of %(name)s', { name }));
        select.addEventListener('change', () => actions.relabel(field, region.id, select.value));
        const show = el('button', { type: 'button', class: 'outline secondary' }, t('show', 'Show'));
        show.setAttribute('aria-label', t('show_named', 'Show %(name)s', { name }));
        show.addEventListener('click', () => actions.select(field, region.id));
        const remove = el('button', { type: 'button', class: 'outline secondary', 'data-testid': 'remove-region' }, t('delete', 'Delete'));
        remove.setAttribute('aria-label', t('delete_named', 'Delete %(name)s', { name }));
        remove.addEventListener('click', () => actions.remove(field, region.id));
        row.append(`${name} `, select, ...geometryInputs(field, region, name, actions), show, remove);
      }
      items.append(row);
    });
    list.append(heading, items);
    if (!readonly && field.type !== 'polygons') {
      const add = el('button', { type: 'button', class: 'secondary', 'data-testid': `add-${field.name}` },
        field.type === 'boxes' ? t('add_box', 'Add a box in the middle') : t('add_point', 'Add a point in the middle'));
      add.addEventListener('click', () => actions.add(field));
      list.append(add);
    }
  }
}

const GEOMETRY: Record<string, Array<[string, string, string]>> = {
  boxes: [['x', 'x_of', 'Left edge of %(name)s, px'], ['y', 'y_of', 'Top edge of %(name)s, px'],
    ['width', 'width_of', 'Width of %(name)s, px'], ['height', 'height_of', 'Height of %(name)s, px']],
  keypoints: [['x', 'px_of', 'x of %(name)s, px'], ['y', 'py_of', 'y of %(name)s, px']],
};

/** Number fields for a box's or point's position, so shapes can be placed and nudged by keyboard. */
function geometryInputs(field: RegionField, region: Region, name: string, actions: ListActions): HTMLElement[] {
  const keys = GEOMETRY[field.type];
  if (!keys) return [el('span', {}, `${describe(field, region)} `)];
  const inputs = keys.map(([key, message, fallback]) => {
    const input = el('input', { type: 'number', step: 'any', min: '0', 'aria-label': t(message, fallback, { name }) });
    input.value = String(region[key]);
    input.addEventListener('change', () => {
      const value = Number(input.value);
      if (Number.isFinite(value) && value >= 0 && (key === 'x' || key === 'y' || value > 0)) actions.move(field, region.id, { [key]: round(value) });
    });
    return input;
  });
  return [el('span', { class: 'times' }, ...inputs)];
}

interface PointLayer {
  draw(fields: RegionField[]): void;
  setActive(active: boolean): void;
  highlight(id: string): void;
  onAdd(handler: (x: number, y: number) => void): void;
}

/** Our own keypoint layer: an SVG over the image in its pixel space; a click in point mode adds a point. */
function pointLayer(img: HTMLImageElement, size: { width: number; height: number }, readonly: boolean): PointLayer {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'keypoint-layer');
  svg.setAttribute('aria-hidden', 'true');
  const host = img.parentElement!;
  if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
  host.append(svg);
  let handler: ((x: number, y: number) => void) | null = null;
  let highlighted = '';
  const radius = Math.max(3, Math.min(size.width, size.height) / 120);
  svg.addEventListener('click', (event) => {
    if (readonly || !handler) return;
    const box = svg.getBoundingClientRect();
    const x = round(((event.clientX - box.left) / box.width) * size.width);
    const y = round(((event.clientY - box.top) / box.height) * size.height);
    handler(clamp(x, 0, size.width), clamp(y, 0, size.height));
  });
  let lastFields: RegionField[] = [];
  const draw = (fields: RegionField[]): void => {
    lastFields = fields;
    svg.replaceChildren();
    for (const field of fields) {
      for (const region of field.read()) {
        const circle = document.createElementNS(SVG, 'circle');
        circle.setAttribute('cx', String(region.x));
        circle.setAttribute('cy', String(region.y));
        circle.setAttribute('r', String(region.id === highlighted ? radius * 1.8 : radius));
        circle.setAttribute('fill', colour(field.labelIndex(region.label)));
        circle.setAttribute('stroke', '#fff');
        circle.setAttribute('data-point', `${field.name}:${region.id}`);
        svg.append(circle);
      }
    }
  };
  return {
    draw,
    setActive(active) {
      svg.classList.toggle('active', active && !readonly);
    },
    highlight(id) {
      highlighted = id;
      draw(lastFields);
    },
    onAdd(next) {
      handler = next;
    },
  };
}

/** Zoom by resizing the image inside a scrolling stage; Annotorious follows the image's size. */
function zoomControls(section: HTMLElement, img: HTMLImageElement, size: { width: number; height: number }): void {
  const stage = section.querySelector<HTMLElement>('[data-stage]')!;
  const output = section.querySelector<HTMLOutputElement>('[data-zoom-level]');
  const fit = (): number => Math.min(1, (stage.clientWidth || size.width) / size.width);
  let scale = fit();
  const apply = (): void => {
    img.style.width = `${Math.round(size.width * scale)}px`;
    img.style.maxWidth = 'none';
    if (output) output.textContent = `${Math.round(scale * 100)}%`;
  };
  section.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((button) => {
    button.addEventListener('click', () => {
      const how = button.dataset.zoom;
      scale = how === 'in' ? Math.min(scale * 1.25, 8) : how === 'out' ? Math.max(scale / 1.25, 0.1) : fit();
      apply();
    });
  });
  apply();
}
