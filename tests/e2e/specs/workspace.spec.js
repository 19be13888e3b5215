// The whole workspace as a user meets it: a real file through every step with every export parsed (and the
// pipeline re-run by the CLI to the same labels), Cancel, a worker crash, the iframe embed under a sub-path,
// axe, and main-thread long tasks while a 100k-row k-means runs.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { recordRequests, offOrigin, inkOnCanvas, screenshot, repo, artifacts, bigCsvFile, TRACE_CATEGORIES, longTasksWithCpu, explainFailures } from './helpers.js';

explainFailures(test);

const CC = path.join(repo, 'tests/data/cc_general.csv');
const STEPS = ['Data', 'Prepare', 'Features', 'Segment', 'Explore', 'Export'];

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Clicks `name` and returns the downloaded file's text and suggested name. */
async function download(page, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const file = path.join(artifacts, 'downloads', dl.suggestedFilename());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await dl.saveAs(file);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

async function openStep(page, title) {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^\\d?\\s*${title}`) }).click();
  await expect(page.locator(`#step-${title.toLowerCase()}`)).toBeVisible();
}

/** Every visible canvas in the open step has drawn something. */
async function everyCanvasHasInk(page, step) {
  const canvases = page.locator(`#step-${step.toLowerCase()} canvas[data-testid]:visible`);
  const n = await canvases.count();
  for (let i = 0; i < n; i++) {
    const id = await canvases.nth(i).getAttribute('data-testid');
    await expect.poll(() => inkOnCanvas(page, id), { message: `${step}: ${id} is blank` }).toBeGreaterThan(0.005);
  }
  return n;
}

test('cc_general through every step: canvases drawn, exports parsed, the pipeline re-runs in the CLI to the same labels', async ({ page }) => {
  test.setTimeout(600_000);
  const requests = recordRequests(page);
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(CC);
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4, { timeout: 300_000 });
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 300_000 });
  const drawn = {};
  for (const step of STEPS) {
    await openStep(page, step);
    drawn[step] = await everyCanvasHasInk(page, step);
    await screenshot(page, `cc-${step.toLowerCase()}`);
  }
  expect(drawn.Explore).toBeGreaterThanOrEqual(4);

  await openStep(page, 'Export');
  const labeled = parseCsv((await download(page, 'Download labeled CSV')).text);
  const header = labeled[0];
  const input = parseCsv(fs.readFileSync(CC, 'utf8'));
  expect(labeled.length - 1).toBe(input.length - 1);
  expect(header.slice(0, input[0].length)).toEqual(input[0]);
  const seg = header.indexOf('segment');
  expect(seg).toBeGreaterThan(0);
  expect(header).toContain('segment_name');

  const profiles = parseCsv((await download(page, 'Download segment profiles')).text).filter((r) => r.length > 1);
  expect(profiles.length - 1).toBe(4);
  const report = (await download(page, 'Download report')).text;
  expect(report).toContain('<svg');
  expect(report).not.toMatch(/<script[^>]+src=|https?:\/\/(?!www\.w3\.org)/);
  const model = JSON.parse((await download(page, 'Download model')).text);
  expect(model.format).toBeTruthy();
  const pipeline = await download(page, 'Download pipeline');
  JSON.parse(pipeline.text);

  // The same config through the native CLI gives the same segment for every row.
  const out = path.join(artifacts, 'downloads', 'cli-labeled.csv');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'segscope', '--', 'run', CC, '--config', pipeline.file, '--out', out], { cwd: repo, stdio: 'inherit' });
  const cli = parseCsv(fs.readFileSync(out, 'utf8'));
  const cliSeg = cli[0].indexOf('segment');
  expect(cli.slice(1).map((r) => r[cliSeg])).toEqual(labeled.slice(1).map((r) => r[seg]));
  expect(offOrigin(requests)).toEqual([]);
});

test('the worker re-reads the picked file, not a copy: the export is exact, and a file changed on disk since says to load it again', async ({ page }) => {
  // The worker keeps the File, not its bytes (the tab's memory holds the table only); exports read it again.
  const dir = fs.mkdtempSync(path.join(artifacts, 'changed-'));
  const file = path.join(dir, 'customers.csv');
  const original = fs.readFileSync(path.join(repo, 'tests/data/mall_customers.csv'), 'utf8');
  fs.writeFileSync(file, original);
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');
  await openStep(page, 'Export');
  const labeled = parseCsv((await download(page, 'Download labeled CSV')).text).filter((r) => r.length > 1);
  expect(labeled.length).toBe(201);
  expect(labeled.map((r) => r.slice(0, 5))).toEqual(parseCsv(original).filter((r) => r.length > 1));

  fs.appendFileSync(file, '201,Female,30,70,50\n');
  fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
  await page.getByRole('button', { name: 'Download labeled CSV', exact: true }).click();
  await expect(page.getByTestId('error')).toContainText('customers.csv');
  await expect(page.getByTestId('error')).toContainText('changed, moved or deleted since it was loaded. Load it again.');
  await screenshot(page, 'export-file-changed');
  expect(parseCsv((await download(page, 'Download segment profiles')).text).filter((r) => r.length > 1).length).toBe(5);
  await openStep(page, 'Explore');
  await expect(page.getByTestId('summary')).toContainText('of 200 customers');

  await page.getByLabel('Upload CSV').setInputFiles(file);
  await expect(page.getByTestId('summary')).toContainText('of 201 customers');
});

