import { LinkUnavailable } from '@/components/shares/link-unavailable'

export default function ShareNotFound() {
  return <LinkUnavailable />
}
