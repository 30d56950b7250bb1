// Words the share-link routes and pages agree on. Pure, so server routes and components share one sentence.

/** One sentence for expired, revoked, unknown and foreign links alike: the outside world learns nothing about which. */
export const unavailableMessage = 'This link is not available. Ask the person who shared it with you for a new one.'
