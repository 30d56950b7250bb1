// The part of oidc-provider 9's API the simulator uses. The package ships no types (and @types/oidc-provider
// is not installed), so these narrow declarations stand between its loose JavaScript surface and our code.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type AdapterPayload = Record<string, unknown> & {
    uid?: string
    grantId?: string
    userCode?: string
    jti?: string
    consumed?: number
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>
    find(id: string): Promise<AdapterPayload | undefined>
    findByUid(uid: string): Promise<AdapterPayload | undefined>
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>
    consume(id: string): Promise<void>
    destroy(id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }

  export interface ClientMetadata {
    client_id: string
    client_secret?: string
    client_name?: string
    redirect_uris: string[]
    post_logout_redirect_uris?: string[]
    grant_types?: string[]
    response_types?: string[]
    token_endpoint_auth_method?: string
  }

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface CookieOptions {
    httpOnly?: boolean
    sameSite?: 'lax' | 'strict' | 'none'
    secure?: boolean
    path?: string
  }

  /** The Koa context as the few hooks we implement see it. */
  export interface HookContext {
    type: string
    body: unknown
    status: number
  }

  export interface Configuration {
    adapter?: (name: string) => Adapter
    clients?: ClientMetadata[]
    jwks?: { keys: Record<string, unknown>[] }
    routes?: Partial<Record<'authorization' | 'token' | 'userinfo' | 'jwks' | 'revocation' | 'end_session' | 'introspection', string>>
    scopes?: string[]
    claims?: Record<string, string[] | null>
    conformIdTokenClaims?: boolean
    clientAuthMethods?: string[]
    responseTypes?: string[]
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>
    interactions?: { url?: (ctx: unknown, interaction: { uid: string }) => string | Promise<string> }
    cookies?: {
      keys?: string[]
      names?: { session?: string; interaction?: string; resume?: string }
      long?: CookieOptions
      short?: CookieOptions
    }
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>
    ttl?: Partial<Record<'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'RefreshToken' | 'Interaction' | 'Session' | 'Grant' | 'ClientCredentials', number>>
    renderError?: (ctx: HookContext, out: Record<string, string>, error: Error) => void | Promise<void>
    clientBasedCORS?: (ctx: unknown, origin: string, client: unknown) => boolean
  }

  export interface InteractionDetails {
    uid: string
    prompt: {
      name: string
      reasons: string[]
      details: {
        missingOIDCScope?: string[]
        missingOIDCClaims?: string[]
        missingResourceScopes?: Record<string, string[]>
      } & Record<string, unknown>
    }
    params: Record<string, unknown>
    session?: { accountId?: string }
    grantId?: string
    returnTo: string
  }

  export type InteractionResults = {
    login?: { accountId: string; remember?: boolean }
    consent?: { grantId?: string }
    error?: string
    error_description?: string
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(indicator: string, scope: string): void
    save(): Promise<string>
  }

  export interface GrantStatic {
    new (properties: { accountId: string; clientId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration)
    readonly issuer: string
    readonly Grant: GrantStatic
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    on(event: string, listener: (ctx: unknown, error: Error) => void): this
  }

  export default Provider
}
