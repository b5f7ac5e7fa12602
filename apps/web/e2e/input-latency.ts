import type { Page } from 'playwright-core';

/**
 * Presses a key `samples` times and measures, in the page, the time from each key event's
 * timestamp to the next frame after its handler ran: what a visitor waits for a response.
 * Returns the latencies in milliseconds.
 */
export async function measureInputLatency(page: Page, samples: number, gapMs: number): Promise<number[]> {
  await page.evaluate(() => {
    const latencies: number[] = [];
    (window as unknown as { __latencies: number[] }).__latencies = latencies;
    document.addEventListener('keydown', (event) => {
      requestAnimationFrame(() => latencies.push(performance.now() - event.timeStamp));
    });
  });
  for (let i = 0; i < samples; i++) {
    await page.keyboard.press('Shift');
    await page.waitForTimeout(gapMs);
  }
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
