// The programme office's month-by-month chart. The table beside it holds the same figures for screen readers,
// printing and anyone without JavaScript.
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface OfficeChartData {
  labels: string[];
  delivered: (number | null)[];
  planned: (number | null)[];
  hires: (number | null)[];
  required: (number | null)[];
  names: { delivered: string; planned: string; hires: string; required: string };
}

export function drawOfficeChart(canvas: HTMLCanvasElement, data: OfficeChartData): Chart {
  const line = (label: string, values: (number | null)[], colour: string, axis: string, dashed = false) => ({
    label,
    data: values,
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dashed ? [6, 4] : [],
    yAxisID: axis,
    spanGaps: true,
  });
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        line(data.names.delivered, data.delivered, '#2da44e', 'items'),
        line(data.names.planned, data.planned, '#2da44e', 'items', true),
        line(data.names.hires, data.hires, '#1f6feb', 'people'),
        line(data.names.required, data.required, '#1f6feb', 'people', true),
      ],
    },
    options: {
      animation: false,
      scales: {
        items: { type: 'linear', position: 'left', beginAtZero: true },
        people: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
      },
    },
  });
}

const source = document.getElementById('office-chart-data');
const canvas = document.getElementById('chart-office');
if (source?.textContent && canvas instanceof HTMLCanvasElement) {
  drawOfficeChart(canvas, JSON.parse(source.textContent) as OfficeChartData);
}
