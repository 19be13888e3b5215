// A small static file server for dist/ (make serve, and the end-to-end tests). Loopback only.
// Usage: node serve.mjs --dir dist --host 127.0.0.1 --port 8080 [--prefix /docs/segscope/] [--extra-dir DIR]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, cur, i, all) => (cur.startsWith('--') ? [...acc, [cur.slice(2), all[i + 1]]] : acc), []),
);
const root = path.resolve(args.dir ?? 'dist');
const host = args.host ?? '127.0.0.1';
const port = Number(args.port ?? 8080);
const prefix = args.prefix ?? '/';
const extra = args['extra-dir'] ? path.resolve(args['extra-dir']) : null;

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

function resolve(urlPath) {
  // Files under the prefix come from dist/; anything else from --extra-dir (a host page for iframe tests).
  let base = root;
  let rel = urlPath;
  if (urlPath.startsWith(prefix)) rel = urlPath.slice(prefix.length - 1);
  else if (extra) base = extra;
  else return null;
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.normalize(path.join(base, decodeURIComponent(rel)));
  return file.startsWith(base) ? file : null;
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://${host}`);
    if (url.pathname === prefix.replace(/\/$/, '') && prefix !== '/') {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    const file = resolve(url.pathname);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  })
  .listen(port, host, () => console.log(`serving ${root} at http://${host}:${port}${prefix}`));
