// The project overview's charts: new labels per day and labels per worker. Each chart has the same figures in a
// table beside it, so the page is complete without the script or a screen.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface OverviewData {
  days: { labels: string[]; counts: number[] };
  workers: { labels: string[]; counts: number[]; accepted: number[] };
  series: { labels: string; accepted: string };
}

function bars(
  canvas: HTMLCanvasElement | null,
  labels: string[],
  series: { label: string; data: number[] }[],
  horizontal: boolean,
): boolean {
  if (!canvas || labels.length === 0) return false;
  const colours = ['#1f6feb', '#2da44e'];
  new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: series.map((set, index) => ({ ...set, backgroundColor: colours[index] })) },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: series.length > 1 } },
      scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  return true;
}

export function drawOverview(root: Document, data: OverviewData): number {
  const days = bars(root.getElementById('chart-days') as HTMLCanvasElement | null, data.days.labels,
    [{ label: data.series.labels, data: data.days.counts }], false);
  const workers = bars(
    root.getElementById('chart-workers') as HTMLCanvasElement | null,
    data.workers.labels,
    [
      { label: data.series.labels, data: data.workers.counts },
      { label: data.series.accepted, data: data.workers.accepted },
    ],
    true,
  );
  return Number(days) + Number(workers);
}

const source = document.getElementById('overview-data');
if (source?.textContent) {
  drawOverview(document, JSON.parse(source.textContent) as OverviewData);
}
