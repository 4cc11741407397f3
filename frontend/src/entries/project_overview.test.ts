import { describe, expect, it, vi } from 'vitest';
import { drawOverview } from './project_overview';

describe('drawOverview', () => {
  it('draws the per-day chart, and the per-worker chart only when someone has labeled', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // no canvas backend in the test DOM
    document.body.innerHTML = '<canvas id="chart-days"></canvas><canvas id="chart-workers"></canvas>';
    const series = { labels: '라벨', accepted: '승인' };
    const days = { labels: ['12월 4일', '12월 5일'], counts: [0, 3] };

    expect(drawOverview(document, { days, workers: { labels: [], counts: [], accepted: [] }, series })).toBe(1);
    expect(drawOverview(document, { days, workers: { labels: ['김라벨'], counts: [3], accepted: [1] }, series })).toBe(2);
  });
});
