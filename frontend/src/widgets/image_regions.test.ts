import { describe, expect, it } from 'vitest';
import { shapeOf, toAnnotation } from './image_regions';
import { RegionField } from './regions';

function field(type: string): RegionField {
  document.body.innerHTML = `<input type="hidden" data-control="${type}" data-region-type="${type}" data-labels="[]" value="[]">`;
  return new RegionField(document.querySelector('input')!);
}

const size = { width: 100, height: 50 };

describe('image shapes', () => {
  it('turn a stored box into an annotation and back unchanged', () => {
    const box = { id: 'b1', x: 10, y: 5, width: 20, height: 30, label: 'cat' };
    const annotation = toAnnotation(field('boxes'), box)!;
    expect(annotation.bodies[0].value).toBe('cat');
    expect(shapeOf(annotation, size)).toEqual({ x: 10, y: 5, width: 20, height: 30 });
  });

  it('keep a box drawn past the edge inside the image', () => {
    const annotation = toAnnotation(field('boxes'), { id: 'b1', x: -5, y: 40, width: 30, height: 30, label: 'cat' })!;
    expect(shapeOf(annotation, size)).toEqual({ x: 0, y: 40, width: 25, height: 10 });
  });

  it('round-trip a polygon and refuse one with fewer than three points', () => {
    const polygon = { id: 'p1', points: [[1, 2], [30.04, 2], [30, 40]], label: 'road' };
    const annotation = toAnnotation(field('polygons'), polygon)!;
    expect(shapeOf(annotation, size)).toEqual({ points: [[1, 2], [30, 2], [30, 40]] });
    expect(toAnnotation(field('polygons'), { id: 'p2', points: [[1, 2], [3, 4]], label: 'road' })).toBeNull();
  });
});
