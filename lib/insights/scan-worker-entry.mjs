// A worker thread starts from JavaScript: this loads the TypeScript scan worker through tsx (a dependency the app's
// server already runs with), resolving `@/` with the project's tsconfig.
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

await tsImport('./scan-worker.ts', { parentURL: import.meta.url, tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })
