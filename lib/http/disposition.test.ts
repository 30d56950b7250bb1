import { parse } from 'content-disposition'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attachmentFor } from './disposition'

// T6.3 (reliability.md §6.3): whatever name Adobe hands us, the header is safe to send and says the right name.

/** The name a person should end up with: the last path segment, without control characters, never empty. */
function sanitisedBaseName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '')
  return base || 'download'
}

/**
 * The parameter names of a Content-Disposition header, read with RFC 6266's grammar (token or quoted-string
 * values), independently of the library under test, so `x; filename=y` inside a quoted value is not a parameter.
 */
function parameterNames(header: string): string[] {
  const grammar = /^[A-Za-z-]+((?:\s*;\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\*?=(?:"(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))*)$/
  const match = grammar.exec(header)
  if (!match) throw new Error(`not a Content-Disposition header: ${JSON.stringify(header)}`)
  const names: string[] = []
  const parameter = /;\s*([^=\s]+)=(?:"(?:[^"\\]|\\.)*"|[^;\s]+)/g
  for (const found of (match[1] ?? '').matchAll(parameter)) names.push((found[1] ?? '').toLowerCase())
  return names
}

const hostile = fc.constantFrom('\r\n', '\r', '\n', '"', '\\', ';', '%', '/', '..\\', '../', '\u0000', '\u007f', '%2f', '%0d%0a', 'filename=', "filename*=UTF-8''x", ' ')
const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), hostile)
const names = fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join(''))

describe('attachmentFor', () => {
  it.each([
    ['Bericht ü.parquet', 'Bericht ü.parquet', 'attachment; filename="Bericht ?.parquet"; filename*=UTF-8\'\'Bericht%20%C3%BC.parquet'],
    ['日本語.parquet', '日本語.parquet', "attachment; filename=\"???.parquet\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.parquet"],
    ['a"b.parquet', 'a"b.parquet', 'attachment; filename="a\\"b.parquet"'],
    ['..\\..\\x.parquet', 'x.parquet', 'attachment; filename=x.parquet'],
    ['../../etc/passwd', 'passwd', 'attachment; filename=passwd'],
    ['x\r\nSet-Cookie: a=b.parquet', 'xSet-Cookie: a=b.parquet', 'attachment; filename="xSet-Cookie: a=b.parquet"'],
    ['dir/', 'download', 'attachment; filename=download'],
  ])('%j → %j', (name, expected, header) => {
    expect(attachmentFor(name)).toBe(header)
    expect(parse(attachmentFor(name)).parameters.filename).toBe(expected)
  })

  it('is printable ASCII with one filename, at most one filename*, and parses back to the base name (property)', () => {
    fc.assert(
      fc.property(names, (name) => {
        const header = attachmentFor(name)
        expect(header).toMatch(/^[\x20-\x7e]+$/)
        const params = parameterNames(header)
        expect(params.filter((param) => param === 'filename')).toHaveLength(1)
        expect(params.filter((param) => param === 'filename*').length).toBeLessThanOrEqual(1)
        expect(params.every((param) => param === 'filename' || param === 'filename*')).toBe(true)
        const parsed = parse(header)
        expect(parsed.type).toBe('attachment')
        expect(parsed.parameters.filename).toBe(sanitisedBaseName(name))
        expect(parsed.parameters.filename).not.toMatch(/[/\\\u0000-\u001f\u007f]/)
        // What Headers would do with it: it throws on CR/LF, so a bad header would be a 500, not an injection.
        expect(new Headers({ 'content-disposition': header }).get('content-disposition')).toBe(header)
      }),
      { numRuns: 10_000 },
    )
  })

  it('generates the hostile pieces it is meant to (the property above is not vacuous)', () => {
    const sample = fc.sample(names, { numRuns: 2_000, seed: 42 })
    for (const needle of ['\r\n', '"', '\\', ';', '%', '/', '..\\']) {
      expect(sample.some((name) => name.includes(needle)), JSON.stringify(needle)).toBe(true)
    }
    expect(sample.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true)
  })
})
