/** A download through the share's own bytes route (the grant cookie goes with it; no Referer leaves the page). */
export function DownloadLink({ href, fileName, label }: { href: string; fileName: string; label: string }) {
  return (
    <a
      href={href}
      download={fileName}
      className="inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
    >
      {label}
    </a>
  )
}
