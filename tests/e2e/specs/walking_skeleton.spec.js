// The thin slice end to end: sample data and uploads computed in a worker, drawn on canvas, errors kept apart.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { recordRequests, offOrigin, coloursOnCanvas, inkOnCanvas, screenshot, repo, here, SEGMENT_COLOURS, explainFailures } from './helpers.js';

explainFailures(test);

test('sample data: segments computed in a worker and drawn, nothing leaves the origin', async ({ page }) => {
  const requests = recordRequests(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./');
  await expect(page.getByText('Your data stays in this tab')).toBeVisible();
  await page.getByRole('button', { name: 'Try sample data' }).click();
  const table = page.getByTestId('segment-sizes');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  expect(workers.some((u) => u.endsWith('/worker-loader.js'))).toBe(true);
  // The worker fetched the sample and ran the wasm; the page itself never fetched the CSV.
  expect(requests.filter((u) => u.endsWith('.csv')).length).toBe(1);
  await expect.poll(() => coloursOnCanvas(page, 'map-canvas', SEGMENT_COLOURS.slice(0, 4))).toBeGreaterThanOrEqual(4);
  await expect.poll(() => inkOnCanvas(page, 'sizes-canvas')).toBeGreaterThan(0.02);
  await screenshot(page, 'sample-k4');

  // Changing the number of segments re-runs automatically.
  await page.getByLabel('Number of segments').fill('6');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect.poll(() => coloursOnCanvas(page, 'map-canvas', SEGMENT_COLOURS.slice(0, 6))).toBeGreaterThanOrEqual(6);
  await screenshot(page, 'sample-k6');
  expect(offOrigin(requests)).toEqual([]);
});

test('upload a CSV, then a broken file: a clear error and the previous result stays', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/mall_customers.csv'));
  const table = page.getByTestId('segment-sizes');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');
  // Gender is a category: each segment's share of it is drawn, and reads as a table.
  const categories = page.getByTestId('categories-canvas-figure');
  await expect.poll(() => inkOnCanvas(page, 'categories-canvas')).toBeGreaterThan(0.005);
  await categories.getByText('Values', { exact: true }).click();
  await expect(categories.locator('thead th')).toHaveText(['segment', 'Gender: Female', 'Gender: Male']);
  await expect(categories.locator('tbody tr')).toHaveCount(5);
  await expect(categories.locator('tbody tr').last()).toContainText('All customers56%44%');
  await expect(categories.locator('tbody tr').first().locator('td').first()).toHaveText(/^\d+%$/);

  await page.getByLabel('Upload CSV').setInputFiles(path.join(here, '../fixtures/binary.csv'));
  await expect(page.getByTestId('error')).toContainText('binary.csv');
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await screenshot(page, 'error-binary-keeps-result');

  await page.getByLabel('Upload CSV').setInputFiles(path.join(here, '../fixtures/no_numeric.csv'));
  await expect(page.getByTestId('error')).toContainText('no_numeric.csv');
  await expect(page.getByTestId('error')).toContainText('numeric');
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');

  // The data loaded before the failures is still the one runs use.
  await page.getByLabel('Number of segments').fill('3');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');
  expect(offOrigin(requests)).toEqual([]);
});

test('a file separated by single spaces (as R and scikit-learn write them) is read into its columns', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(here, '../fixtures/space_separated.csv'));
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('summary')).toContainText('of 60 customers');
  await page.locator('.step-button').filter({ has: page.locator('.step-title:text-is("Data")') }).click();
  await expect(page.getByTestId('loaded-summary')).toContainText('3 columns · space-separated');
  await expect(page.getByText('Fields are separated by single spaces')).toBeVisible();
  await screenshot(page, 'space-separated');
});

test('data chosen quickly in a row ends on the last choice', async ({ page }) => {
  // upload, sample, upload, sample a moment apart: the end of the third load dropped the fourth choice,
  // and the upload stayed on screen
  // (a file whose run takes a while, so that the third is still running at the fourth choice; on the build
  // before the fix this ended on cc_general)
  await page.goto('./');
  const cc = path.join(repo, 'tests/data/cc_general.csv');
  const sample = page.getByRole('button', { name: 'Try sample data' });
  await page.getByLabel('Upload CSV').setInputFiles(cc);
  await page.waitForTimeout(200);
  await sample.click();
  await page.waitForTimeout(200);
  await page.getByLabel('Upload CSV').setInputFiles(cc);
  await page.waitForTimeout(200);
  await sample.click();
  await expect(page.getByTestId('summary')).toContainText('of 440 customers');
  await page.waitForTimeout(5_000); // nothing older comes after it
  await expect(page.getByTestId('summary')).toContainText('of 440 customers');
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
});

test('?data= with an address off the page\'s origin is not requested, and says why', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./?data=http://example.com/customers.csv');
  await expect(page.getByTestId('error')).toContainText('?data=http://example.com/customers.csv was not loaded');
  expect(offOrigin(requests)).toEqual([]);
  // a backslash the browser reads as a slash ("//example.com") is resolved first, and refused
  await page.goto('./?data=' + encodeURIComponent('/\\example.com/x.csv'));
  await expect(page.getByTestId('error')).toContainText('was not loaded');
  expect(offOrigin(requests)).toEqual([]);
  // the same origin's full address is its path
  const own = new URL('/docs/customers.csv', page.url()).href;
  await page.goto(`./?data=${encodeURIComponent(own)}`);
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  expect(requests.some((u) => u.endsWith('/docs/customers.csv'))).toBe(true);
});
