// Peak memory of the browser tab while the real app (dist/) segments a CSV: `make bench-memory`.
// A tab is one Chromium renderer process; it holds the page, its workers and their wasm memories, so the
// renderer's peak resident set (VmHWM in /proc/PID/status, Linux) is the tab's peak memory. Printed next to
// the file size (issue target: at most 3× the file) and the renderer's resident set before the upload.
// It runs twice, in a fresh browser each time: with the worker pool (the default: one member per processor)
// and without (`?workers=1`), and prints both times to the first result (the pool's speed-up).
// With BENCH_EXPORT=1 it then also downloads the labelled CSV (the worker reads the file again for it) and
// prints the peak after that.
// Env: BENCH_FILE (target/bench-data/blobs_1m.csv), CHROMIUM (/usr/bin/chromium), BENCH_TIMEOUT_S (600),
// BENCH_EXPORT (unset).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const file = path.resolve(root, process.env.BENCH_FILE || 'target/bench-data/blobs_1m.csv');
const timeout = Number(process.env.BENCH_TIMEOUT_S || 600) * 1000;
const port = 8790;
const MiB = 1024 * 1024;

/** `{ pid: { ppid, cmd } }` for every process. */
function processes() {
  const all = {};
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      all[pid] = { ppid, cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') };
    } catch { /* the process ended meanwhile */ }
  }
  return all;
}

/** Renderer processes descending from this script (the browser we launched). */
function renderers() {
  const all = processes();
  const ours = (pid) => { for (let p = pid; p && all[p]; p = String(all[p].ppid)) if (Number(p) === process.pid) return true; return false; };
  return Object.keys(all).filter((pid) => all[pid].cmd.includes('--type=renderer') && ours(pid));
}

/** VmRSS and VmHWM of `pid` in bytes. */
function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

if (!fs.existsSync(file)) {
  console.error(`${file} is missing: make bench-memory generates it (bench_native gen)`);
  process.exit(1);
}
// The data summary shows the row count once the file's run is done.
const rowsText = (fs.readFileSync(file).toString('latin1').split('\n').filter((l) => l.trim()).length - 1).toLocaleString('en-US');
const server = spawn(process.execPath, [path.join(root, 'tests/e2e/serve.mjs'), '--dir', path.join(root, 'dist'), '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
async function measure(label, query) {
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-extensions', '--renderer-process-limit=1'],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.text().includes('worker stages')) console.log(`  ${m.text()}`); });
  for (let i = 0; i < 50; i++) {
    try { await page.goto(`http://127.0.0.1:${port}/?perf${query}`); break; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  await page.getByRole('button', { name: 'Try sample data' }).waitFor();
  await page.waitForTimeout(1000);
  const pids = renderers();
  const before = Object.fromEntries(pids.map((p) => [p, memory(p)]));
  const t0 = Date.now();
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await page.getByTestId('summary').filter({ hasText: rowsText }).waitFor({ timeout });
  const seconds = (Date.now() - t0) / 1000;
  // The Choose-k comparison comes after the result: the peak counts it too.
  await page.waitForFunction(() => document.documentElement.getAttribute('data-sweep') === 'ready', null, { timeout });
  const sweepSeconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(2000); // every chart drawn
  const size = fs.statSync(file).size;
  console.log(`file ${path.basename(file)}: ${(size / MiB).toFixed(1)} MiB; ${label}: result after ${seconds.toFixed(1)} s, Choose k after ${sweepSeconds.toFixed(1)} s`);
  for (const pid of pids) {
    const after = memory(pid);
    console.log(`renderer ${pid}: before upload ${(before[pid].rss / MiB).toFixed(0)} MiB; peak ${(after.hwm / MiB).toFixed(0)} MiB ` +
      `= ${(after.hwm / size).toFixed(2)}× the file (${((after.hwm - before[pid].rss) / size).toFixed(2)}× above the page before the upload)`);
  }
  if (process.env.BENCH_EXPORT) {
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Export/ }).click();
    const t1 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout }),
      page.getByRole('button', { name: 'Download labeled CSV', exact: true }).click()]);
    const saved = path.join(root, 'target', 'bench-data', 'labeled-export.csv');
    await dl.saveAs(saved);
    console.log(`labelled CSV export: ${(fs.statSync(saved).size / MiB).toFixed(1)} MiB after ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    // Every input line comes back whole, in order, with the segment columns after it.
    const input = fs.readFileSync(file, 'latin1').split(/\r?\n/).filter((l) => l);
    const output = fs.readFileSync(saved, 'latin1').split('\n').filter((l) => l);
    const bad = output.length !== input.length ? 'a different number of lines'
      : input.findIndex((l, i) => !output[i].startsWith(`${l},`));
    if (bad !== -1) throw new Error(`the labelled CSV does not match the file (${typeof bad === 'string' ? bad : `line ${bad + 1}`})`);
    fs.rmSync(saved);
    for (const pid of pids) {
      console.log(`renderer ${pid}: peak after the export ${(memory(pid).hwm / MiB).toFixed(0)} MiB = ${(memory(pid).hwm / size).toFixed(2)}× the file`);
    }
  }
  return seconds;
} finally {
  await browser.close();
}
}

try {
  const pooled = await measure('with the worker pool', '');
  const alone = await measure('one worker (?workers=1)', '&workers=1');
  console.log(`worker pool speed-up to the first result: ${(alone / pooled).toFixed(2)}×`);
} finally {
  server.kill();
}
