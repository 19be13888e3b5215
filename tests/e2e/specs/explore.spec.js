// Segment and Explore steps: algorithm settings re-run the pipeline, Choose k → Use k, segment edits (rename,
// pin, merge, split), the map's axes and hover tooltip, every chart has ink, the transaction-mode at-risk list,
// and screenshots in light and dark at 1360 and 1024 px.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { inkOnCanvas, screenshot, repo, artifacts, recordRequests, offOrigin, explainFailures } from './helpers.js';

explainFailures(test);

const step = (page, title) =>
  page.locator('.step-button').filter({ has: page.locator('.step-title', { hasText: new RegExp(`^${title}$`) }) });

async function loadSample(page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
}

/** Screenshots of the page at both widths, light and dark. */
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

async function expectInk(page, testid, min = 0.01) {
  await expect(page.getByTestId(testid)).toBeVisible();
  await expect.poll(() => inkOnCanvas(page, testid)).toBeGreaterThan(min);
}

test('segment step: algorithm settings re-run, Choose k → Use k, each algorithm shows its chart', async ({ page }) => {
  const requests = recordRequests(page);
  await loadSample(page);
  await step(page, 'Segment').click();
  const fit = page.getByTestId('fit-summary');
  await expect(fit).toContainText('converged');
  await expect(page.getByTestId('metrics')).toContainText('Silhouette');
  await expectInk(page, 'ksweep-canvas', 0.02);

  // A setting change re-runs: one pass per start cannot settle.
  await page.getByLabel('Max iterations').fill('1');
  await page.getByLabel('Max iterations').press('Enter');
  await expect(fit).toContainText('iteration limit');
  await page.getByLabel('Max iterations').fill('300');
  await page.getByLabel('Max iterations').press('Enter');
  await expect(fit).toContainText('converged');
  // The variant switch: mini-batch reports steps.
  await page.getByLabel('Variant').selectOption('minibatch');
  await expect(page.getByLabel('Algorithm', { exact: true })).toHaveValue('minibatch-kmeans');
  await expect(fit).toContainText('steps');
  await expect(page.getByLabel('Batch size')).toBeVisible();
  await page.getByLabel('Variant').selectOption('accelerated');
  await expect(fit).toContainText('passes');

  // Choose k: move away from the suggestion, then take it with one click.
  const suggestion = page.getByTestId('k-suggestion');
  await expect(suggestion).toContainText('Suggested:');
  const suggested = Number((await suggestion.textContent()).match(/Suggested: (\d+)/)[1]);
  const other = suggested === 3 ? 5 : 3;
  await page.getByLabel('Number of segments').fill(String(other));
  await page.getByLabel('Number of segments').press('Enter');
  await expect(page.getByRole('button', { name: `Use k = ${suggested}` })).toBeVisible();
  await page.getByRole('button', { name: `Use k = ${suggested}` }).click();
  await expect(page.getByLabel('Number of segments')).toHaveValue(String(suggested));
  await expect(page.getByTestId('k-in-use')).toContainText(`Using k = ${suggested}`);
  await expect(fit).toContainText('converged');
  await page.waitForTimeout(500);
  await shots(page, 'segment-kmeans');

  // DBSCAN: the k-distance chart and the suggested eps.
  await page.getByLabel('Algorithm', { exact: true }).selectOption('dbscan');
  await expectInk(page, 'algorithm-canvas', 0.02);
  const useEps = page.getByRole('button', { name: /Use suggested eps/ });
  await expect(useEps).toBeEnabled();
  const eps = (await useEps.textContent()).match(/= ([\d.e-]+)/)[1];
  await useEps.click();
  await expect(page.getByLabel('Neighbourhood radius (eps)')).toHaveValue(eps);
  await expect(useEps).toBeDisabled();
  await expect(page.getByTestId('algorithm-params')).toBeVisible();
  await shots(page, 'segment-dbscan');

  // Hierarchical: linkage, dendrogram, the size-cap note.
  await page.getByLabel('Algorithm', { exact: true }).selectOption('hierarchical');
  // the k asked for before DBSCAN (which finds its own) comes back
  await expect(page.getByLabel('Number of segments')).toHaveValue(String(suggested));
  await expect(page.getByTestId('cap-note')).toContainText('Exact');
  await page.getByLabel('Linkage').selectOption('average');
  await expect(page.getByTestId('fit-summary')).toContainText('merges');
  await expectInk(page, 'algorithm-canvas', 0.02);
  await screenshot(page, 'segment-hierarchical');

  // Gaussian mixtures.
  await page.getByLabel('Algorithm', { exact: true }).selectOption('gmm');
  await page.getByLabel('Covariance shape').selectOption('diag');
  await expect(page.getByTestId('fit-summary')).toContainText('iterations');
  await page.getByLabel('Algorithm', { exact: true }).selectOption('bgmm');
  await expect(page.getByTestId('effective-components')).toContainText('components carry more than 1%');
  await expectInk(page, 'algorithm-canvas', 0.02);
  await page.getByLabel('Weight prior').selectOption('distribution');
  await expect(page.getByTestId('effective-components')).toContainText('components');
  await shots(page, 'segment-bgmm');
  // the mixture's k is only an upper bound: back on k-means, the k asked for is still the one used
  await page.getByLabel('Algorithm', { exact: true }).selectOption('kmeans');
  await expect(page.getByLabel('Number of segments')).toHaveValue(String(suggested));
  await expect(page.getByTestId('k-in-use')).toContainText(`Using k = ${suggested}`);
  // entries out of range, with a fraction or blank show the k that runs once committed
  for (const [typed, shown] of [['1000', '20'], ['2.4', '2'], ['', '2']]) {
    await page.getByLabel('Number of segments').fill(typed);
    await page.getByLabel('Number of segments').press('Enter');
    await expect(page.getByLabel('Number of segments')).toHaveValue(shown);
  }
  expect(offOrigin(requests)).toEqual([]);
});

