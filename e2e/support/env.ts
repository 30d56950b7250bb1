import { appPort, simulatorPort } from '../../playwright.config'

export const appUrl = `http://127.0.0.1:${appPort}`
export const simulatorUrl = `http://127.0.0.1:${simulatorPort}`

export const people = {
  alice: { email: 'alice@acme.example', password: 'demo', name: 'Alice Archer' },
  bob: { email: 'bob@acme.example', password: 'demo', name: 'Bob Baker' },
  /** Signs in only in the suite that gets her rate-limited, so nobody else's attempts are refused. */
  carol: { email: 'carol@acme.example', password: 'demo', name: 'Carol Cooper' },
  eve: { email: 'eve@other.example', password: 'demo', name: 'Eve Evans' },
} as const

export type Person = keyof typeof people

export const storageStateOf = (person: Person) => `e2e/.auth/${person}.json`
