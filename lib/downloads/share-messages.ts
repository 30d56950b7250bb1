// Words the share-link routes and pages agree on. Pure, so server routes and components share one sentence.

/** One sentence for expired, revoked, unknown and foreign links alike: the outside world learns nothing about which. */
export const unavailableMessage = 'This link is not available. Ask the person who shared it with you for a new one.'

/** For a person refused for trying too many links that open nothing (reliability.md T3.6). */
export const tooManyTriesMessage =
  'Too many share links that open nothing were tried from your account. Wait ten minutes, then open the link again, or ask the person who shared it for a new one.'
