// What the image widget draws besides Annotorious: the keypoint layer and zoom that fits the stage.

import { type RegionField, clamp, round } from './regions';

const SVG = 'http://www.w3.org/2000/svg';

export interface PointLayer {
  draw(fields: RegionField[]): void;
  setActive(active: boolean): void;
  highlight(id: string): void;
  onAdd(handler: (x: number, y: number) => void): void;
}

/** Our own keypoint layer: an SVG over the image in its pixel space; a click or tap in point mode adds a point. */
export function pointLayer(img: HTMLImageElement, size: { width: number; height: number }, readonly: boolean): PointLayer {
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
        circle.setAttribute('fill', field.labelColour(region.label));
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

export type ZoomHow = 'in' | 'out' | 'fit';

/** The scale that shows the whole image in a stage of this size: up to 4× for a small image, down for a big one. */
export function fitScale(size: { width: number; height: number }, room: { width: number; height: number }): number {
  const byWidth = room.width > 0 ? room.width / size.width : 1;
  const byHeight = room.height > 0 ? room.height / size.height : byWidth;
  return clamp(Math.min(byWidth, byHeight), 0.05, 4);
}

/** Zoom by resizing the image inside a scrolling stage; Annotorious follows the image's size. Until the worker
 * zooms, the image keeps fitting the stage as the window (or full screen) changes. */
export function zoomControls(section: HTMLElement, img: HTMLImageElement, size: { width: number; height: number }): (how: ZoomHow) => void {
  const stage = section.querySelector<HTMLElement>('[data-stage]')!;
  const output = section.querySelector<HTMLOutputElement>('[data-zoom-level]');
  const room = (): { width: number; height: number } => {
    const style = getComputedStyle(stage);
    const border = (parseFloat(style.borderLeftWidth) || 0) + (parseFloat(style.borderRightWidth) || 0);
    const maxHeight = parseFloat(style.maxHeight);
    return { width: stage.clientWidth || size.width + border, height: Number.isFinite(maxHeight) ? maxHeight - border : 0 };
  };
  let fitted = true;
  let scale = fitScale(size, room());
  const apply = (): void => {
    img.style.width = `${Math.round(size.width * scale)}px`;
    img.style.maxWidth = 'none';
    if (output) output.textContent = `${Math.round(scale * 100)}%`;
  };
  const zoom = (how: ZoomHow): void => {
    fitted = how === 'fit';
    scale = how === 'in' ? Math.min(scale * 1.25, 8) : how === 'out' ? Math.max(scale / 1.25, 0.05) : fitScale(size, room());
    apply();
  };
  section.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((button) => {
    button.addEventListener('click', () => zoom(button.dataset.zoom as ZoomHow));
  });
  if (typeof ResizeObserver !== 'undefined') {
    let width = stage.clientWidth;
    new ResizeObserver(() => {
      if (!fitted || stage.clientWidth === width) return;
      width = stage.clientWidth;
      zoom('fit');
    }).observe(stage);
  }
  document.addEventListener('fullscreenchange', () => { if (fitted) requestAnimationFrame(() => zoom('fit')); });
  section.addEventListener('workspace-resized', () => { if (fitted) zoom('fit'); });
  apply();
  return zoom;
}
