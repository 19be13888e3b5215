// Shared helpers: request recording (nothing may leave 127.0.0.1), canvas inspection, screenshots.
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
