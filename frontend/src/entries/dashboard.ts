// The programme dashboard's charts. Every chart sits beside a table of the same figures, which stays the source
// for screen readers and for anyone without JavaScript.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface Series {
  labels: string[];
  counts: number[];
}

interface DashboardData {
  funnel: Series;
  outcomes: Series;
  targets: { labels: string[]; targets: number[]; actuals: number[] };
  series: { count: string; target: string; actual: string };
}

const COLOURS = { count: '#1f6feb', target: '#8b949e', actual: '#2da44e' };

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

export function drawDashboard(data: DashboardData): void {
  bars('chart-funnel', data.funnel.labels, [
    { label: data.series.count, data: data.funnel.counts, backgroundColor: COLOURS.count },
  ]);
  bars('chart-outcomes', data.outcomes.labels, [
    { label: data.series.count, data: data.outcomes.counts, backgroundColor: COLOURS.actual },
  ]);
  bars('chart-targets', data.targets.labels, [
    { label: data.series.target, data: data.targets.targets, backgroundColor: COLOURS.target },
    { label: data.series.actual, data: data.targets.actuals, backgroundColor: COLOURS.actual },
  ]);
}

const source = document.getElementById('dashboard-data');
if (source?.textContent) {
  drawDashboard(JSON.parse(source.textContent) as DashboardData);
}
