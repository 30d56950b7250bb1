import { notFound } from 'next/navigation'

// Where /share/{token} sends every refused link, so that expired, revoked and unknown ones end on the same page,
// with the same 404 status.
export default function ShareUnavailablePage(): never {
  notFound()
}
