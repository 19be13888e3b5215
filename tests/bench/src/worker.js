// Benchmark worker: times segscope's engine compiled to wasm (examples/bench_wasm.rs, loaded with importScripts)
// and the JavaScript libraries on the same bytes / the same standardised matrix, inside a Web Worker.
// One task per worker (the page spawns a fresh worker per task, so memory figures start clean). `warmup`
// untimed rounds first let Chromium tier the wasm (Liftoff → TurboFan) and the JS up before timing.
// Settings mirror tests/bench/steps.rs: k-means k = 8, one k-means++ start, max 100 iterations;
// DBSCAN eps 0.4, min_samples 10 (density-clustering's minPts also counts the point itself).
import Papa from 'papaparse';
import { kmeans as mlKmeans } from 'ml-kmeans';
import skmeans from 'skmeans';
import DBSCAN from 'density-clustering/lib/DBSCAN.js';

/* global importScripts, wasm_bindgen */
importScripts('./segscope_bench.js');

const K = 8;
const MAX_ITER = 100;
const EPS = 0.4;
const MIN_SAMPLES = 10;

const now = () => performance.now();
const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function load(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

// The standardised matrix as the JS libraries want it: an array of row arrays.
function rowsOf(flat, d, n) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(flat.subarray(i * d, (i + 1) * d));
  return rows;
}

function inertia(rows, labels, centroids) {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = centroids[labels[i]];
    for (let j = 0; j < c.length; j++) s += (rows[i][j] - c[j]) ** 2;
  }
  return s;
}

const tasks = {
  // wasm read_table vs Papa.parse(text, {header, dynamicTyping}), interleaved.
  async ingest(w, { url, reps, warmup = 0 }) {
    const bytes = await load(url);
    const out = { file_mb: bytes.length / 1e6, wasm: [], papaparse: [], decode: [] };
    let papaHeap = null;
    const heap0 = heap();
    const keep = (arr, r, v) => r >= 0 && arr.push(v);
    for (let r = -warmup; r < reps; r++) {
      w.reset();
      let t = now();
      out.rows = w.ingest(bytes);
      keep(out.wasm, r, now() - t);
      out.wasm_memory_mb = w.memory_bytes() / 1e6;
      w.reset();
      t = now();
      const text = new TextDecoder().decode(bytes);
      keep(out.decode, r, now() - t);
      t = now();
      const parsed = Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
      keep(out.papaparse, r, now() - t);
      if (parsed.data.length !== out.rows) throw new Error(`papaparse rows ${parsed.data.length} != ${out.rows}`);
      const h = heap();
      if (h !== null && heap0 !== null) papaHeap = Math.max(papaHeap ?? 0, (h - heap0) / 1e6);
    }
    out.papaparse_heap_mb = papaHeap;
    return out;
  },

  // wasm ingest + standardize + k-means (the browser pipeline's core), repeated.
  async pipeline(w, { url, reps, warmup = 0 }) {
    const bytes = await load(url);
    const out = { ingest: [], standardize: [], kmeans: [], total: [], iterations: [], inertia: [] };
    for (let r = -warmup; r < reps; r++) {
      w.reset();
      const t0 = now();
      w.ingest(bytes);
      const t1 = now();
      w.standardize();
      const t2 = now();
      const [inert, iters] = w.kmeans();
      const t3 = now();
      if (r < 0) continue;
      out.ingest.push(t1 - t0);
      out.standardize.push(t2 - t1);
      out.kmeans.push(t3 - t2);
      out.total.push(t3 - t0);
      out.iterations.push(iters);
      out.inertia.push(inert);
    }
    out.wasm_memory_mb = w.memory_bytes() / 1e6;
    out.file_mb = bytes.length / 1e6;
    return out;
  },

  // k-means k = 8 on the same standardised matrix: wasm vs ml-kmeans vs skmeans, interleaved.
  async kmeans(w, { url, reps, jsReps, warmup = 0 }) {
    const bytes = await load(url);
    const n = w.ingest(bytes);
    const d = w.standardize();
    const rows = rowsOf(new Float64Array(w.matrix()), d, n);
    const out = { wasm: [], ml_kmeans: [], skmeans: [], wasm_iter: [], ml_iter: [], sk_iter: [] };
    out.inertia = {};
    const keep = (arr, r, v) => r >= 0 && arr.push(v);
    for (let r = -warmup; r < reps; r++) {
      let t = now();
      const [inert, iters] = w.kmeans();
      keep(out.wasm, r, now() - t);
      keep(out.wasm_iter, r, iters);
      out.inertia.wasm = inert;
      if (r >= jsReps) continue;
      t = now();
      const ml = mlKmeans(rows, K, { initialization: 'kmeans++', maxIterations: MAX_ITER, seed: 42 });
      keep(out.ml_kmeans, r, now() - t);
      keep(out.ml_iter, r, ml.iterations);
      out.inertia.ml_kmeans = inertia(rows, ml.clusters, ml.centroids);
      t = now();
      const sk = skmeans(rows, K, 'kmpp', MAX_ITER);
      keep(out.skmeans, r, now() - t);
      keep(out.sk_iter, r, sk.it);
      out.inertia.skmeans = inertia(rows, sk.idxs, sk.centroids);
    }
    return out;
  },

  // DBSCAN on the first `rows` standardised rows, wasm side.
  async dbscan_wasm(w, { url, rows, reps }) {
    const bytes = await load(url);
    w.ingest(bytes);
    w.standardize();
    const out = { wasm: [] };
    for (let r = 0; r < reps; r++) {
      const t = now();
      const [clusters, noise] = w.dbscan(rows);
      out.wasm.push(now() - t);
      Object.assign(out, { clusters, noise });
    }
    out.wasm_memory_mb = w.memory_bytes() / 1e6;
    return out;
  },

  // density-clustering's DBSCAN on the same rows (its own worker: the page may terminate it on a time limit).
  async dbscan_js(w, { url, rows }) {
    const bytes = await load(url);
    const n = w.ingest(bytes);
    const d = w.standardize();
    const data = rowsOf(new Float64Array(w.matrix()), d, n).slice(0, rows);
    w.reset();
    const t = now();
    const db = new DBSCAN();
    const clusters = db.run(data, EPS, MIN_SAMPLES);
    return { js: [now() - t], clusters: clusters.length, noise: db.noise.length };
  },
};

let ready = null;
self.onmessage = async (e) => {
  const { task, args } = e.data;
  try {
    ready ??= wasm_bindgen({ module_or_path: './segscope_bench_bg.wasm' });
    await ready;
    const result = await tasks[task](wasm_bindgen, args);
    for (const [k, v] of Object.entries(result)) {
      if (Array.isArray(v) && v.length && typeof v[0] === 'number') result[`${k}_median`] = median(v);
    }
    self.postMessage({ ok: true, result });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) });
  }
};
