// Consensus on the sample: pick it in the Algorithm picker, the runs' summary and the segment-stability chart
// (ink in the segment colours), members and the pairwise limit re-run (with the sampling note when the limit
// applies), the Stability column in the segments table, and screenshots in light and dark at 1360 and 1024 px.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import {
  inkOnCanvas, coloursOnCanvas, screenshot, recordRequests, offOrigin, SEGMENT_COLOURS, artifacts, explainFailures,
} from './helpers.js';

explainFailures(test);

const step = (page, title) =>
  page.locator('.step-button').filter({ has: page.locator('.step-title', { hasText: new RegExp(`^${title}$`) }) });

async function shots(page, name) {
  for (const width of [1360, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(400);
      await screenshot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 900 });
}

/** The chart alone, light and dark, to look at closely. */
async function chartShots(page, testid, name) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    // Canvases redraw on resize (not on a colour-scheme change alone): nudge the width.
    await page.setViewportSize({ width: scheme === 'dark' ? 1361 : 1360, height: 900 });
    await page.getByTestId(testid).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await page.getByTestId(testid).screenshot({ path: path.join(artifacts, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 900 });
}

async function expectInk(page, testid, min = 0.01) {
  await expect(page.getByTestId(testid)).toBeVisible();
  await expect.poll(() => inkOnCanvas(page, testid)).toBeGreaterThan(min);
}

test('consensus: stability chart and column, members and the pairwise limit re-run', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  await step(page, 'Segment').click();

  const fit = page.getByTestId('fit-summary');
  const started = Date.now();
  await page.getByLabel('Algorithm', { exact: true }).selectOption('consensus');
  await expect(page.getByTestId('algorithm-help')).toContainText('keeps the segments they agree on');
  await expect(fit).toContainText('21 member runs');
  console.log(`consensus on the sample: ${Date.now() - started} ms from the click to the result; fit: ${await fit.textContent()}`);
  await expect(page.getByTestId('consensus-cost')).toHaveText(
    '21 fits (k-means × 10, Gaussian mixture × 10, Ward hierarchical × 1), plus 420 for the stability re-runs.');
  const summary = page.getByTestId('consensus-summary');
  await expect(summary).toContainText(/^21 member runs; agreement with the consensus \(adjusted Rand index\): k-means 0\.\d\d/);
  await expect(summary).toContainText(/of 4 segments are stable/);
  await expect(page.getByTestId('consensus-sampling')).toContainText('Exact: every pair of the 440 customers');
  await expect(page.getByTestId('consensus-scoring')).toContainText('nearest segment centre');
  await expectInk(page, 'stability-canvas', 0.02);
  await expect.poll(() => coloursOnCanvas(page, 'stability-canvas', SEGMENT_COLOURS.slice(0, 4))).toBe(4);
  // The k sweep still helps choose k, with k-means, and says so.
  await expect(page.getByText('the sweep shows k-means')).toBeVisible();
  await shots(page, 'consensus-segment');
  await chartShots(page, 'stability-canvas', 'consensus-stability-chart');

  // Members: without the mixture, 11 runs; k-means is then locked on (Ward alone is one run).
  await page.getByLabel('Gaussian mixture', { exact: true }).uncheck();
  await expect(fit).toContainText('11 member runs');
  await expect(page.getByTestId('consensus-cost')).toContainText('11 fits (k-means × 10, Ward hierarchical × 1)');
  await expect(page.getByLabel('k-means', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Ward hierarchical', { exact: true })).toBeEnabled();
  // A pairwise limit under the number of customers: the co-association is sampled, and the UI says so.
  await page.getByLabel('Pairwise limit').fill('200');
  await page.getByLabel('Pairwise limit').press('Enter');
  const sampling = page.getByTestId('consensus-sampling');
  await expect(sampling).toContainText('seeded sample of 200');
  await expect(sampling).toHaveClass(/applied/);
  await expect(page.locator('ul.notes').first()).toContainText('seeded sample of 200 of 440');
  await expectInk(page, 'stability-canvas', 0.02);
  await shots(page, 'consensus-sampled');

  // Explore: the segments table has a Stability column with a value and a reading per segment.
  await step(page, 'Explore').click();
  const table = page.getByTestId('segment-sizes');
  await expect(table.locator('thead')).toContainText('Stability');
  const cells = page.getByTestId('segment-stability');
  await expect(cells).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(cells.nth(i)).toHaveText(/^\s*[01]\.\d\d\s*(stable|doubtful|unstable)\s*$/);
  }
  await expect(page.locator('ul.notes').last()).toContainText('seeded sample of 200 of 440');
  await expectInk(page, 'explore-stability-canvas', 0.02);
  await shots(page, 'consensus-explore');
  // The extra column still fits a 1024 px window: no sideways scrolling of the table.
  await page.setViewportSize({ width: 1024, height: 900 });
  await expect.poll(() => table.locator('xpath=..').evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1360, height: 900 });
  expect(offOrigin(requests)).toEqual([]);
});
