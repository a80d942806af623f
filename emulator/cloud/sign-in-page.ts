// Athom's sign-in page, reduced to what a browser needs: a plain form that works without
// JavaScript, so the same page serves people, Playwright and the official client's contract test.

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d1d1f; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  main { background: #fff; padding: 2rem; border-radius: 12px; width: min(22rem, 90vw); box-shadow: 0 2px 12px rgb(0 0 0 / 10%); }
  label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: 0.6rem; font-size: 1rem; border: 1px solid #aaa; border-radius: 6px; }
  .actions { display: flex; gap: 0.5rem; margin-top: 1.5rem; }
  button { flex: 1; padding: 0.7rem; font-size: 1rem; border-radius: 6px; border: 0; background: #00a0dc; color: #fff; cursor: pointer; }
  button.secondary { background: #ddd; color: #1d1d1f; }
  .error { color: #b00020; font-weight: 600; }
  .note { color: #555; font-size: 0.9rem; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;

export function signInPage(opts: {
  clientName: string;
  action: string;
  error?: string;
  email?: string;
  accounts?: { email: string; password: string }[];
}): string {
  const accounts = opts.accounts?.length
    ? `<p class="note">Accounts in this emulator: ${opts.accounts
        .map((a) => `<code>${escapeHtml(a.email)}</code> / <code>${escapeHtml(a.password)}</code>`)
        .join(', ')}</p>`
    : '';
  return page(
    'Log in — Athom (emulated)',
    `<h1>Log in</h1>
<p class="note">${escapeHtml(opts.clientName)} wants to access your Homey. This is the emulated Athom account page.</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="${escapeHtml(opts.action)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(opts.email ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions">
    <button type="submit" name="decision" value="allow">Log in</button>
    <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Cancel</button>
  </div>
</form>
${accounts}`,
  );
}

export function errorPage(message: string): string {
  return page('Sign-in error — Athom (emulated)', `<h1>Something went wrong</h1><p class="error" role="alert">${escapeHtml(message)}</p>`);
}
