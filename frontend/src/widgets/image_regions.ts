// Boxes and polygons on one image with Annotorious; keypoints with a small layer of our own
// (Annotorious 3 and plugin-tools have no point tool). Coordinates are pixels of the original image.

import {
  createImageAnnotator, type ImageAnnotation, type ImageAnnotator, UserSelectAction,
} from '@annotorious/annotorious';
import { keyboardStage, type StageActions } from './image_keys';
import { describe, type ListActions, renderList } from './image_list';
import { pointLayer, type ZoomHow, zoomControls } from './image_view';
import {
  type Region, type RegionField, announce, clamp, colour, currentPick, fieldsOf, isReadonly, keepEnterLocal, nextId,
  PREFIX, round, t,
} from './regions';
import { installTools, type Tools } from './tools';

const TOOL: Record<string, 'rectangle' | 'polygon'> = { boxes: 'rectangle', polygons: 'polygon' };

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
  let selected: Owner | null = null;

  const anno: ImageAnnotator = createImageAnnotator(img, {
    drawingEnabled: !readonly,
    drawingMode: 'drag',
    userSelectAction: readonly ? UserSelectAction.NONE : UserSelectAction.EDIT,
    style: (annotation: ImageAnnotation) => {
      const owner = owners.get(annotation.id);
      const label = annotation.bodies.find((body) => body.purpose === 'tagging')?.value ?? '';
      const paint = owner ? owner.field.labelColour(label) : colour(0);
      return { fill: paint, fillOpacity: 0.2, stroke: paint, strokeWidth: 2 } as const;
    },
  });

  const points = pointLayer(img, size, readonly);
  const list = section.querySelector<HTMLElement>('[data-region-list]')!;
  const zoom = zoomControls(section, img, size);

  // (Re)draw every shape from the hidden fields: at the start (the draft, the pre-label or the answer under
  // review) and after an undo or redo.
  const load = (): void => {
    owners.clear();
    const shapes: ImageAnnotation[] = [];
    for (const field of fields) {
      for (const region of field.read()) {
        const annotation = toAnnotation(field, region);
        if (annotation) {
          owners.set(annotation.id, { field, id: region.id });
          shapes.push(annotation);
        }
      }
    }
    anno.setAnnotations(shapes, true);
    if (selected && !selected.field.read().some((region) => region.id === selected!.id)) selected = null;
  };
  load();

  // The selected region shown as such: its row in the list marked, a point drawn larger.
  const showSelected = (): void => {
    points.highlight(selected && selected.field.type === 'keypoints' ? selected.id : '');
    list.querySelectorAll('li[aria-current]').forEach((row) => row.removeAttribute('aria-current'));
    if (selected) list.querySelector(`[data-testid="regions-${selected.field.name}"] li[data-region-id="${selected.id}"]`)?.setAttribute('aria-current', 'true');
    tools?.refresh();
  };
  // Select by keyboard or from the list: the shape also gets the image library's handles.
  const select = (owner: Owner | null): void => {
    selected = owner;
    const annotationId = owner && owner.field.type !== 'keypoints' ? annotationIdOf(owners, owner.field.name, owner.id) : '';
    if (annotationId) anno.setSelected(annotationId);
    else anno.cancelSelected();
    showSelected();
  };

  const actions: ListActions = {
    select: (field, id) => select({ field, id }),
    relabel: (field, id, label) => {
      field.write(field.read().map((region) => (region.id === id ? { ...region, label } : region)));
      if (field.type !== 'keypoints') {
        const annotationId = annotationIdOf(owners, field.name, id);
        const annotation = anno.getAnnotationById(annotationId);
        if (annotation) anno.updateAnnotation({ ...annotation, bodies: [tag(annotationId, label)] });
      }
      render();
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
      render();
      return id;
    },
    remove: (field, id) => {
      field.write(field.read().filter((region) => region.id !== id));
      if (field.type !== 'keypoints') {
        const annotationId = annotationIdOf(owners, field.name, id);
        owners.delete(annotationId);
        anno.removeAnnotation(annotationId);
      }
      if (selected?.field === field && selected.id === id) selected = null;
      render();
    },
  };
  const render = (): void => {
    renderList(list, fields, readonly, actions);
    points.draw(fields.filter((field) => field.type === 'keypoints'));
    if (!readonly) showSelected();
  };
  let tools: Tools | null = null;

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
      for (const shown of anno.getSelected()) {
        const owner = owners.get(shown.id);
        if (owner && owner.field.name === pick.control) {
          anno.updateAnnotation({ ...shown, bodies: [tag(shown.id, pick.label)] });
          writeShape(owner.field, owner.id, shown, pick.label, size);
        }
      }
      render();
    };
    section.querySelector('[data-picker="regions"]')?.addEventListener('change', applyTool);
    applyTool();
    listenToAnnotorious(anno, section, byName, owners, size, render, (owner) => { selected = owner; showSelected(); });
    points.onAdd((x, y) => {
      const pick = currentPick(section);
      const field = pick ? byName.get(pick.control) : undefined;
      if (!pick || !field || field.type !== 'keypoints') return;
      const regions = field.read();
      const id = nextId('k', regions);
      field.write([...regions, { id, x, y, label: pick.label }]);
      selected = { field, id };
      render();
    });
    keepEnterLocal(list);
    tools = installTools(section, fields, {
      reload: () => { load(); render(); },
      removeSelected: () => {
        if (!selected) return false;
        actions.remove(selected.field, selected.id);
        return true;
      },
      hasSelection: () => selected !== null,
    });
    const stage = section.querySelector<HTMLElement>('[data-stage]')!;
    keyboardStage(stage, t('image_stage', 'The image'), section.querySelector<HTMLElement>('[data-keyboard-help]')?.id, stageActions({
      fields, section, size, zoom, actions, render, selected: () => selected, select,
    }));
  }
  render();
}

