import { createServer } from 'node:http';

/**
 * The floor under every figure: a plain `node:http` server answering `[]` with the content type
 * of Medired's no-database route (passed in BENCH_PLAIN_CONTENT_TYPE), on HOST:PORT.
 */
const contentType = process.env.BENCH_PLAIN_CONTENT_TYPE ?? 'application/json';
const body = Buffer.from('[]');
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
