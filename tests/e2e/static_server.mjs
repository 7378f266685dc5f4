// A plain static file server, deliberately not the project's scripts/serve.mjs: no CSP header,
// no cache headers, only a content type per extension, as a course web space would serve the
// build/web folder. Used to check that the folder is self-contained.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm', // the one type a host must get right (README)
};

/** Serves `dir` on 127.0.0.1 at a free port: resolves to {origin, stop()}. */
export function plainStaticServer(dir) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://host');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
    const target = file.endsWith(path.sep) ? path.join(file, 'index.html') : file;
    if (!target.startsWith(dir) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': types[path.extname(target)] ?? 'application/octet-stream',
    });
    fs.createReadStream(target).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        stop: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}
