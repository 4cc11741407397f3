import { describe, expect, it, vi } from 'vitest';
import { drawTargets } from './dashboard';

describe('drawTargets', () => {
  it('draws one chart per target canvas and skips a canvas with no target behind it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // no canvas backend in the test DOM
    document.body.innerHTML = `
      <canvas class="target-canvas" data-index="0"></canvas>
      <canvas class="target-canvas" data-index="1"></canvas>
      <canvas class="target-canvas" data-index="7"></canvas>`;
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas.target-canvas'));
    const targets = [
      { label: '교육 수료, 2026', target: 300, actual: 120 },
      { label: '라벨링, 2026', target: 50000, actual: 61000 },
    ];

    expect(drawTargets(canvases, targets, { count: '명', target: '목표', actual: '실적' })).toBe(2);
  });
});
