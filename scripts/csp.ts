import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

// The dashboard's Content-Security-Policy (README "Security"). A script running in our origin could
// read the stored tokens (docs/decisions/002), so only our own files may run, and the app may talk
// to nobody but Athom's cloud and the Homeys.
//
// The built app carries the policy as a <meta> tag (a static site has no server of ours to send a
// header); `npm start` and the e2e tests send it as a header from the dev server (scripts/start-demo.ts).

/** A real deployment talks to Athom's cloud, Athom's relay to each Homey, and a Homey's secure local address. */
export const ATHOM_CONNECT_SRC: readonly string[] = ['https://api.athom.com', 'https://*.connect.athom.com', 'https://*.homey.homeylocal.com'];

/** Icons of devices and apps come from Athom's CDN (config.json `iconBaseUrl`, by default). */
export const ATHOM_IMG_SRC: readonly string[] = ['https://icons-cdn.athom.com'];

/** The build-time variable that adds origins to `connect-src` (e.g. a Homey's LAN address for local mode). */
export const CONNECT_SRC_ENV = 'CSP_CONNECT_SRC';

/** The build-time variable that adds origins to `img-src`: where config.json's `iconBaseUrl` points, when not at Athom. */
export const IMG_SRC_ENV = 'CSP_IMG_SRC';

export type Policy = ReadonlyArray<readonly [directive: string, sources: readonly string[]]>;

export interface PolicyOptions {
  /** Where the app may send requests besides its own origin. */
  connectSrc: readonly string[];
  /** Where images may come from besides our own origin and Athom's icon host (another `iconBaseUrl`). */
  imgSrc?: readonly string[];
  /**
   * A per-response nonce for script and style elements. Only the dev server needs one: it injects
   * React's refresh preamble as an inline script and CSS as <style> elements. Never in a build.
   */
  nonce?: string;
  /**
   * A header can say what a meta tag cannot (`frame-ancestors`; browsers ignore it in a meta tag and
   * warn in the console).
   */
  header?: boolean;
}

export function dashboardPolicy({ connectSrc, imgSrc = [], nonce, header = false }: PolicyOptions): Policy {
  const withNonce = (sources: string[]) => (nonce ? [...sources, `'nonce-${nonce}'`] : sources);
  const policy: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', withNonce(["'self'"])],
    // React writes `style` props through the CSSOM, which CSP does not govern: no 'unsafe-inline'.
    ['style-src', withNonce(["'self'"])],
    ['connect-src', unique(["'self'", ...withSockets(connectSrc)])],
    ['img-src', unique(["'self'", 'data:', ...ATHOM_IMG_SRC, ...imgSrc])],
    ['font-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    // The only form (local sign-in) is handled in JavaScript and never submitted by the browser.
    ['form-action', ["'none'"]],
  ];
  if (header) policy.push(['frame-ancestors', ["'none'"]]);
  return policy;
}

/**
 * Each origin also by its socket scheme: the Homey's realtime socket is `ws(s)://` at the address its
 * HTTP uses, and CSP matches `http:` sources against `ws:` URLs never (`https:` not against `wss:` in
 * every browser either), so a policy naming only the HTTP origin would leave the wall polling.
 */
function withSockets(sources: readonly string[]): string[] {
  return sources.flatMap((source) => {
    // Athom's cloud API has no socket; its relay to each Homey has.
    if (source === 'https://api.athom.com') return [source];
    const socket = source.replace(/^http(s?):\/\//, 'ws$1://');
    return socket === source ? [source] : [source, socket];
  });
}

export function serializePolicy(policy: Policy): string {
  return policy.map(([directive, sources]) => [directive, ...sources].join(' ')).join('; ');
}

// An origin as CSP writes it: scheme, host (optionally `*.` for any subdomain) and an optional port
// (`*` for any); ws/wss for the dev server's HMR socket. Nothing else: a quote, a `;` or a bare
// scheme like `https:` would widen the policy far beyond one more origin.
const SOURCE = /^(?:https?|wss?):\/\/(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::(?:\d{1,5}|\*))?$/i;
const IPV6_SOURCE = /^(?:https?|wss?):\/\/\[[0-9a-f:.]+\](?::(?:\d{1,5}|\*))?$/i;

/** Origins from a list separated by spaces or commas; a trailing slash is dropped. Throws on anything else. */
export function parseSourceList(value: string | undefined, name = CONNECT_SRC_ENV): string[] {
  if (value === undefined) return [];
  const sources = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((source) => source.replace(/\/$/, ''));
  for (const source of sources) {
    if (!SOURCE.test(source) && !IPV6_SOURCE.test(source)) {
      throw new Error(
        `${name}: ${JSON.stringify(source)} is not an origin like http://192.168.1.20, https://homey.example.net:8443 or https://*.example.net`,
      );
    }
  }
  return sources;
}

/** connect-src of a build: Athom's origins plus whatever `CSP_CONNECT_SRC` adds. */
export function connectSrcFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return unique([...ATHOM_CONNECT_SRC, ...parseSourceList(env[CONNECT_SRC_ENV])]);
}

