import NextAuth from 'next-auth'
import { authOptions } from '@/lib/auth/options'

// next-auth's own endpoints (sign-in, callback, session, CSRF token, sign-out). They guard themselves.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(request, context)

export { handler as GET, handler as POST }
