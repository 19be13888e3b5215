// Shared helpers: request recording (nothing may leave 127.0.0.1), canvas inspection, screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../../..');
export const artifacts = path.resolve(here, '../artifacts');

/** Records every request the page (and its workers and frames) makes; returns the list. */
export function recordRequests(page) {
  const requests = [];
  page.context().on('request', (r) => requests.push(r.url()));
  return requests;
}

/** Requests that left the loopback origin. data: and blob: URLs never leave the tab. */
export function offOrigin(requests) {
  return requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1(:\d+)?\/|data:|blob:)/.test(u));
}

/** Number of distinct opaque colours among a canvas's pixels that match one of `hexColours`. */
export async function coloursOnCanvas(page, testid, hexColours) {
  return page.getByTestId(testid).evaluate((canvas, hexes) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const wanted = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4) {
      for (let c = 0; c < wanted.length; c++) {
        const [r, g, b] = wanted[c];
        if (Math.abs(data[i] - r) < 6 && Math.abs(data[i + 1] - g) < 6 && Math.abs(data[i + 2] - b) < 6) seen.add(c);
      }
    }
    return seen.size;
  }, hexColours);
}

/** Fraction of a canvas's pixels that differ from its top-left pixel (0 = blank). */
export async function inkOnCanvas(page, testid) {
  return page.getByTestId(testid).evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) ink++;
    }
    return ink / (data.length / 4);
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** The segment colours, in segment order (must match src/charts/palette.rs). */
export const SEGMENT_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#888888'];

/** `n` rows × 8 columns of well-separated customers, deterministic. */
export function bigCsv(n) {
  let s = 'id,a,b,c,d,e,f,g,h\n';
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const g = i % 8;
    const v = [];
    for (let j = 0; j < 8; j++) v.push((g * ((j % 3) + 1) * 3 + rnd() * 2).toFixed(3));
    s += `${i},${v.join(',')}\n`;
  }
  return Buffer.from(s);
}

/** `bigCsv(n)` written once under artifacts/ (uploading by path keeps the test's own work off the page). */
export function bigCsvFile(n) {
  const file = path.join(artifacts, `big-${n}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(file, bigCsv(n));
  }
  return file;
}

/** Trace categories for `browser.startTracing`: main-thread tasks with their CPU time, and User Timing marks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8'];

/**
 * Long tasks (PerformanceObserver entries: start and wall-clock ms) with the CPU time the page's main thread
 * spent in each, from a Chromium trace. Wall-clock time counts the waits for a CPU on a loaded machine; CPU
 * time is the page's own work. `mark` is a `segscope:*` User Timing mark seen by the page ({ name, start }),
 * used to align the trace's clock with performance.now().
 */
export function longTasksWithCpu(traceBuffer, tasks, mark) {
  const { traceEvents } = JSON.parse(traceBuffer.toString());
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const anchor = traceEvents.find((e) => e.name === `segscope:${mark.name}`);
  if (!main || !anchor) return tasks.map((t) => ({ ...t, cpu: null }));
  const offset = anchor.ts / 1000 - mark.start;
  const runs = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask');
  return tasks.map((t) => {
    // The trace task that overlaps the long task most (clocks agree to a few ms; a loaded machine stretches both).
    const overlap = (r) => Math.min(r.ts / 1000 - offset + r.dur / 1000, t.start + t.ms) - Math.max(r.ts / 1000 - offset, t.start);
    const run = runs.filter((r) => overlap(r) >= 0.5 * t.ms).sort((a, b) => overlap(b) - overlap(a))[0];
    return { start: Math.round(t.start), ms: Math.round(t.ms), cpu: run?.tdur === undefined ? null : Math.round(run.tdur / 1000) };
  });
}

/**
 * On a failed test, prints what the page said: its status line, URL and last console lines. CI keeps only the
 * printed output, not the artifacts.
 */
export function explainFailures(test) {
  const logs = new WeakMap();
  test.beforeEach(async ({ page }) => {
    const lines = [];
    logs.set(page, lines);
    page.on('console', (m) => lines.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`page error: ${e.message}`));
    page.on('worker', (w) => lines.push(`worker started: ${w.url()}`));
  });
  test.afterEach(async ({ page }, info) => {
    if (info.status === info.expectedStatus) return;
    const status = await page.getByTestId('status').innerText({ timeout: 2000 }).catch((e) => `(unreadable: ${e.message})`);
    const said = (logs.get(page) || []).slice(-30).join('\n  ');
    console.log(`[failed: ${info.title}]\n  url: ${page.url()}\n  status line: ${status}\n  ${said}`);
  });
}
