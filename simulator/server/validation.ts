// zod parsing at the edge, answering 400 in the calling service's error shape.
import type { z } from 'zod'
import { badRequest, type Service } from './errors'

export function parseWith<T extends z.ZodType>(schema: T, input: unknown, service: Service): z.infer<T> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw badRequest(service, describeIssues(result.error.issues))
}

export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ')
}
