// The worker pool: on a file large enough for it, the pipeline worker starts pool members (more instances of
// itself) and splits the sweep over k, the k-means restarts and the silhouette over them; the result is exactly
// the one computed without a pool (`?workers=1`): the same segments, fit, suggestion and metrics, the same
// Choose-k and silhouette charts pixel for pixel.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { recordRequests, offOrigin, screenshot, repo, explainFailures } from './helpers.js';

explainFailures(test);

const CC = path.join(repo, 'tests/data/cc_general.csv');

/** Loads cc_general with `?workers=N`; returns what the user sees and the workers that ran. */
async function segmentWith(page, workers, { crashMember = false } = {}) {
  const started = [];
  const closed = [];
  page.on('worker', (w) => { started.push(w.url()); w.on('close', () => closed.push(w.url())); });
  const requests = recordRequests(page);
  await page.goto(`./?workers=${workers}&perf`);
  const lines = [];
  page.on('console', (m) => { if (m.text().startsWith('segscope:')) lines.push(m.text()); });
  await page.getByLabel('Upload CSV').setInputFiles(CC);
  if (crashMember) {
    // As soon as the members are up, one fails the way a panic or an out-of-memory abort does.
    await expect.poll(() => started.length, { timeout: 60_000 }).toBe(3);
    const member = page.workers()[page.workers().length - 1];
    await member.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable (forced by the test)'); }, 0));
  }
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Segment/ }).click();
  await expect(page.getByTestId('k-suggestion')).toBeVisible();
  await expect(page.getByTestId('metrics')).toContainText('Silhouette');
  const pixels = (id) => page.getByTestId(id).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) >>> 0;
    return `${c.width}x${c.height}:${h}`;
  });
  await page.waitForTimeout(500); // the charts draw in slices after the result
  const seen = {
    // (its time differs, of course)
    fit: (await page.getByTestId('fit-summary').innerText()).replace(/ in [\d.,]+ m?s/, ''),
    suggestion: await page.getByTestId('k-suggestion').innerText(),
    metrics: await page.getByTestId('metrics').innerText(),
    sweepChart: await pixels('ksweep-canvas'),
  };
  await screenshot(page, `pool-${workers}-segment`);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Explore/ }).click();
  await expect(page.getByTestId('silhouette-canvas')).toBeVisible();
  await page.waitForTimeout(500);
  seen.silhouetteChart = await pixels('silhouette-canvas');
  seen.sizes = await page.getByTestId('segment-sizes').innerText();
  expect(offOrigin(requests)).toEqual([]);
  return { seen, started, closed: closed.length, lines };
}

test('a pool of 2 workers splits Choose k, the k-means restarts and the silhouette, with exactly the single-worker result; a failed member falls back', async ({ browser }) => {
  test.setTimeout(300_000);
  const alone = await browser.newPage();
  const one = await segmentWith(alone, 1);
  await alone.close();
  const shared = await browser.newPage();
  const two = await segmentWith(shared, 2);
  await shared.close();
  // Without a pool only the pipeline worker runs; with one, two members start beside it.
  expect(one.started.length).toBe(1);
  expect(two.started.length).toBe(3);
  expect(two.seen).toEqual(one.seen);
  // A member that fails: the pool is dropped (both members close) and the pipeline worker computes the
  // same result itself.
  const broken = await browser.newPage();
  const fallback = await segmentWith(broken, 2, { crashMember: true });
  await broken.close();
  expect(fallback.closed).toBe(2);
  expect(fallback.seen).toEqual(one.seen);
  console.log(`pool: ${JSON.stringify(one.lines.filter((l) => l.includes('worker stages')))} vs ${JSON.stringify(two.lines.filter((l) => l.includes('worker stages')))}`);
});

test('Stop comparing while the pool works on Choose k stops its members too; Compare again computes it', async ({ page }) => {
  const closed = [];
  page.on('worker', (w) => w.on('close', () => closed.push(w.url())));
  await page.goto('./?workers=2');
  await page.getByLabel('Upload CSV').setInputFiles(CC);
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  // The segments are shown; the members work on Choose k after them. Stop it while they do.
  await expect(page.locator('html')).toHaveAttribute('data-sweep', 'computing');
  await expect.poll(() => page.workers().length, { timeout: 60_000 }).toBe(3);
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByTestId('info')).toContainText('Stopped comparing numbers of segments');
  // The pipeline worker and both members are gone; a fresh pipeline worker waits alone.
  await expect.poll(() => closed.length).toBe(3);
  await expect.poll(() => page.workers().length).toBe(1);
  await expect(page.locator('html')).toHaveAttribute('data-sweep', 'ready');
  // The segments stay; Choose k says it stopped, and Compare again reads the file again and computes it.
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Segment/ }).click();
  await expect(page.getByTestId('sweep-stopped')).toBeVisible();
  await page.getByRole('button', { name: 'Compare again' }).click();
  await expect(page.getByTestId('k-suggestion')).toBeVisible();
  await expect(page.getByTestId('sweep-stopped')).toHaveCount(0);
});
