// The simulated IdP's HTML: sign-in form, sign-out confirmation and error pages. Plain, accessible, inline CSS.
import { DEMO_ACCOUNTS } from './accounts'

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f4f4;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
main{width:100%;max-width:24rem;margin:1rem;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.35rem;margin:0 0 .25rem}
p.sub{margin:0 0 1.5rem;color:#555}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.6rem .7rem;font:inherit;border:1px solid #888;border-radius:4px}
input:focus,button:focus{outline:3px solid #1473e6;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#1473e6;border:0;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#1473e6;border:1px solid #1473e6;margin-top:.75rem}
button:hover{filter:brightness(.92)}
.error{margin:1rem 0 0;padding:.6rem .75rem;border-left:4px solid #c9252d;background:#fdecea;color:#8a1c22}
.hint{margin-top:1.75rem;padding-top:1rem;border-top:1px solid #ddd;font-size:.9rem;color:#444}
.hint ul{margin:.25rem 0 0;padding-left:1.25rem}
code{font-size:.9em}
`

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`
}

export function signInPage(opts: { action: string; clientName: string; email?: string; error?: string }): string {
  const people = DEMO_ACCOUNTS.map((a) => `<li><code>${escapeHtml(a.email)}</code> (${escapeHtml(`${a.givenName} ${a.familyName}`)})</li>`).join('')
  const error = opts.error ? `<p class="error" role="alert" id="signin-error">${escapeHtml(opts.error)}</p>` : ''
  const describedBy = opts.error ? ' aria-describedby="signin-error" aria-invalid="true"' : ''
  return layout(
    'Sign in to Adobe (simulated)',
    `<h1>Sign in to Adobe (simulated)</h1>
<p class="sub">to continue to ${escapeHtml(opts.clientName)}</p>
<form method="post" action="${escapeHtml(opts.action)}" novalidate>
${error}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(opts.email ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(opts.action)}/abort"><button type="submit" class="secondary">Cancel</button></form>
<div class="hint">
<p>This is the Score Explorer simulator, not Adobe. Demo people, password <code>demo</code> for each:</p>
<ul>${people}</ul>
</div>`,
  )
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`)
}

/** oidc-provider hands over its hidden logout form; the buttons submit it. */
export function logoutPage(form: string): string {
  return layout(
    'Sign out (simulated Adobe)',
    `<h1>Sign out of Adobe (simulated)?</h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`,
  )
}
