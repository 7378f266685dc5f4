// scripts/serve.mjs against a corpus of malformed raw requests over TCP: every request ends in a
// response or a closed connection (never in the server's exit), error responses carry the same
// security headers as a 200, a 405 names the allowed methods, and the server still serves after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const securityHeaders = ['content-security-policy', 'x-content-type-options', 'cache-control'];

let server;
let port;
let exited = null;
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-serve-'));

before(async () => {
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>ok</title>');
  fs.mkdirSync(path.join(site, 'sub'));
  fs.writeFileSync(path.join(site, 'sub', 'a.js'), 'export {};');
  server = spawn(process.execPath, [
    path.join(root, 'scripts/serve.mjs'),
    '--port',
    '0',
    '--dir',
    site,
  ]);
  server.on('exit', (code, signal) => (exited = { code, signal }));
  port = await new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/127\.0\.0\.1:(\d+)\//);
      if (match) resolve(Number(match[1]));
    });
    server.on('exit', () => reject(new Error(`server exited: ${output}`)));
  });
});

after(() => {
  server?.kill();
  fs.rmSync(site, { recursive: true, force: true });
});

/**
 * Writes raw bytes and resolves to everything the server sent back once it closes the
 * connection. halfClose also ends the sending side at once, so that an incomplete request
 * cannot keep the connection open (the server may then close it before answering: fine here).
 */
function raw(bytes, { halfClose = true } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {}); // a reset after a rejected request is an acceptable end
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** The final response's status and headers (1xx interim responses skipped), or null. */
function parse(reply) {
  const text = reply.replace(/^(HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
  const match = text.match(/^HTTP\/1\.1 (\d{3}) /);
  if (!match) return null;
  const head = text.slice(0, text.indexOf('\r\n\r\n'));
  const headers = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(match[1]), headers };
}

const get = (target, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}Connection: close\r\n\r\n`;

// A seeded generator, so a failure names a reproducible request.
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function corpus() {
  const list = [];
  const hex = (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`;
  // Every control byte, percent-encoded in the path, raw in the path, and in a header value.
  for (let b = 0; b < 0x20; b++) {
    list.push(get(`/${hex(b)}`), get(`/sub/${hex(b)}a.js`), get(`/${hex(b)}/../index.html`));
    list.push(
      Buffer.concat([Buffer.from('GET /'), Buffer.from([b]), Buffer.from(' HTTP/1.1\r\n\r\n')]),
    );
    list.push(
      Buffer.concat([
        Buffer.from('GET / HTTP/1.1\r\nX-A: a'),
        Buffer.from([b]),
        Buffer.from('b\r\n\r\n'),
      ]),
    );
  }
  list.push(get('/%7F'), get('/%00.html'), get('/index.html%00'), get('/%2500'));
  // Broken percent-encodings and invalid UTF-8 once decoded.
  for (const p of [
    '/%',
    '/%Z',
    '/%E0%A4%A',
    '/%C0%AF',
    '/%ED%A0%80',
    '/%FF%FE',
    '/%F8%88%80%80%80',
  ])
    list.push(get(p), get(`/sub${p}`));
  // Raw bytes ≥ 0x80 in the request line.
  for (const b of [0x80, 0xc0, 0xff])
    list.push(
      Buffer.concat([Buffer.from('GET /'), Buffer.from([b, b]), Buffer.from(' HTTP/1.1\r\n\r\n')]),
    );
  // Traversal and odd request targets.
  for (const t of [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/sub/..%5c..%5cindex.html',
    '//etc/passwd',
    '*',
    'http://example.com/index.html',
    'index.html',
    '/sub',
    '/sub/',
    `/${'a'.repeat(5000)}`,
    `/${'%61'.repeat(3000)}`,
    `/${'a/'.repeat(3000)}`,
    '/index.html?x=%00&y=%',
    '/index.html#frag',
  ])
    list.push(get(t));
  // Odd methods, valid and not.
  for (const m of [
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'TRACE',
    'PATCH',
    'CONNECT',
    'PROPFIND',
    'M-SEARCH',
    'FOO',
    'get',
    'G\tET',
    'GET\x00',
  ])
    list.push(`${m} / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  list.push('CONNECT localhost:22 HTTP/1.1\r\nHost: localhost:22\r\n\r\n');
  // Huge and malformed headers, bad framing, bad versions.
  list.push(get('/', `X-Big: ${'a'.repeat(100000)}\r\n`));
  list.push(get('/', Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}\r\n`).join('')));
  list.push(get('/', 'Bad Header Without Colon\r\n'));
  list.push(get('/', ': empty-name\r\n'));
  list.push(get('/', 'Content-Length: -1\r\n'));
  list.push(get('/', 'Content-Length: 1\r\nContent-Length: 2\r\n'));
  list.push(get('/', 'Transfer-Encoding: chunked\r\n') + 'zz\r\n');
  list.push(get('/', 'Transfer-Encoding: gzip, chunked, gzip\r\n'));
  list.push(get('/', 'Expect: 100-continue\r\n'));
  list.push(get('/', 'Range: bytes=99999999-\r\n'));
  list.push(
    'GET / HTTP/9.9\r\n\r\n',
    'GET / HTTP/1.1',
    'GET /\r\n\r\n',
    'GET\r\n\r\n',
    '\r\n\r\n',
    '',
  );
  list.push('GET / HTTP/1.1\nHost: x\n\n', 'GET  /  HTTP/1.1\r\n\r\n', ' GET / HTTP/1.1\r\n\r\n');
  list.push(`${get('/')}${get('/%00')}${get('/')}`); // pipelined
  // Seeded random bytes, and random mutations of a valid request.
  const random = lcg(21);
  const byte = () => Math.floor(random() * 256);
  for (let i = 0; i < 150; i++)
    list.push(Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, byte)));
  const valid = Buffer.from(get('/sub/a.js'));
  for (let i = 0; i < 300; i++) {
    const mutated = Buffer.from(valid);
    for (let k = 0; k < 1 + Math.floor(random() * 4); k++)
      mutated[Math.floor(random() * mutated.length)] = byte();
    list.push(mutated);
  }
  return list;
}

