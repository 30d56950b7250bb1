/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Several builds can live side by side (e.g. parallel end-to-end runs on other ports).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // The AEP simulator and the bench are never part of the app bundle.
  outputFileTracingExcludes: { '*': ['simulator/**', 'bench/**', '.data/**'] },
  serverExternalPackages: ['better-sqlite3'],
}

export default nextConfig
