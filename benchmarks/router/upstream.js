// The app behind the proxies: as small and fast as Node allows, so the proxies are what is measured.
const http = require('http');
const body = Buffer.from('hello from the upstream\n');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.argv[2]), '127.0.0.1');