/** Keep the hidden fields in step with what the worker draws, edits and deletes with the mouse or a finger. */
function listenToAnnotorious(
  anno: ImageAnnotator, section: HTMLElement, byName: Map<string, RegionField>, owners: Map<string, Owner>,
  size: { width: number; height: number }, render: () => void, onSelect: (owner: Owner | null) => void,
): void {
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
    onSelect(null);
    render();
  });
  anno.on('updateAnnotation', (annotation) => {
    const owner = owners.get(annotation.id);
    if (!owner) return;
    const current = owner.field.read().find((region) => region.id === owner.id);
    writeShape(owner.field, owner.id, annotation, current?.label ?? '', size);
    render();
  });
  anno.on('deleteAnnotation', (annotation) => {
    const owner = owners.get(annotation.id);
    if (!owner) return;
    owners.delete(annotation.id);
    owner.field.write(owner.field.read().filter((region) => region.id !== owner.id));
    onSelect(null);
    render();
  });
  anno.on('selectionChanged', (shown) => {
    onSelect(shown.length ? owners.get(shown[0].id) ?? null : null);
  });
}

interface StageContext {
  fields: RegionField[];
  section: HTMLElement;
  size: { width: number; height: number };
  zoom: (how: ZoomHow) => void;
  actions: ListActions;
  render(): void;
  selected(): Owner | null;
  select(owner: Owner | null): void;
}

/** What the keys on the focused image do, in terms of the list's own actions (so both stay the same). */
function stageActions(c: StageContext): StageActions {
  const all = (): Owner[] => c.fields.flatMap((field) => field.read().map((region) => ({ field, id: region.id })));
  const current = (): Region | undefined => {
    const owner = c.selected();
    return owner?.field.read().find((region) => region.id === owner.id);
  };
  const change = (patch: (region: Region) => Partial<Region> | null): void => {
    const owner = c.selected();
    const region = current();
    const update = region && patch(region);
    if (!owner || !update) return;
    c.actions.move(owner.field, owner.id, update);
    c.render();
    announce(c.section, describe(owner.field, { ...region, ...update }));
  };
  return {
    add: () => {
      const pick = currentPick(c.section);
      const field = c.fields.find((f) => f.name === pick?.control);
      if (!field || field.type === 'polygons') return;
      const id = c.actions.add(field);
      c.select({ field, id });
      announce(c.section, describe(field, field.read().find((region) => region.id === id)!));
    },
    step: (by) => {
      const owners = all();
      if (!owners.length) return;
      const owner = c.selected();
      const at = owner ? owners.findIndex((o) => o.field === owner.field && o.id === owner.id) : -1;
      const next = owners[at < 0 ? (by > 0 ? 0 : owners.length - 1) : (at + by + owners.length) % owners.length];
      c.select(next);
      const region = next.field.read().find((r) => r.id === next.id)!;
      announce(c.section, `${next.field.labelText(region.label)}, ${describe(next.field, region)}`);
    },
    nudge: (dx, dy) => change((region) => moved(region, dx, dy, c.size)),
    resize: (dw, dh) => change((region) => (c.selected()?.field.type === 'boxes' ? resized(region, dw, dh, c.size) : null)),
    zoom: c.zoom,
    deselect: () => {
      if (!c.selected()) return false;
      c.select(null);
      return true;
    },
  };
}

/** A region moved by (dx, dy) pixels, kept inside the image. */
export function moved(region: Region, dx: number, dy: number, size: { width: number; height: number }): Partial<Region> {
  if (Array.isArray(region.points)) {
    const points = region.points as number[][];
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const sx = clamp(dx, -Math.min(...xs), size.width - Math.max(...xs));
    const sy = clamp(dy, -Math.min(...ys), size.height - Math.max(...ys));
    return { points: points.map(([x, y]) => [round(x + sx), round(y + sy)]) };
  }
  const width = Number(region.width) || 0;
  const height = Number(region.height) || 0;
  return {
    x: round(clamp(Number(region.x) + dx, 0, size.width - width)),
    y: round(clamp(Number(region.y) + dy, 0, size.height - height)),
  };
}

/** A box grown or shrunk by (dw, dh) pixels from its top-left corner: at least 1 px, inside the image. */
export function resized(region: Region, dw: number, dh: number, size: { width: number; height: number }): Partial<Region> {
  return {
    width: round(clamp(Number(region.width) + dw, 1, size.width - Number(region.x))),
    height: round(clamp(Number(region.height) + dh, 1, size.height - Number(region.y))),
  };
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
