import express from 'express';

/**
 * The yardstick of the API bench: a bare Express route answering a small JSON body, in its own
 * process, on the same machine in the same run. Prints the port it listens on.
 */
const app = express();
app.disable('x-powered-by');
app.get('/bare', (_req, res) => {
  res.json({ ok: true, posts: 1, engagementRate: 0.0123 });
});
const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
