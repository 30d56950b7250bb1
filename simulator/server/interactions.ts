// The IdP's own interaction pages at /ims/interaction/:uid: a sign-in form for the `login` prompt, and an
// automatic grant for `consent` (the demo client is first-party, as Score Explorer is to Adobe).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { InteractionDetails } from 'oidc-provider'
import { authenticate, subjectOf } from './accounts'
import { IMS_PREFIX, OIDC_CLIENT_NAME, type OidcMount } from './oidc'
import { messagePage, signInPage } from './pages'
import { mediaType, readBody, sendHtml } from './respond'

const INTERACTION = new RegExp(`^${IMS_PREFIX}/interaction/([A-Za-z0-9_-]+)(/abort)?$`)

/** Serves the request if it is an interaction route; returns false otherwise. */
export async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL, oidc: OidcMount): Promise<boolean> {
  const m = INTERACTION.exec(url.pathname)
  if (!m?.[1]) return false
  const uid = m[1]
  const abort = m[2] !== undefined
  const action = `${IMS_PREFIX}/interaction/${uid}`

  let details: InteractionDetails
  try {
    details = await oidc.provider.interactionDetails(req, res)
  } catch {
    sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in page is no longer valid. Go back to the app and sign in again.'))
    return true
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in page does not belong to the current sign-in. Go back to the app and sign in again.'))
    return true
  }

  if (req.method === 'POST' && abort) {
    await oidc.provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false })
    return true
  }

  if (details.prompt.name === 'consent') {
    await grantConsent(oidc, req, res, details)
    return true
  }
  if (details.prompt.name !== 'login') {
    sendHtml(res, 400, messagePage('Sign-in error', `Unsupported prompt: ${details.prompt.name}`))
    return true
  }

  if (req.method === 'GET' || req.method === 'HEAD') {
    sendHtml(res, 200, signInPage({ action, clientName: OIDC_CLIENT_NAME }))
    return true
  }
  if (req.method !== 'POST') {
    sendHtml(res, 405, messagePage('Not allowed', 'Use the sign-in form.'), { Allow: 'GET, POST' })
    return true
  }

  const form = mediaType(req) === 'application/x-www-form-urlencoded' ? new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8')) : new URLSearchParams()
  const email = form.get('email') ?? ''
  const account = authenticate(email, form.get('password') ?? '')
  if (!account) {
    sendHtml(res, 401, signInPage({ action, clientName: OIDC_CLIENT_NAME, email, error: 'Wrong email or password.' }))
    return true
  }
  await oidc.provider.interactionFinished(req, res, { login: { accountId: subjectOf(account) } }, { mergeWithLastSubmission: false })
  return true
}

/** Grants what the client asked for and finishes the interaction (oidc-provider's documented consent recipe). */
async function grantConsent(oidc: OidcMount, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const accountId = details.session?.accountId
  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : undefined
  if (!accountId || !clientId) {
    sendHtml(res, 400, messagePage('Sign-in error', 'The sign-in session is incomplete. Go back to the app and sign in again.'))
    return
  }
  const existing = details.grantId ? await oidc.provider.Grant.find(details.grantId) : undefined
  const grant = existing ?? new oidc.provider.Grant({ accountId, clientId })
  const missing = details.prompt.details
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '))
  const grantId = await grant.save()
  await oidc.provider.interactionFinished(req, res, { consent: existing ? {} : { grantId } }, { mergeWithLastSubmission: true })
}
