import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** A line chart that grows point by point; the canvas's `data-points` attribute counts them for tests. */
export class LiveChart {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    seriesNames: string[],
    private readonly xLabel: string,
    yRange: { min?: number; max?: number } = {},
  ) {
    const colors = ['#0b57d0', '#b3261e'];
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: seriesNames.map((label, i) => ({
          label,
          data: [],
          borderColor: colors[i % colors.length],
          backgroundColor: colors[i % colors.length],
          borderWidth: 1.5,
          pointRadius: seriesNames.length > 1 ? 3 : 0,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        scales: {
          x: { type: 'linear', title: { display: true, text: xLabel }, ticks: { precision: 0 } },
          y: { ...yRange },
        },
        plugins: { legend: { display: seriesNames.length > 1 } },
      },
    });
    this.canvas.dataset.points = '0';
  }

  /** Adds one point per series; `undefined` leaves a series without a point there. */
  add(x: number, values: (number | undefined)[]): void {
    values.forEach((y, i) => {
      if (y !== undefined && Number.isFinite(y)) this.chart.data.datasets[i].data.push({ x, y });
    });
    this.canvas.dataset.points = String(this.chart.data.datasets[0].data.length);
    // Batching redraws keeps a fast worker from flooding the main thread with paints.
    this.scheduleUpdate();
  }

  reset(): void {
    for (const dataset of this.chart.data.datasets) dataset.data = [];
    this.canvas.dataset.points = '0';
    this.chart.update();
  }

  /** Describes the latest values for screen readers, which cannot read the canvas. */
  describe(summary: string): void {
    this.canvas.setAttribute('aria-label', `${this.xLabel} chart. ${summary}`);
  }

  private pending = false;

  private scheduleUpdate(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.chart.update('none');
    });
  }
}
