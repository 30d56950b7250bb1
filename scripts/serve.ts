// Runs the built app: `next start`, plus the one thing it cannot do, restoring Content-Length on file downloads
// (scripts/restore-content-length.ts). Used by scripts/start.ts.
import { createServer } from 'node:http'
import path from 'node:path'
import next from 'next'
import { restoreContentLength } from './restore-content-length'

const hostname = process.env.HOSTNAME_BIND ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 3000)
const root = path.resolve(import.meta.dirname, '..')
// Where the app's own files are, for code that starts from them at run time (lib/insights/scan-workers.ts).
process.env.SCORE_EXPLORER_ROOT ??= root
const app = next({ dev: false, dir: root, hostname, port })
const handle = app.getRequestHandler()

await app.prepare()
const server = createServer((req, res) => {
  restoreContentLength(res)
  void handle(req, res)
})
// Node closes an idle keep-alive connection after 5 s. A client (a load balancer, Playwright's request context) that
// sends its next request on it just as it closes gets ECONNRESET. Outlast the usual 60 s idle timeout of balancers,
// so the client, not us, is the side that closes idle connections.
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(port, hostname, () => console.info(`[score-explorer] app listening on http://${hostname}:${port}`))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