test('a corpus of malformed raw requests never stops the server', async () => {
  const requests = corpus();
  console.log(`# ${requests.length} malformed requests`);
  let answered = 0;
  for (const request of requests) {
    const reply = parse(await raw(request));
    assert.equal(exited, null, `the server exited after ${JSON.stringify(String(request))}`);
    if (!reply) continue; // the connection was closed without a response
    answered += 1;
    for (const name of securityHeaders)
      assert.ok(
        name in reply.headers,
        `${reply.status} lacks ${name} for ${JSON.stringify(String(request).slice(0, 80))}`,
      );
    if (reply.status === 405) assert.equal(reply.headers.allow, 'GET, HEAD');
  }
  console.log(`# ${answered} answered with a response, the rest closed`);
  const ok = parse(await raw(get('/sub/a.js'), { halfClose: false }));
  assert.equal(ok.status, 200);
});

test('specific verdicts: encoded NUL and bad encodings 400, traversal 403/404, methods 405', async () => {
  const answer = async (request) => parse(await raw(request, { halfClose: false }));
  const status = async (request) => (await answer(request)).status;
  assert.equal(await status(get('/%00')), 400);
  assert.equal(await status(get('/sub/%01a.js')), 400);
  assert.equal(await status(get('/%E0%A4%A')), 400);
  assert.notEqual(await status(get('/%2e%2e/%2e%2e/etc/passwd')), 200);
  assert.equal(await status(get('/nothing-here')), 404);
  const reply = await answer('DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(reply.status, 405);
  assert.equal(reply.headers.allow, 'GET, HEAD');
  const ok = await answer(get('/'));
  assert.equal(ok.status, 200);
  // The error responses carry exactly the 200's security headers.
  const missing = await answer(get('/nothing-here'));
  for (const name of securityHeaders) assert.equal(missing.headers[name], ok.headers[name]);
});
