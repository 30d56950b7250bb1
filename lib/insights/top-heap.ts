// A bounded heap of the N best scores seen so far: a min-heap whose root is the current Nth best, so a candidate is
// compared with one value and the whole scan costs O(rows · log N). Ties in score go to the earlier file and row, so
// the answer does not depend on the order in which pages were read. Pure.

export interface Candidate {
  score: number
  /** Position of the file in the run's listing. */
  file: number
  /** Zero-based row within the file. */
  row: number
}

/** True when a ranks below b (lower score, or the same score later in the run). */
function worse(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score < b.score
  if (a.file !== b.file) return a.file > b.file
  return a.row > b.row
}

export class TopHeap {
  private readonly items: Candidate[] = []

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length
  }

  get full(): boolean {
    return this.items.length >= this.capacity
  }

  /** The Nth best score once the heap is full; until then every score may still win. */
  get threshold(): number {
    return this.full ? (this.items[0]?.score ?? -Infinity) : -Infinity
  }

  /** Whether a page whose largest score is `max` may hold a winner: pages below the Nth best cannot. */
  mayHold(max: number): boolean {
    return !this.full || !(max < this.threshold)
  }

  offer(candidate: Candidate): void {
    if (this.capacity <= 0) return
    if (!this.full) {
      this.items.push(candidate)
      this.siftUp(this.items.length - 1)
      return
    }
    const root = this.items[0]
    if (root && worse(root, candidate)) {
      this.items[0] = candidate
      this.siftDown(0)
    }
  }

  /** Best first. */
  sorted(): Candidate[] {
    return [...this.items].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
  }

  private siftUp(at: number): void {
    const { items } = this
    let i = at
    while (i > 0) {
      const parent = (i - 1) >> 1
      const [child, up] = [items[i], items[parent]]
      if (!child || !up || !worse(child, up)) break
      items[i] = up
      items[parent] = child
      i = parent
    }
  }

  private siftDown(at: number): void {
    const { items } = this
    let i = at
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      const [l, r, s] = [items[left], items[right], items[smallest]]
      if (l && s && worse(l, s)) smallest = left
      const current = items[smallest]
      if (r && current && worse(r, current)) smallest = right
      if (smallest === i) break
      const [a, b] = [items[i], items[smallest]]
      if (!a || !b) break
      items[i] = b
      items[smallest] = a
      i = smallest
    }
  }
}
