/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The AEP simulator and the bench are never part of the app bundle.
  outputFileTracingExcludes: { '*': ['simulator/**', 'bench/**', '.data/**'] },
  serverExternalPackages: ['better-sqlite3'],
}

export default nextConfig
