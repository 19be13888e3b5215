// The segments show before the Choose-k comparison: the worker posts the result, then computes the sweep over k
// and posts it. A newer run (another k) stops that sweep between k's instead of waiting for it, and the
// comparison then follows the newer result.
import { test, expect } from '@playwright/test';
import { bigCsvFile, inkOnCanvas, recordRequests, offOrigin, screenshot, explainFailures } from './helpers.js';

explainFailures(test);

const stepButton = (page, name) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name });

test('segments first, then Choose k; a new k stops the comparison, which follows the new result', async ({ page }) => {
  test.setTimeout(300_000);
  const requests = recordRequests(page);
  const stages = [];
  page.on('console', (m) => { if (m.text().startsWith('segscope: worker stages')) stages.push(m.text()); });
  await page.goto('./?workers=1&perf#algo=kmeans&k=4');
  await page.getByLabel('Upload CSV').setInputFiles(bigCsvFile(40_000));
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');
  await expect(rows).toHaveCount(4, { timeout: 120_000 });
  // The result is on screen while the comparison is still being computed.
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-sweep', 'computing', { timeout: 1_000 });
  await expect(page.getByTestId('sweep-note')).toContainText('still being computed');
  await stepButton(page, /Segment/).click();
  await expect(page.getByTestId('sweep-progress')).toContainText('Comparing k = 2 to 10');
  await expect(page.getByTestId('ksweep-canvas')).toHaveCount(0);
  await page.waitForTimeout(600); // the progress bar fades in after 0.3 s
  await screenshot(page, 'late-sweep-computing');

  // Another k while the comparison is computed: the new result does not wait for it.
  const t0 = Date.now();
  await page.getByLabel('Number of segments').fill('5');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(page.getByTestId('fit-diagnostics')).toContainText('5 segments among', { timeout: 120_000 });
  const newResult = Date.now() - t0;
  // The stopped comparison starts again after the new result and comes in full.
  await expect(html).toHaveAttribute('data-sweep', 'computing', { timeout: 1_000 });
  const t1 = Date.now();
  await expect(html).toHaveAttribute('data-sweep', 'ready', { timeout: 240_000 });
  const wholeSweep = Date.now() - t1;
  console.log(`late sweep: the k = 5 result came ${newResult} ms after the change; the whole comparison then took ${wholeSweep} ms; ${stages.join(' | ')}`);
  expect(newResult).toBeLessThan(wholeSweep);
  await expect(page.getByTestId('k-suggestion')).toBeVisible();
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
  await expect(page.getByTestId('sweep-note')).toHaveCount(0);
  await expect.poll(() => inkOnCanvas(page, 'ksweep-canvas')).toBeGreaterThan(0.02);
  await screenshot(page, 'late-sweep-ready');

  // A re-run that keeps the data and its preparation takes the comparison from the cache: nothing comes later.
  await page.getByLabel('Number of segments').fill('6');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(page.getByTestId('fit-diagnostics')).toContainText('6 segments among', { timeout: 120_000 });
  await expect(html).toHaveAttribute('data-sweep', 'ready');
  await expect(page.getByTestId('k-suggestion')).toBeVisible();
  expect(offOrigin(requests)).toEqual([]);
});
