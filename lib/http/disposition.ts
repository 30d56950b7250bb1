import { create as contentDisposition } from 'content-disposition'

/**
 * `Content-Disposition: attachment` for a file name that came from Adobe: reduced to its base name, with an ASCII
 * fallback and a UTF-8 `filename*` (RFC 6266 / 8187), built by jshttp's content-disposition rather than by hand.
 */
export function attachmentFor(name: string): string {
  const base = name.split(/[/\\]/).pop() || 'download'
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '')
  return contentDisposition(printable || 'download', { type: 'attachment' })
}
