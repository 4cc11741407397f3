// The programme dashboard's charts. Every chart sits beside a table of the same figures, which stays the source
// for screen readers and for anyone without JavaScript.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface Series {
  labels: string[];
  counts: number[];
}

interface Target {
  label: string;
  target: number;
  actual: number;
}

interface DashboardData {
  funnel: Series;
  outcomes: Series;
  targets: Target[];
  series: { count: string; target: string; actual: string };
}

const COLOURS = { count: '#1f6feb', actual: '#2da44e' };

function bars(canvasId: string, labels: string[], datasets: { label: string; data: number[]; backgroundColor: string }[]): void {
  const canvas = document.getElementById(canvasId) as HTMLCanvasElement | null;
  if (!canvas || labels.length === 0) return;
  new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

// A dark vertical line at the target, drawn over the actual's bar (a bullet chart without a plugin to install).
function targetLine(target: number): Plugin<'bar'> {
  return {
    id: 'targetLine',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x.getPixelForValue(target);
      const { top, bottom } = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#1f2328';
      context.lineWidth = 3;
      context.beginPath();
      context.moveTo(x, top);
      context.lineTo(x, bottom);
      context.stroke();
      context.restore();
    },
  };
}

// One small chart per target, each on its own scale, so a target of 50,000 does not flatten one of 30.
export function drawTargets(canvases: HTMLCanvasElement[], targets: Target[], names: DashboardData['series']): number {
  let drawn = 0;
  canvases.forEach((canvas) => {
    const row = targets[Number(canvas.dataset.index)];
    if (!row) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels: [names.actual], datasets: [{ label: names.actual, data: [row.actual], backgroundColor: COLOURS.actual }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, suggestedMax: Math.max(row.target, row.actual) * 1.1, ticks: { precision: 0 } } },
      },
      plugins: [targetLine(row.target)],
    });
    drawn += 1;
  });
  return drawn;
}

export function drawDashboard(data: DashboardData): void {
  bars('chart-funnel', data.funnel.labels, [
    { label: data.series.count, data: data.funnel.counts, backgroundColor: COLOURS.count },
  ]);
  bars('chart-outcomes', data.outcomes.labels, [
    { label: data.series.count, data: data.outcomes.counts, backgroundColor: COLOURS.actual },
  ]);
  drawTargets(Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas.target-canvas')), data.targets, data.series);
}

const source = document.getElementById('dashboard-data');
if (source?.textContent) {
  drawDashboard(JSON.parse(source.textContent) as DashboardData);
}
