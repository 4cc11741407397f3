import { describe, expect, it, vi } from 'vitest';
import { drawReport } from './release_report';

describe('drawReport', () => {
  it('draws one chart per canvas that names figures the report has', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // no canvas backend in the test DOM
    document.body.innerHTML = `
      <canvas class="report-chart" data-chart="distribution" data-control="sentiment"></canvas>
      <canvas class="report-chart" data-chart="histogram" data-measure="text_length"></canvas>
      <canvas class="report-chart" data-chart="other"></canvas>`;
    const figures = {
      label_distribution: { sentiment: { positive: 4, negative: 1 } },
      data_statistics: { text_length: { count: 5, histogram: [{ bucket: '≤10', count: 5 }] } },
    };

    expect(drawReport(document, figures)).toBe(2);
  });
});
