import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import type { OAuthConfig } from 'next-auth/providers/oauth'
import { serverConfig } from '@/lib/env'
import { isAllowedProfile } from '@/lib/auth/email'

interface ImsProfile extends Record<string, unknown> {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
  given_name?: string
  family_name?: string
}

/** Adobe IMS (or, in demo and tests, the simulator's identity provider), by OIDC discovery. */
function imsProvider(): OAuthConfig<ImsProfile> {
  const config = serverConfig()
  return {
    id: 'adobe',
    name: 'Adobe',
    type: 'oauth',
    wellKnown: config.AUTH_OIDC_DISCOVERY_URL,
    clientId: config.AUTH_OIDC_CLIENT_ID,
    clientSecret: config.AUTH_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: config.AUTH_OIDC_SCOPES } },
    // Validate the id_token (issuer, audience, signature), but take the person from userinfo: IMS puts the
    // e-mail address there, not necessarily in the id_token.
    idToken: true,
    userinfo: {
      async request({ client, tokens }) {
        if (!tokens.access_token) throw new Error('The identity provider sent no access token')
        return (await client.userinfo(tokens.access_token)) as ImsProfile
      },
    },
    checks: ['pkce', 'state'],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? ([profile.given_name, profile.family_name].filter(Boolean).join(' ') || null),
      }
    },
  }
}

let cached: NextAuthOptions | undefined

export function authOptions(): NextAuthOptions {
  if (cached) return cached
  const config = serverConfig()
  cached = {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    providers: [imsProvider()],
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      signIn({ profile }) {
        // Only people of the allowed organisation get in; everyone else lands on a page that says so.
        if (profile && isAllowedProfile(profile, config.AUTH_ALLOWED_EMAIL_DOMAINS)) return true
        return '/signin?error=NotInOrganisation'
      },
      jwt({ token, profile }) {
        if (profile?.email) token.email = profile.email.toLowerCase()
        return token
      },
      session({ session, token }) {
        if (session.user) {
          session.user.email = token.email ?? null
          session.user.name = token.name ?? null
        }
        return session
      },
    },
  }
  return cached
}
