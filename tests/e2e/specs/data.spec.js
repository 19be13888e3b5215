// The Data, Prepare and Features steps: schema edits re-run, preparation settings change what the run did,
// the feature suggestion applies in one click, and a transaction log shows its mapping and rules.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { recordRequests, offOrigin, inkOnCanvas, repo, here, artifacts, explainFailures } from './helpers.js';

explainFailures(test);

const step = (page, title) => page.locator('.step-button').filter({ has: page.locator(`.step-title:text-is("${title}")`) });

/** Full-page screenshots at 1360 and 1024 px, light and dark. */
async function shots(page, name) {
  for (const width of [1360, 1024]) {
    for (const scheme of ['light', 'dark']) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(250);
      await page.screenshot({ path: path.join(artifacts, `data-${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

const num = async (locator) => Number((await locator.locator('.stat-value').innerText()).replace(/,/g, ''));

test('sample: schema edits re-run, preparation changes its summary, the suggestion applies', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./');
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await shots(page, 'empty');
  await page.getByRole('button', { name: 'Use the sample: 440 wholesale customers' }).click();
  // A finished run opens Explore; come back to Data.
  await expect(page.getByTestId('segment-sizes')).toBeVisible();
  await step(page, 'Data').click();
  const schema = page.getByTestId('schema');
  await expect(schema.locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('loaded-summary')).toContainText('440 rows');
  await expect(page.getByTestId('ingest-notes')).toContainText('Fields are separated by commas');
  await expect(page.getByTestId('issues-total')).toContainText('none');
  // pandas' skew() of the spend columns, under their range; none for the codes read as categories.
  await expect(schema.locator('tr[data-column="Fresh"] .cell-note')).toHaveText('right-skewed 2.6');
  await expect(schema.locator('tr[data-column="Delicassen"] .cell-note')).toHaveText('right-skewed 11.2');
  await expect(schema.locator('tr[data-column="Channel"] .cell-note')).toHaveCount(0);
  await shots(page, 'sample');

  // Channel is a code: as a category it is one-hot encoded in the next run.
  await page.getByLabel('Type of Channel').selectOption('categorical');
  await expect(schema.locator('tr[data-column="Channel"] .badge')).toHaveText('changed');
  // Region is ignored: it leaves the features.
  await page.getByLabel('Role of Region').selectOption('ignore');
  await step(page, 'Prepare').click();
  const cols = page.getByTestId('prep-columns');
  await expect(cols.locator('tr[data-column="Channel"] .kind-tag')).toHaveText('Category');
  await expect(cols.locator('tr[data-column="Region"]')).toHaveCount(0);
  await expect(page.getByTestId('prep-unused')).toContainText('Region');

  // Back to the inferred schema.
  await step(page, 'Data').click();
  await page.getByTestId('reset-columns').click();
  await expect(page.getByTestId('reset-columns')).toHaveCount(0);
  await step(page, 'Prepare').click();
  await expect(cols.locator('tr[data-column="Region"]')).toHaveCount(1);

  // Category columns are scaled only when asked (the log of every step names each one-hot column scaled).
  const log = page.getByTestId('prep-report');
  const scaleEncoded = page.getByLabel('Scale yes/no, category and ordinal columns too');
  await expect(log).not.toContainText(/"Region_[^"]+": \w+ scaling/);
  await scaleEncoded.check();
  await expect(log).toContainText(/"Region_[^"]+": \w+ scaling/);
  await scaleEncoded.uncheck();
  await expect(log).not.toContainText(/"Region_[^"]+": \w+ scaling/);

  // Outliers beyond 1.5 × IQR left out: fewer customers are kept.
  const removed = page.getByTestId('prep-removed');
  expect(await num(removed)).toBe(0);
  await page.getByLabel('Outlier rule').selectOption('iqr');
  await page.getByLabel('Then', { exact: true }).first().selectOption('remove');
  await expect.poll(() => num(removed)).toBeGreaterThan(0);
  await expect(page.getByTestId('prep-summary')).not.toContainText('440 of 440');
  // A logarithm for one column.
  await page.getByLabel('Transform of Fresh').selectOption('log1p');
  await expect(cols.locator('tr[data-column="Fresh"] td.effects')).toContainText('log(1 + x)');
  await shots(page, 'prepare');
  await page.getByLabel('Outlier rule').selectOption('none');

  // Features: apply the suggestion, the count of features used drops.
  await step(page, 'Features').click();
  const count = page.getByTestId('feature-count');
  await expect(count).toHaveText('8 of 8');
  await expect(page.getByTestId('feature-suggestions').locator('tbody tr')).not.toHaveCount(0);
  await expect.poll(() => inkOnCanvas(page, 'correlation-canvas')).toBeGreaterThan(0.02);
  const apply = page.getByRole('button', { name: 'Apply suggestion' });
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(count).not.toHaveText('8 of 8');
  await expect(page.getByTestId('feature-suggestion')).toContainText('applied');
  await shots(page, 'features');
  // One toggle back on.
  await page.getByTestId('use-all-features').click();
  await expect(count).toHaveText('8 of 8');
  expect(offOrigin(requests)).toEqual([]);
});

test('a date made a feature is profiled and named as the days since it', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(here, '../fixtures/last_orders.csv'));
  const table = page.getByTestId('segment-sizes');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table).not.toContainText('last order');
  await page.getByLabel('Number of segments').fill('3');
  await page.getByLabel('Number of segments').press('Enter');
  await step(page, 'Data').click();
  await page.getByLabel('Role of last_order').selectOption('feature');
  await step(page, 'Explore').click();
  await expect(table).toContainText('Recent last order');
  await expect(table).toContainText(/long since last order/i);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a new file with other columns runs with its own defaults after the sample\'s settings', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Use the sample: 440 wholesale customers' }).click();
  await expect(page.getByTestId('segment-sizes')).toBeVisible();
  await step(page, 'Features').click();
  await page.getByRole('button', { name: 'Apply suggestion' }).click();
  await expect(page.getByTestId('feature-suggestion')).toContainText('applied');
  // The suggestion named the sample's columns: the mall file has none of them. It used to be refused.
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/mall_customers.csv'));
  await expect(page.locator('ul.notes li').filter({ hasText: 'This file runs with its own defaults' })).toHaveCount(1);
  await step(page, 'Features').click();
  await expect(page.getByTestId('feature-count')).toHaveText(/^(\d+) of \1$/);
  // later runs use the new defaults too: no error on changing k
  await page.getByLabel('Number of segments').fill('3');
  await page.getByLabel('Number of segments').press('Enter');
  await step(page, 'Explore').click();
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('transactions: mapping and rules shown, options re-run, RFM options in Features', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Choose a CSV file').setInputFiles(path.join(repo, 'tests/data/cdnow_sample_transactions.csv'));
  await expect(page.getByTestId('segment-sizes')).toBeVisible();
  await step(page, 'Data').click();
  const card = page.getByTestId('transactions');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('tx-rules').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('tx-summary')).toContainText('customers');
  await expect(page.getByTestId('tx-warning')).toHaveCount(0);
  await expect(page.getByLabel('Customer id')).toHaveValue('customer_id');
  await shots(page, 'transactions');

  const summary = page.getByTestId('tx-summary');
  const before = await summary.innerText();
  await page.getByLabel('Count purchases per').selectOption('month');
  await expect(summary).not.toHaveText(before);

  await step(page, 'Features').click();
  await expect(page.getByTestId('rfm-options')).toBeVisible();
  const count = page.getByTestId('feature-count');
  const n0 = await count.innerText();
  await page.getByLabel('Add log-scaled frequency and spend').check();
  await expect(count).not.toHaveText(n0);
  await shots(page, 'transactions-features');
});

test('a purchase dated 2201 among 1997 dates is warned about, and an observation end settles it', async ({ page }) => {
  const file = path.join(artifacts, 'cdnow-typo-2201.csv');
  fs.writeFileSync(file, fs.readFileSync(path.join(repo, 'tests/data/cdnow_sample_transactions.csv'), 'utf8') + '4,2201-05-01,1,20.00\n');
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await expect(page.getByTestId('segment-sizes')).toBeVisible();
  await step(page, 'Data').click();
  const warning = page.getByTestId('tx-warning');
  await expect(warning).toContainText('1 purchase line is dated after');
  await expect(warning).toContainText('(the latest 2201-05-01)');
  await page.screenshot({ path: path.join(artifacts, 'data-far-date-warning.png'), fullPage: true });
  await page.getByLabel('Observation end').fill('1998-06-30');
  await page.getByLabel('Observation end').press('Enter');
  await expect(page.getByTestId('tx-summary')).toContainText('observed until 1998-06-30');
  await expect(warning).toHaveCount(0);
});

test('a UK log of 01/12 … 12/12 reads month first with a note, and "Day first" reads twelve December days', async ({ page }) => {
  const file = path.join(artifacts, 'uk-december.csv');
  let csv = 'customer,order date,amount\n';
  for (let d = 1; d <= 12; d++) {
    for (let c = 0; c < 4; c++) csv += `c${c},${String(d).padStart(2, '0')}/12/2024,${10 + d + c}.50\n`;
  }
  fs.writeFileSync(file, csv);
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await expect(page.getByTestId('segment-sizes')).toBeVisible();
  await step(page, 'Data').click();
  await expect(page.getByTestId('tx-summary')).toContainText('(2024-01-12 to 2024-12-12');
  await expect(page.getByTestId('ingest-notes')).toContainText('choose the order in the Data step');
  await page.getByLabel('Dates like 03/04/2024').selectOption('dmy');
  await expect(page.getByTestId('tx-summary')).toContainText('(2024-12-01 to 2024-12-12');
  await expect(page.getByLabel('Dates like 03/04/2024')).toHaveValue('dmy');
  await page.screenshot({ path: path.join(artifacts, 'data-date-order.png'), fullPage: true });
});

test('an order log with a status column loads, leaves out cancelled orders, and says why it has no lifetime models', async ({ page }) => {
  // fixtures/olist_like.py writes it: its purchase model has no interior maximum (lifetimes raises
  // ConvergenceError). The app once kept the fit it ran off to and spent minutes scoring it, stuck on "Reading".
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(here, '../fixtures/olist_like_status.csv'));
  await expect(page.getByTestId('segment-sizes').locator('tbody tr').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('lifetime-notes')).toContainText('Lifetime models were not fitted');
  await expect(page.getByTestId('lifetime-notes')).toContainText('did not converge');
  await step(page, 'Data').click();
  await expect(page.getByLabel('Order status (optional)')).toHaveValue('order_status');
  await expect(page.getByTestId('tx-rules')).toContainText('"order_status" is "canceled"');
  await expect(page.getByTestId('tx-summary')).toContainText('customers');
  await page.screenshot({ path: path.join(artifacts, 'data-order-status.png'), fullPage: true });
});

test('UCI Online Retail (dates like 12/1/10 8:26, C-invoices) maps itself and says which rules it applied', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/online_retail_head999.csv'));
  await expect(page.getByTestId('segment-sizes').locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await step(page, 'Data').click();
  await expect(page.getByTestId('transactions')).toBeVisible();
  await expect(page.getByLabel('Customer id')).toHaveValue('CustomerID');
  const rules = page.getByTestId('tx-rules');
  await expect(rules).toContainText(/cancel|return/i);
  await expect(rules).toContainText(/customer id/i);
  await expect(page.getByTestId('tx-summary')).toContainText('customers');
  await page.screenshot({ path: path.join(artifacts, 'data-online-retail.png'), fullPage: true });
});
