// A tiny method + path router: patterns like `/dataSets/:id`, exact segment counts, decoded params.
import { HttpError, type Service, serviceError } from './errors'

export type Params = Record<string, string>
export type Handler<C> = (ctx: C, params: Params) => Promise<void> | void

interface Route<C> {
  method: string
  segments: string[]
  handler: Handler<C>
}

export type RouteMatch<C> = { handler: Handler<C>; params: Params }

export class Router<C> {
  private readonly routes: Route<C>[] = []

  constructor(private readonly service: Service) {}

  on(method: string, pattern: string, handler: Handler<C>): this {
    this.routes.push({ method, segments: split(pattern), handler })
    return this
  }

  get(pattern: string, handler: Handler<C>): this {
    return this.on('GET', pattern, handler)
  }

  post(pattern: string, handler: Handler<C>): this {
    return this.on('POST', pattern, handler)
  }

  delete(pattern: string, handler: Handler<C>): this {
    return this.on('DELETE', pattern, handler)
  }

  /**
   * Finds the handler for a path relative to the router's mount point. HEAD falls back to GET (Node drops the
   * body of a HEAD response). Throws a 404 or 405 service error when nothing fits.
   */
  match(method: string, path: string): RouteMatch<C> {
    const parts = split(path)
    let pathMatched = false
    for (const wanted of method === 'HEAD' ? ['HEAD', 'GET'] : [method]) {
      for (const route of this.routes) {
        const params = matchSegments(route.segments, parts)
        if (!params) continue
        pathMatched = true
        if (route.method === wanted) return { handler: route.handler, params }
      }
    }
    if (pathMatched) throw serviceError(405, `Method ${method} is not allowed on this resource.`, this.service, 'Method Not Allowed')
    throw serviceError(404, `No such resource: ${path}`, this.service, 'Not Found')
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0)
}

function matchSegments(pattern: string[], parts: string[]): Params | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Params = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string
    const v = parts[i] as string
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v)
      } catch {
        throw new HttpError(400, { type: 'http://ns.adobe.com/aep/errors/GW-400', title: 'Bad Request', status: 400, detail: 'Malformed path.' })
      }
    } else if (p !== v) {
      return undefined
    }
  }
  return params
}