/** img-src of a build besides 'self', data: and Athom's icon host: whatever `CSP_IMG_SRC` adds. */
export function imgSrcFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return parseSourceList(env[IMG_SRC_ENV], IMG_SRC_ENV);
}

export interface CspPluginOptions {
  /** connect-src besides 'self'; by default Athom's origins plus `CSP_CONNECT_SRC`. */
  connectSrc?: readonly string[];
  /** img-src besides 'self', data: and Athom's icon host; by default `CSP_IMG_SRC`. */
  imgSrc?: readonly string[];
}

/**
 * Puts the policy into the built index.html as the first thing after the charset (a meta policy
 * covers only what follows it), and fails the build if the page would need an inline script or
 * style: `script-src 'self'` would block it in the browser. It works on the emitted page, after
 * every other plugin's `transformIndexHtml`, so it sees what they inject whatever their order.
 */
export function contentSecurityPolicy(options: CspPluginOptions = {}): Plugin {
  let content = '';
  return {
    name: 'homey-content-security-policy',
    // The dev server needs inline scripts; it gets the policy as a header with a nonce instead.
    apply: 'build',
    enforce: 'post',
    configResolved() {
      // Before bundling, so a mistyped CSP_CONNECT_SRC fails the build at once.
      content = serializePolicy(dashboardPolicy({ connectSrc: options.connectSrc ?? connectSrcFromEnv(), imgSrc: options.imgSrc ?? imgSrcFromEnv() }));
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        const inline = findInlineCode(html);
        if (inline) this.error(`${file.fileName} has ${inline}, which the Content-Security-Policy blocks; load it from a file instead`);
        file.source = injectMeta(html, content);
      }
    },
  };
}

/** The meta tag goes right after `<meta charset>` (which must stay within the first 1024 bytes), or opens the head. */
export function injectMeta(html: string, content: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(content)}" />`;
  const anchor = /<meta\s+charset=[^>]*>/i.exec(html) ?? /<head(?:\s[^>]*)?>/i.exec(html);
  if (!anchor) throw new Error('index.html has no <head> to put the Content-Security-Policy in');
  const end = anchor.index + anchor[0].length;
  return `${html.slice(0, end)}\n    ${tag}${html.slice(end)}`;
}

/** The first inline script, inline style element or inline event handler in an HTML page, described. */
export function findInlineCode(html: string): string | undefined {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = '', body = ''] = match;
    // JSON data blocks (type="application/json") are not scripts; importmaps are, and CSP covers them.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    const isData = type !== undefined && type !== 'module' && type !== 'importmap' && !type.includes('javascript');
    if (!/\bsrc\s*=/i.test(attributes) && body.trim() !== '' && !isData) return 'an inline script';
  }
  if (/<style\b/i.test(withoutComments)) return 'an inline <style> element';
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(withoutComments)) return 'an inline event handler';
  if (/<[a-z][^>]*\sstyle\s*=/i.test(withoutComments)) return 'an inline style attribute';
  return undefined;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// `npx tsx scripts/csp.ts` prints the policy as a header (with `frame-ancestors`) for nginx or
// Caddy, including what CSP_CONNECT_SRC and CSP_IMG_SRC add.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.log(serializePolicy(dashboardPolicy({ connectSrc: connectSrcFromEnv(), imgSrc: imgSrcFromEnv(), header: true })));
}
