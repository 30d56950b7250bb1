import 'server-only'
import type { Sandbox } from '../types'
import type { WireSandbox } from '../wire/sandboxes'

export function reshapeSandbox(wire: WireSandbox): Sandbox {
  return {
    name: wire.name,
    title: wire.title ?? wire.name,
    type: wire.type ?? 'unknown',
    isDefault: wire.isDefault ?? false,
    state: wire.state ?? 'unknown',
  }
}
