// A per-provider in-memory store for oidc-provider. The library's built-in one shares module-level storage
// between providers and warns on every start; sign-in state is meant to be lost on restart here anyway.
import type { Adapter, AdapterPayload } from 'oidc-provider'

interface Stored {
  payload: AdapterPayload
  expiresAt: number
}

export function memoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, Stored>()
  const uidIndex = new Map<string, string>()
  const userCodeIndex = new Map<string, string>()
  const grants = new Map<string, Set<string>>()

  const live = (key: string): AdapterPayload | undefined => {
    const s = store.get(key)
    if (!s) return undefined
    if (s.expiresAt <= Date.now()) {
      store.delete(key)
      return undefined
    }
    return s.payload
  }

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY
        store.set(key(id), { payload, expiresAt })
        if (model === 'Session' && payload.uid) uidIndex.set(payload.uid, id)
        if (payload.userCode) userCodeIndex.set(payload.userCode, id)
        if (payload.grantId) {
          const members = grants.get(payload.grantId) ?? new Set<string>()
          members.add(key(id))
          grants.set(payload.grantId, members)
        }
      },
      async find(id) {
        return live(key(id))
      },
      async findByUid(uid) {
        const id = uidIndex.get(uid)
        return id === undefined ? undefined : live(key(id))
      },
      async findByUserCode(userCode) {
        const id = userCodeIndex.get(userCode)
        return id === undefined ? undefined : live(key(id))
      },
      async consume(id) {
        const payload = live(key(id))
        if (payload) payload.consumed = Math.floor(Date.now() / 1000)
      },
      async destroy(id) {
        store.delete(key(id))
      },
      async revokeByGrantId(grantId) {
        for (const member of grants.get(grantId) ?? []) store.delete(member)
        grants.delete(grantId)
      },
    }
  }
}
