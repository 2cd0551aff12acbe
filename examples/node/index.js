// CodeRunner sample app: answers on $PORT with plain Node http, no dependencies.
const http = require('http');

const port = Number(process.env.PORT || 3000);
const instance = process.env.CODERUNNER_INSTANCE || 'local';
const release = process.env.CODERUNNER_RELEASE || 'dev';
const greeting = process.env.GREETING || 'hello';

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok\n');
  } else if (path === '/headers') {
    // echoes what reached the app, so router tests can check X-Forwarded-* and X-Request-Id
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));
  } else if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`${greeting} from node ${instance} ${release}\n`);
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  }
});

server.listen(port, () => console.log(`node example listening on port ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
