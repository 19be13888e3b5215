// Browser half of `make bench`: serves tests/bench/build/ (page, bundled worker, wasm) and the generated CSVs,
// drives Debian's Chromium with playwright-core, runs each task in a fresh Web Worker, prints times and ratios
// (wasm vs JavaScript libraries, wasm vs native from target/bench-data/native.json) and writes browser.json.
// Env: BENCH_SIZES (10k,100k,1m), BENCH_REPS (3), BENCH_DATA (target/bench-data), CHROMIUM (/usr/bin/chromium),
// BENCH_DBSCAN_JS_LIMIT_S (300: density-clustering is stopped after this and reported as "> limit").
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const build = path.join(here, 'build');
const dataDir = path.resolve(root, process.env.BENCH_DATA || 'target/bench-data');
const sizes = (process.env.BENCH_SIZES || '10k,100k,1m').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const reps = Number(process.env.BENCH_REPS || 3);
const dbscanLimit = Number(process.env.BENCH_DBSCAN_JS_LIMIT_S || 300) * 1000;
const DBSCAN_ROWS = 50_000;

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.csv': 'text/csv' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const [base, rel] = url.pathname.startsWith('/data/') ? [dataDir, url.pathname.slice(6)] : [build, url.pathname];
  const file = path.normalize(path.join(base, decodeURIComponent(rel.endsWith('/') ? `${rel}index.html` : rel)));
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
    '--enable-precise-memory-info',
  ],
});
const page = await browser.newPage();
await page.goto(`${origin}/`);

const nativePath = path.join(dataDir, 'native.json');
const native = fs.existsSync(nativePath) ? JSON.parse(fs.readFileSync(nativePath, 'utf8')) : { sizes: {} };

async function task(name, args, limitMs = 900_000) {
  const r = await page.evaluate(([t, a, l]) => window.runTask(t, a, l), [name, args, limitMs]);
  if (!r.ok && !r.timeout) throw new Error(`${name}: ${r.error}`);
  return r.timeout ? { timeout: true, elapsed: r.elapsed } : r.result;
}

const f = (v) => (v == null || Number.isNaN(v) ? '-' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const x = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
const row = (cells, widths) => cells.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('');
const W = [30, 12, 14, 10, 44];

const results = { chromium: browser.version(), reps, sizes: {} };
for (const size of sizes) {
  const url = `/data/blobs_${size}.csv`;
  if (!fs.existsSync(path.join(dataDir, `blobs_${size}.csv`))) throw new Error(`no data for ${size}: run make bench`);
  process.stderr.write(`  browser ${size}: ingest, k-means, pipeline${size === '100k' ? ', DBSCAN' : ''}\n`);
  const r = {};
  // one untimed warm-up round below 1M rows (at 1M the first round is long enough to tier up by itself)
  const warmup = size === '1m' ? 0 : 1;
  r.ingest = await task('ingest', { url, reps, warmup });
  r.kmeans = await task('kmeans', { url, reps, warmup, jsReps: size === '1m' ? 1 : reps });
  r.pipeline = await task('pipeline', { url, reps, warmup });
  if (size === '100k') {
    r.dbscan_wasm = await task('dbscan_wasm', { url, rows: DBSCAN_ROWS, reps: 1 });
    r.dbscan_js = await task('dbscan_js', { url, rows: DBSCAN_ROWS }, dbscanLimit);
  }
  results.sizes[size] = r;

  const nat = native.sizes[size]?.median ?? {};
  const ours = nat.ours ?? {};
  const ref = nat.ref ?? {};
  console.log(`\n== browser (Chromium ${browser.version()}, one Web Worker, wasm single-threaded), ${size} rows x 8 ` +
    `(${r.ingest.file_mb.toFixed(1)} MB), median of ${reps}`);
  console.log(row(['step', 'wasm ms', 'other ms', 'speed-up', '  other'], W));
  console.log(row(['ingest', f(r.ingest.wasm_median), f(r.ingest.papaparse_median), x(r.ingest.papaparse_median, r.ingest.wasm_median),
    `  papaparse 5.7.1 (+${f(r.ingest.decode_median)} ms TextDecoder)`], W));
  const jsNote = size === '1m' ? ' (1 run)' : '';
  console.log(row(['k-means k=8', f(r.kmeans.wasm_median), f(r.kmeans.ml_kmeans_median), x(r.kmeans.ml_kmeans_median, r.kmeans.wasm_median),
    `  ml-kmeans 7.0.1${jsNote}, iter ${r.kmeans.wasm_iter[0]} vs ${r.kmeans.ml_iter[0]}`], W));
  console.log(row(['k-means k=8', f(r.kmeans.wasm_median), f(r.kmeans.skmeans_median), x(r.kmeans.skmeans_median, r.kmeans.wasm_median),
    `  skmeans 0.11.3${jsNote}, iter ${r.kmeans.wasm_iter[0]} vs ${r.kmeans.sk_iter[0]}`], W));
  const inert = r.kmeans.inertia;
  console.log(`  k-means inertia: wasm ${inert.wasm?.toFixed(1)}, ml-kmeans ${inert.ml_kmeans?.toFixed(1)}, skmeans ${inert.skmeans?.toFixed(1)}`);
  if (r.dbscan_wasm) {
    const js = r.dbscan_js.timeout ? null : r.dbscan_js.js_median;
    const jsCell = js ? f(js) : `> ${f(dbscanLimit)}`;
    const ratio = js ? x(js, r.dbscan_wasm.wasm_median) : `> ${(dbscanLimit / r.dbscan_wasm.wasm_median).toFixed(0)}x`;
    console.log(row([`DBSCAN ${DBSCAN_ROWS / 1000}k`, f(r.dbscan_wasm.wasm_median), jsCell, ratio,
      `  1 run each, density-clustering 1.3.0; clusters ${r.dbscan_wasm.clusters} vs ${r.dbscan_js.clusters ?? '-'}, ` +
      `noise ${r.dbscan_wasm.noise} vs ${r.dbscan_js.noise ?? '-'}`], W));
  }
  console.log(row(['step', 'wasm ms', 'native ms', 'wasm/nat', '  wasm time / native time; native = segscope'], W));
  const p = r.pipeline;
  const pairs = [
    ['ingest', p.ingest_median, ours.ingest_ms, ref.ingest_ms],
    ['standardize', p.standardize_median, ours.standardize_ms, ref.standardize_ms],
    ['k-means k=8', p.kmeans_median, ours.kmeans_ms, ref.kmeans_ms],
    ['ingest+standardize+k-means', p.total_median,
      ours.ingest_ms + ours.standardize_ms + ours.kmeans_ms, ref.ingest_ms + ref.standardize_ms + ref.kmeans_ms],
  ];
  for (const [name, w, o, s] of pairs) {
    console.log(row([name, f(w), f(o), x(w, o), `  pandas/sklearn ${f(s)} ms: wasm/that ${x(w, s)}`], W));
  }
  const heap = r.ingest.papaparse_heap_mb;
  console.log(`  memory: wasm linear memory after ingest ${r.ingest.wasm_memory_mb.toFixed(0)} MB ` +
    `(${(r.ingest.wasm_memory_mb / r.ingest.file_mb).toFixed(2)}x file), after the pipeline ${p.wasm_memory_mb.toFixed(0)} MB; ` +
    `papaparse JS heap growth ${heap == null ? '-' : `${heap.toFixed(0)} MB (${(heap / r.ingest.file_mb).toFixed(2)}x file)`}`);
}

fs.writeFileSync(path.join(dataDir, 'browser.json'), JSON.stringify(results, null, 1));
await browser.close();
server.close();
