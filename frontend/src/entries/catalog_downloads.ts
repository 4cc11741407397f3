// The downloads-per-day chart of a data set page; the table beside it holds the same figures.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Day {
  day: string;
  count: number;
}

const source = document.getElementById('downloads-by-day');
const canvas = document.getElementById('downloads-chart') as HTMLCanvasElement | null;
if (source?.textContent && canvas) {
  const days = JSON.parse(source.textContent) as Day[];
  new Chart(canvas, {
    type: 'bar',
    data: { labels: days.map((d) => d.day), datasets: [{ data: days.map((d) => d.count), backgroundColor: '#1f6feb' }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
