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

// Sent with every response, errors included: the same policy and type handling for all.
const securityHeaders = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': policy,
  'X-Content-Type-Options': 'nosniff',
};
const allowedMethods = 'GET, HEAD';

function send(response, status, body, extra = {}) {
  if (response.headersSent) return response.destroy();
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  response.end(body);
}

// The file for a request target, or an HTTP status when there is none: 400 for a target that
// does not decode to a clean path (bad percent-encoding, control bytes such as an encoded NUL,
// which the file system calls reject by throwing), 403 outside the served directory.
function resolveTarget(target, base = dir) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(target, 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(pathname)) return { status: 400 };
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.join(base, path.normalize(pathname));
  if (!file.startsWith(base + path.sep)) return { status: 403 };
  return { file };
}

function handle(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return send(response, 405, 'method not allowed', { Allow: allowedMethods });
  const { file, status } = resolveTarget(request.url ?? '');
  if (!file) return send(response, status, status === 403 ? 'forbidden' : 'bad request');
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) return send(response, 404, 'not found');
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (request.method === 'HEAD') return response.end();
    const stream = fs.createReadStream(file);
    // A file that vanished or cannot be read after the headers went out: cut the response.
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  });
}

// A static server needs no Host header; Node's own 400 for a missing one would lack the headers.
const server = http.createServer({ requireHostHeader: false }, (request, response) => {
  try {
    handle(request, response);
  } catch (error) {
    // Every request ends in a response, never in the server's exit.
    console.error(`serve: ${request.method} ${JSON.stringify(request.url)}: ${error?.message}`);
    send(response, 500, 'internal error');
  }
});
// Requests that do not parse as HTTP (bad request lines, huge headers, control bytes) are
// answered by status, with the same headers, and the connection closed.
server.on('clientError', (error, socket) => {
  if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const headers = Object.entries(securityHeaders)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${headers}` +
      'Content-Type: text/plain; charset=utf-8\r\nContent-Length: 11\r\nConnection: close\r\n\r\nbad request',
  );
});

if (!fs.existsSync(dir))
  console.warn(`serve: ${path.relative(root, dir)} does not exist yet; run npm run build:web`);
server.listen(port, '127.0.0.1', () => {
  console.log(
    `VI Lab served from ${path.relative(root, dir) || '.'} at http://127.0.0.1:${server.address().port}/`,
  );
});
