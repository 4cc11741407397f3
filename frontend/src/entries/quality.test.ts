import { describe, expect, it } from 'vitest';

import { drawQuality } from './quality';

describe('drawQuality', () => {
  it('draws nothing for canvases whose figures are missing', () => {
    document.body.innerHTML =
      '<canvas class="quality-chart" data-series="accuracy"></canvas><canvas class="quality-chart"></canvas>';
    expect(drawQuality(document, {})).toBe(0);
  });
});
