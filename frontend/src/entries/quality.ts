// Quality pages: a bar chart per canvas from the figures the page embeds as JSON. Every chart has the same
// figures in a table beside it, so the page is complete without the script or a screen.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Series {
  labels: string[];
  values: (number | null)[];
  max?: number;
}

export function drawQuality(root: ParentNode, figures: Record<string, Series>): number {
  let drawn = 0;
  root.querySelectorAll<HTMLCanvasElement>('canvas.quality-chart').forEach((canvas) => {
    const series = figures[canvas.dataset.series ?? ''];
    if (!series) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: '#1f6feb' }] },
      options: {
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, max: series.max } },
      },
    });
    drawn += 1;
  });
  return drawn;
}

const source = document.getElementById('quality-figures');
if (source?.textContent) {
  drawQuality(document, JSON.parse(source.textContent) as Record<string, Series>);
}
