import { LinkUnavailable } from '@/components/shares/link-unavailable'
import { tooManyTriesMessage } from '@/lib/downloads/share-messages'

// Where /share/{token} sends a browser whose person is refused for trying too many links that open nothing (T3.6).
export default function ShareTooManyPage() {
  return <LinkUnavailable title="Too many tries" message={tooManyTriesMessage} testId="share-too-many" />
}
