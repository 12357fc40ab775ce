// A tiny static file server for the built site (dist/), with no dependencies.
// Used by scripts/serve and by the end-to-end test (tests/e2e/ring.mjs).
//   node scripts/static-server.mjs DIR [PORT] [HOST]     (defaults: 8080, 127.0.0.1; port 0 = any free)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json',
};

// Compressed as a static host would send them (gzip -9, once per file); images are left alone.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.map']);

/** Serve `dir` on host:port; resolves to { server, url } once listening. With `gzip`, files a
 *  static host would compress are sent gzip-encoded to clients that accept it (the mobile-profile
 *  timing measures what a phone downloads, not the raw bytes). */
export function serveStatic(dir, { host = '127.0.0.1', port = 0, log = false, gzip = false } = {}) {
  const root = resolve(dir);
  const zipped = new Map();
  const server = createServer(async (req, res) => {
    let status = 200;
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!zipped.has(file)) zipped.set(file, gzipSync(body, { level: 9 }));
        body = zipped.get(file);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      status = e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 404 : 500;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 404 ? 'not found\n' : 'error\n');
    }
    if (log) console.log(`${status} ${req.method} ${req.url}`);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  const { url } = await serveStatic(dir, { host, port: Number(port), log: process.env.LOG === '1' });
  console.log(`serving ${resolve(dir)} on ${url}  (Ctrl-C to stop)`);
}
