package dev.coderunner.config;

import dev.coderunner.testsupport.Archives;

/** A tiny app whose {@code GET /env/NAME} answers the value of NAME in its process environment. */
final class EnvEchoApp {

    private EnvEchoApp() {
    }

    static byte[] archive() {
        return Archives.tarGz()
                .file("Procfile", "web: node echo.js\n")
                .file("echo.js", """
                        const http = require('http');
                        const server = http.createServer((req, res) => {
                          const m = req.url.match(/^\\/env\\/([A-Za-z0-9_]+)$/);
                          res.writeHead(200, { 'Content-Type': 'text/plain' });
                          res.end(m ? (process.env[m[1]] ?? '<unset>') : 'ok');
                        });
                        server.listen(Number(process.env.PORT));
                        process.on('SIGTERM', () => server.close(() => process.exit(0)));
                        """)
                .bytes();
    }
}