test('charts redraw in the new theme when the colour scheme flips, with no resize', async ({ page }) => {
  await loadSample(page);
  await expectInk(page, 'sizes-canvas');
  const corner = () => page.getByTestId('sizes-canvas').evaluate((c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)));
  expect(await corner()).toEqual([0xff, 0xff, 0xff]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(corner).toEqual([0x1b, 0x1f, 0x24]);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(corner).toEqual([0xff, 0xff, 0xff]);
});

/** Presses Tab until the focused element matches `wanted` (at most 60 presses); returns its description. */
async function tabTo(page, wanted) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const e = document.activeElement;
      const label = e.id ? document.querySelector(`label[for="${e.id}"]`)?.textContent.trim() : '';
      return { text: (e.textContent || '').trim(), label: label || e.getAttribute('aria-label') || '', outline: getComputedStyle(e).outlineStyle };
    });
    if (wanted(here)) return here;
  }
  throw new Error('Tab never reached the wanted control');
}

test('keyboard only: load the sample, change k, change step; the focus is always visible', async ({ page }) => {
  await page.goto('./');
  const sample = await tabTo(page, (e) => e.text === 'Try sample data');
  expect(sample.outline).not.toBe('none');
  await page.keyboard.press('Enter');
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const k = await tabTo(page, (e) => e.label === 'Number of segments');
  expect(k.outline).not.toBe('none');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(5);
  await page.evaluate(() => document.activeElement.blur()); // Tab goes on from here, round to the step list
  const exportStep = await tabTo(page, (e) => e.text.startsWith('6') && e.text.includes('Export'));
  expect(exportStep.outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Export', exact: true })).toBeVisible();
  await tabTo(page, (e) => e.text === 'Download labeled CSV');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test('on a phone (390 px) every step fits the screen width; wide tables scroll inside their card', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loadSample(page);
  for (const title of ['Data', 'Prepare', 'Features', 'Segment', 'Explore', 'Export']) {
    await step(page, title).click();
    await page.waitForTimeout(300);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${title}: page width ${scroll} px on a ${client} px screen`).toBeLessThanOrEqual(client);
    await screenshot(page, `phone-${title.toLowerCase()}`);
  }
  await page.setViewportSize({ width: 1360, height: 900 });
});

test('explore step: rename, pin, merge, split; map axes and hover; every chart drawn', async ({ page }) => {
  await loadSample(page);
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');

  // Rename segment 1: the name is pinned and survives the re-run.
  await page.getByRole('textbox', { name: 'Name of segment 1' }).fill('Big spenders');
  await page.getByRole('textbox', { name: 'Name of segment 1' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Pin the name for segment 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('textbox', { name: 'Name of segment 1' })).toHaveValue('Big spenders');
  // Pin segment 2's automatic name.
  await page.getByRole('button', { name: 'Pin the name for segment 2' }).click();
  await expect(page.getByRole('button', { name: 'Pin the name for segment 2' })).toHaveAttribute('aria-pressed', 'true');

  // Merge segments 3 and 4, then split segment 1 in three.
  await page.getByLabel('Merge', { exact: true }).selectOption({ index: 2 });
  await page.getByLabel('with', { exact: true }).selectOption({ index: 3 });
  await page.getByRole('button', { name: 'Merge segments' }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('edit-list')).toContainText('Merge segment 4 into segment 3');
  await page.getByLabel('Split', { exact: true }).selectOption({ index: 0 });
  await page.getByLabel('into', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Split segment' }).click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('edit-list')).toContainText('Split segment 1 into 3');
  await expect(page.locator('.name-input').first()).toBeVisible();
  await page.locator('.explore-top').screenshot({ path: path.join(artifacts, 'explore-table-edited.png') });
  await shots(page, 'explore-edited');
  await page.getByRole('button', { name: 'Undo last edit' }).click();
  await expect(rows).toHaveCount(3);

  // Map: two features as axes, then hover a dot.
  const xAxis = page.getByLabel('Horizontal axis');
  const options = await xAxis.locator('option').allTextContents();
  const features = options.filter((o) => !/^(PC|t-SNE|\()/.test(o));
  expect(features.length).toBeGreaterThanOrEqual(2);
  const [fx, fy] = features.length >= 4 ? [features[2], features[3]] : [features[0], features[1]];
  await xAxis.selectOption(fx);
  await page.getByLabel('Vertical axis').selectOption(fy);
  await expect(page.getByRole('img', { name: /Segment map/ })).toBeVisible();
  await expectInk(page, 'map-canvas', 0.02);
  const canvas = page.getByTestId('map-canvas');
  await canvas.scrollIntoViewIfNeeded();
  // Sweep the pointer over the plot until it is over a dot.
  const box = await canvas.boundingBox();
  const tooltip = page.getByTestId('map-tooltip');
  let found = false;
  for (let y = 40; y < box.height - 50 && !found; y += 10) {
    for (let x = 70; x < box.width * 0.7 && !found; x += 10) {
      await page.mouse.move(box.x + x, box.y + y);
      found = (await tooltip.count()) > 0;
    }
  }
  expect(found).toBe(true);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/Row \d+|Customer /);
  await expect(tooltip).toContainText(fx);
  await page.locator('.map-wrap').screenshot({ path: path.join(artifacts, 'explore-map-hover.png') });
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(tooltip).toHaveCount(0);

  // Map method: t-SNE (or the stated PCA fallback) still draws a map with axes to pick.
  await page.getByLabel('Map method').selectOption('tsne');
  await expect(page.getByLabel('Map method')).toHaveValue('tsne');
  await expect.poll(async () => (await page.getByLabel('Horizontal axis').locator('option').count())).toBeGreaterThan(2);
  await expectInk(page, 'map-canvas', 0.02);
  await page.getByLabel('Map method').selectOption('pca');

  // Box plots follow the feature selector; every chart canvas has content.
  await page.getByLabel('Feature', { exact: true }).selectOption({ index: 1 });
  for (const id of ['map-canvas', 'sizes-canvas', 'heatmap-canvas', 'boxplot-canvas', 'silhouette-canvas', 'importance-canvas']) {
    await expectInk(page, id);
  }
  // Each chart's values read as a table (its text alternative), built when opened: the profile heatmap has a
  // row per segment.
  const heatmap = page.getByTestId('heatmap-canvas-figure');
  await expect(heatmap.locator('table')).toHaveCount(0);
  await heatmap.getByText('Values', { exact: true }).click();
  await expect(heatmap.locator('tbody tr')).toHaveCount(await page.getByTestId('segment-sizes').locator('tbody tr').count());
  await expect(page.getByTestId('silhouette-canvas-figure').locator('summary')).toHaveText('Values');
  await shots(page, 'explore');
});

test('transactions: RFM, lifetime value and the at-risk list with thresholds and CSV', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/cdnow_sample_transactions.csv'));
  await expect(page.getByTestId('segment-sizes').locator('tbody tr').first()).toBeVisible();
  const atRisk = page.getByTestId('at-risk');
  await expect(atRisk).toBeVisible();
  for (const id of ['rfm-counts-canvas', 'rfm-grid-canvas', 'clv-canvas', 'alive-canvas']) {
    await expectInk(page, id);
  }
  await expect(page.getByTestId('at-risk-table').locator('tbody tr').first()).toBeVisible();
  await page.getByLabel('High value: top %').fill('50');
  await page.getByLabel('High value: top %').press('Enter');
  await expect(page.getByTestId('at-risk-sentence')).toContainText('top 50%');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download at-risk CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await atRisk.scrollIntoViewIfNeeded();
  await atRisk.screenshot({ path: path.join(artifacts, 'explore-at-risk.png') });
  await shots(page, 'explore-transactions');

  // Score a second file (the full CDNOW log, 23,570 customers) with the model trained on the sample.
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Export/ }).click();
  await page.locator('input[type=file][aria-label="Score new customers"]').setInputFiles(path.join(repo, 'tests/data/cdnow_transactions.csv'));
  await expect(page.getByTestId('score-summary')).toContainText('of 23,570 customers scored', { timeout: 120_000 });
  await expectInk(page, 'shares-canvas');
  await expectInk(page, 'psi-canvas');
  const scored = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download scored CSV' }).click();
  const file = path.join(artifacts, 'cdnow-scored.csv');
  await (await scored).saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(lines.length - 1).toBe(69659); // every input line, with its customer's segment
  expect(lines[0]).toMatch(/segment/);
  await page.screenshot({ path: path.join(artifacts, 'cdnow-scored.png'), fullPage: true });
});

test('skew hint: the sample\'s skewed spend columns get a logarithm in one click and the segments even out', async ({ page }) => {
  await loadSample(page);
  await step(page, 'Explore').click();
  const sizes = async () =>
    (await page.getByTestId('segment-sizes').locator('tbody tr td:nth-child(3)').allTextContents())
      .map((t) => Number(t.replace(/[^0-9]/g, '')));
  const hint = page.getByTestId('skew-hint');
  await expect(hint).toContainText(
    'Fresh, Milk, Grocery, Frozen, Detergents_Paper and Delicassen are strongly right-skewed (skewness 2.6 to 11.2)');
  await expect(hint).toContainText('and here 2 segments are tiny (10 and 4 customers)');
  const before = await sizes();
  expect(before.reduce((a, b) => a + b, 0)).toBe(440);
  expect(Math.min(...before)).toBeLessThan(14);
  await screenshot(page, 'skew-hint-explore');

  await hint.getByRole('button', { name: 'Use a logarithm for these 6 columns' }).click();
  await expect(hint).toHaveCount(0);
  // The re-run: every segment now holds at least 3% of the 440 customers.
  await expect.poll(async () => Math.min(...(await sizes()))).toBeGreaterThanOrEqual(14);
  expect((await sizes()).reduce((a, b) => a + b, 0)).toBe(440);

  // Prepare shows the logarithm on each column; setting one back to none brings the hint back for it alone.
  await step(page, 'Prepare').click();
  await expect(page.getByLabel('Transform of Fresh')).toHaveValue('log1p');
  await expect(page.getByLabel('Transform of Delicassen')).toHaveValue('log1p');
  await page.getByLabel('Transform of Fresh').selectOption('none');
  await expect(page.getByTestId('skew-hint')).toContainText('Fresh is strongly right-skewed (skewness 2.6)');
  await expect(page.getByTestId('skew-hint').getByRole('button', { name: 'Use a logarithm for Fresh' })).toBeVisible();
  await screenshot(page, 'skew-hint-prepare');
});
