// Charts of the quality report: label counts and data histograms. Each chart has the same figures in a
// table beside it, so the page is complete without the script or a screen.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Bucket {
  bucket: string;
  count: number;
}
interface Figures {
  label_distribution?: Record<string, Record<string, number>>;
  data_statistics?: Record<string, { count: number; histogram?: Bucket[] }>;
}

function bar(canvas: HTMLCanvasElement, labels: string[], values: number[]): void {
  new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ data: values, backgroundColor: '#1f6feb' }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
}

export function drawReport(root: ParentNode, figures: Figures): number {
  let drawn = 0;
  root.querySelectorAll<HTMLCanvasElement>('canvas.report-chart').forEach((canvas) => {
    if (canvas.dataset.chart === 'distribution') {
      const counts = figures.label_distribution?.[canvas.dataset.control ?? ''] ?? {};
      bar(canvas, Object.keys(counts), Object.values(counts));
      drawn += 1;
    } else if (canvas.dataset.chart === 'histogram') {
      const buckets = figures.data_statistics?.[canvas.dataset.measure ?? '']?.histogram ?? [];
      bar(canvas, buckets.map((b) => b.bucket), buckets.map((b) => b.count));
      drawn += 1;
    }
  });
  return drawn;
}

const source = document.getElementById('report-figures');
if (source?.textContent) {
  drawReport(document, JSON.parse(source.textContent) as Figures);
}
