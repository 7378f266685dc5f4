// A tiny static server for build/web (or --dir DIR) on 127.0.0.1, for development and
// the browser tests. Usage: node scripts/serve.mjs [--port N] [--dir DIR]; PORT also works.
// Port 0 picks a free port; the chosen URL is printed either way.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(argument('--port') ?? process.env.PORT ?? 8080);
const dir = path.resolve(root, argument('--dir') ?? 'build/web');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// The same policy as the pages' meta tag, sent as a header too so that it also binds
// the worker scripts (a worker does not inherit a policy from its page's meta tag).
const policy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; worker-src 'self'; font-src 'self'";

function send(response, status, body, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

const server = http.createServer((request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return send(response, 405, 'method not allowed');
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    return send(response, 400, 'bad request');
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.join(dir, path.normalize(pathname));
  if (!file.startsWith(dir + path.sep)) return send(response, 403, 'forbidden');
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) return send(response, 404, 'not found');
    response.writeHead(200, {
      'Content-Type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.method === 'HEAD') return response.end();
    fs.createReadStream(file).pipe(response);
  });
});

if (!fs.existsSync(dir))
  console.warn(`serve: ${path.relative(root, dir)} does not exist yet; run npm run build:web`);
server.listen(port, '127.0.0.1', () => {
  console.log(
    `VI Lab served from ${path.relative(root, dir) || '.'} at http://127.0.0.1:${server.address().port}/`,
  );
});
