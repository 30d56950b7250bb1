// Formatting shared by every table. Dates are shown in UTC with the zone written out: scoring runs are scheduled in
// UTC and people in different offices compare them.

const dateTime = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
})

export function formatDateTime(epochMs: number | undefined): string {
  return epochMs === undefined ? '—' : `${dateTime.format(new Date(epochMs))} UTC`
}

const integer = new Intl.NumberFormat('en-US')

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : integer.format(value)
}

export function formatBytes(value: number | undefined): string {
  if (value === undefined) return '—'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let size = value
  let unit = 0
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000
    unit += 1
  }
  return `${unit === 0 ? size : size.toFixed(size < 10 ? 1 : 0)} ${units[unit]}`
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms < 0) return '—'
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}