test('Cancel stops a run at once and keeps the previous result; a crashed worker is replaced and the data kept', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await page.getByRole('button', { name: 'Try sample data' }).click();
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const summary = await page.getByTestId('summary').textContent();

  // A long run: 100k rows. Cancel as soon as the progress bar shows.
  await page.getByLabel('Upload CSV').setInputFiles(bigCsvFile(100_000));
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible({ timeout: 30_000 });
  // Timed in the page: from the click event to the notice in the DOM (the worker is terminated in the same
  // handler, so the computation has stopped by then).
  await page.evaluate(() => {
    window.__cancel = {};
    document.addEventListener('click', () => { window.__cancel.click = performance.now(); }, { capture: true, once: true });
    new MutationObserver((_, obs) => {
      if (document.body.textContent.includes('Run cancelled')) { window.__cancel.notice = performance.now(); obs.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const worker = page.workers().filter((w) => w.url().endsWith('/worker-loader.js')).at(-1);
  const closed = new Promise((resolve) => worker.on('close', resolve));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('status').getByText('Run cancelled')).toBeVisible();
  // screen readers hear it once, from the polite region (not every percentage before it)
  await expect(page.getByTestId('announcement')).toHaveText('Run cancelled. The previous result is still shown.');
  await closed; // the busy worker was terminated, not asked to stop
  const { click, notice } = await page.evaluate(() => window.__cancel);
  console.log(`Cancel: click to notice ${(notice - click).toFixed(1)} ms`);
  expect(notice - click).toBeLessThan(100);
  await expect(rows).toHaveCount(4);
  expect(await page.getByTestId('summary').textContent()).toBe(summary);
  await screenshot(page, 'cancelled-keeps-result');
  // the fresh worker has no data: an export reads the shown data again first (it said "nothing to export")
  await openStep(page, 'Export');
  const afterCancel = parseCsv((await download(page, 'Download labeled CSV')).text).filter((r) => r.length > 1);
  expect(afterCancel.length).toBe(441);
  expect(afterCancel[0].slice(-2)).toEqual(['segment', 'segment_name']);

  // Back to the sample; then crash the worker the way a panic or an out-of-memory abort does.
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(rows).toHaveCount(4);
  const fresh = page.workers().filter((w) => w.url().endsWith('/worker-loader.js')).at(-1); // Cancel replaced the first
  expect(fresh).toBeTruthy();
  await fresh.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable (forced by the test)'); }, 0));
  await expect(page.getByTestId('error')).toContainText('The computation stopped');
  await expect(page.getByTestId('error')).toContainText('your data and the last result are kept');
  await expect(rows).toHaveCount(4);
  await screenshot(page, 'worker-crash-recovered');
  // The fresh worker still has the data: a new k re-runs on it.
  await page.getByLabel('Number of segments').fill('5');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(rows).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('summary')).toContainText('440');
});

test('embedded in an iframe of a static docs page under a sub-path, with a CSV beside the page', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/docs/index.html');
  const frame = page.frameLocator('iframe[title="Customer segments"]');
  await expect(frame.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(frame.getByTestId('summary')).toContainText('200');
  // The page's own chrome (header with the brand, footer) is hidden; the controls stay.
  await expect(frame.getByRole('banner')).toHaveCount(0);
  await expect(frame.getByRole('contentinfo')).toHaveCount(0);
  await expect(frame.getByLabel('Number of segments')).toHaveValue('3');
  await screenshot(page, 'embed-iframe');
  expect(requests.some((u) => u.endsWith('/docs/customers.csv'))).toBe(true);
  expect(offOrigin(requests)).toEqual([]);
});

test('axe finds no serious or critical violations on any step, light or dark', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ bypassCSP: true }); // only so the test can inject axe
  const page = await context.newPage();
  await page.goto('./');
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(4);
  await page.addScriptTag({ path: path.join(repo, 'tests/e2e/node_modules/axe-core/axe.min.js') });
  const found = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const step of STEPS) {
      await openStep(page, step);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))) {
        found.push(`${scheme}/${step}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
  }
  expect(found).toEqual([]);
  await context.close();
});

// Issues 6 and 8: while a 100k-row k-means runs and its result arrives, the main thread never works for 50 ms
// at a stretch. Every long task (PerformanceObserver) from the upload to the charts drawn is written to
// artifacts/longtasks-100k.json with its CPU time from a Chromium trace. The assertion is on CPU time: this
// machine is shared, and a task whose wall-clock time passes 50 ms while its thread ran for 1–2 ms was
// waiting for a CPU, not working (seen often here). Wall-clock time is printed, and must stay under 1 s.
test('main-thread long tasks while a 100k-row k-means runs: none works for 50 ms', async ({ page, browser }) => {
  test.setTimeout(600_000);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('./?perf#algo=kmeans&k=8');
  await expect(page.getByRole('button', { name: 'Try sample data' })).toBeVisible();
  const start = await page.evaluate(() => performance.now());
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.getByLabel('Upload CSV').setInputFiles(bigCsvFile(100_000));
  await expect(page.getByTestId('segment-sizes').locator('tbody tr')).toHaveCount(8, { timeout: 540_000 });
  await expect(page.getByTestId('progress')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-charts', 'drawn');
  const trace = await browser.stopTracing();
  const { tasks, mark } = await page.evaluate((t) => ({
    tasks: window.__longTasks.filter((e) => e.start >= t),
    mark: performance.getEntriesByName('segscope:report received').map((m) => ({ name: 'report received', start: m.startTime }))[0],
  }), start);
  const measured = longTasksWithCpu(trace, tasks, mark);
  fs.writeFileSync(path.join(artifacts, 'longtasks-100k.json'), JSON.stringify(measured, null, 1));
  const worst = Math.max(0, ...measured.map((t) => t.ms));
  const worstCpu = Math.max(0, ...measured.map((t) => t.cpu ?? t.ms));
  console.log(`100k k-means: ${measured.length} long tasks, worst ${worst} ms wall-clock, worst ${worstCpu} ms CPU: ${JSON.stringify(measured.map((t) => [t.ms, t.cpu]))}`);
  expect(measured.filter((t) => (t.cpu ?? t.ms) >= 50), 'tasks that worked 50 ms or more (CPU time; wall-clock when unmatched)').toEqual([]);
  expect(worst).toBeLessThan(1000);
});

/** Opens the app afresh, without the URL hash (which carries settings of its own). */
async function reopen(page) {
  await page.goto('about:blank');
  await page.goto('./');
}

/** Makes the page's IndexedDB reads answer later, by localStorage `slowReads` ms, as on a busy machine. */
async function slowStorageReads(page) {
  await page.addInitScript(() => {
    const get = IDBObjectStore.prototype.get;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
    IDBObjectStore.prototype.get = function (...args) {
      const req = get.apply(this, args);
      const delay = Number(localStorage.getItem('slowReads') || 0);
      if (delay) {
        Object.defineProperty(req, 'onsuccess', {
          set(handler) { onsuccess.set.call(req, (e) => setTimeout(() => handler(e), delay)); },
        });
      }
      return req;
    };
  });
}

// The app reads what is stored when it opens. A choice made before that read arrives stands: a Clear was
// undone by it (the data saved again), and "keep my data" was saved without the data. And while remembering
// is on, a change made on any step is saved, not only while the Export step is open.
test('the saved workspace: a choice made while the stored one is still being read stands', async ({ page }) => {
  await slowStorageReads(page);
  await page.goto('./');
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');
  const note = page.getByTestId('workspace-note');
  const mall = path.join(repo, 'tests/data/mall_customers.csv');
  await page.getByLabel('Upload CSV').setInputFiles(mall);
  await expect(rows).toHaveCount(4);
  await openStep(page, 'Export');
  await page.getByLabel('Remember my settings').check();
  await expect(note).toContainText('Saved');
  // k = 5 set on the Segment step, with Export closed, is saved too
  await openStep(page, 'Segment');
  await page.getByLabel('Number of segments').fill('5');
  await page.getByLabel('Number of segments').press('Enter');
  await openStep(page, 'Explore');
  await expect(rows).toHaveCount(5);
  await reopen(page);
  await expect(page.getByTestId('info')).toContainText('Restored your saved settings');
  await expect(page.getByLabel('Number of segments')).toHaveValue('5');

  // From here on, reading the store takes 1.5 s. A file is loaded and kept before the read arrives: the
  // late read neither replaces the file nor unticks the box.
  await page.evaluate(() => localStorage.setItem('slowReads', '1500'));
  await reopen(page);
  await page.getByLabel('Upload CSV').setInputFiles(mall);
  await expect(rows).toHaveCount(4);
  await openStep(page, 'Export');
  await page.getByLabel('Also keep my data file on this device').check();
  await expect(note).toContainText('with the data');
  await page.waitForTimeout(2500);
  await expect(note).toContainText('with the data');
  await expect(page.getByLabel('Also keep my data file on this device')).toBeChecked();
  await page.evaluate(() => localStorage.removeItem('slowReads'));
  await reopen(page);
  await expect(rows).toHaveCount(4);
  await expect(page.getByText('mall_customers.csv').first()).toBeVisible();

  // Clear at once, before the slow read arrives: nothing is stored afterwards.
  await page.evaluate(() => localStorage.setItem('slowReads', '1500'));
  await reopen(page);
  await openStep(page, 'Export');
  await page.getByRole('button', { name: 'Clear saved workspace' }).click();
  await expect(note).toContainText('Nothing from segscope is stored');
  await page.waitForTimeout(2500);
  await expect(note).toContainText('Nothing from segscope is stored');
  await expect(page.getByLabel('Remember my settings')).not.toBeChecked();
  await page.evaluate(() => localStorage.removeItem('slowReads'));
  await reopen(page);
  await expect(page.getByRole('button', { name: 'Try sample data' })).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(rows).toHaveCount(0);
});

test('the saved workspace: off by default, restores settings (and the data only with consent), Clear forgets', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('./');
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/mall_customers.csv'));
  const rows = page.getByTestId('segment-sizes').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('Number of segments').fill('5');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(rows).toHaveCount(5);
  await openStep(page, 'Export');
  await expect(page.getByLabel('Remember my settings')).not.toBeChecked();

  // Nothing saved yet: opening the app again starts empty.
  await reopen(page);
  await expect(page.getByRole('button', { name: 'Try sample data' })).toBeVisible();
  await expect(rows).toHaveCount(0);

  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/mall_customers.csv'));
  await expect(rows).toHaveCount(4);
  await page.getByLabel('Number of segments').fill('3');
  await page.getByLabel('Number of segments').press('Enter');
  await expect(rows).toHaveCount(3);
  await openStep(page, 'Export');
  await page.getByLabel('Remember my settings').check();
  await expect(page.getByTestId('workspace-note')).toContainText('Saved');
  // Settings only: after a reload the config is back (k = 3) but the file is not kept.
  await reopen(page);
  await expect(page.getByTestId('info')).toContainText('Restored your saved settings');
  await expect(page.getByLabel('Number of segments')).toHaveValue('3');
  await expect(rows).toHaveCount(0);

  // With consent the data comes back too, and runs.
  await page.getByLabel('Upload CSV').setInputFiles(path.join(repo, 'tests/data/mall_customers.csv'));
  await expect(rows).toHaveCount(3);
  await openStep(page, 'Export');
  await page.getByLabel('Also keep my data file on this device').check();
  await expect(page.getByTestId('workspace-note')).toContainText('with the data');
  await reopen(page);
  // The kept file loads and runs at once (the restore notice gives way to the run's own status).
  await expect(rows).toHaveCount(3);
  await expect(page.getByText('mall_customers.csv').first()).toBeVisible();
  await expect(page.getByTestId('summary')).toContainText('200');
  await screenshot(page, 'workspace-restored');
  // A reload keeps the app's own hash in the URL (#algo=kmeans&k=3): the workspace comes back all the same.
  expect(page.url()).toContain('#algo=kmeans&k=3');
  await page.reload();
  await expect(rows).toHaveCount(3);
  // A link with other settings applies them on top of the saved workspace.
  await page.goto('about:blank');
  await page.goto('./#algo=kmeans&k=5');
  await expect(rows).toHaveCount(5);
  await expect(page.getByText('mall_customers.csv').first()).toBeVisible();

  // Clear forgets both.
  await openStep(page, 'Export');
  await page.getByRole('button', { name: 'Clear saved workspace' }).click();
  await expect(page.getByTestId('workspace-note')).toContainText('Nothing from segscope is stored');
  await reopen(page);
  await expect(rows).toHaveCount(0);
  await expect(page.getByLabel('Number of segments')).toHaveValue('4');
  // Without data the Export step still offers Clear (a kept file that no longer loads can be removed).
  await openStep(page, 'Export');
  await expect(page.getByRole('button', { name: 'Clear saved workspace' })).toBeVisible();
  expect(offOrigin(requests)).toEqual([]);
});
