import { describe, expect, it } from 'vitest';
import { ATHOM_CONNECT_SRC, connectSrcFromEnv, imgSrcFromEnv, contentSecurityPolicy, dashboardPolicy, findInlineCode, injectMeta, parseSourceList, serializePolicy } from './csp.ts';

// The policy itself; e2e/security.spec.ts checks it in a browser, built and on the demo.

describe('the dashboard policy', () => {
  it('is strict: nothing inline, nothing evaluated, requests only to our origin and Athom’s', () => {
    expect(serializePolicy(dashboardPolicy({ connectSrc: ATHOM_CONNECT_SRC }))).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; " +
        "connect-src 'self' https://api.athom.com https://*.connect.athom.com wss://*.connect.athom.com https://*.homey.homeylocal.com wss://*.homey.homeylocal.com; " +
        "img-src 'self' data: https://icons-cdn.athom.com; font-src 'self'; manifest-src 'self'; worker-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('adds frame-ancestors only where a header carries it (a meta tag cannot)', () => {
    expect(serializePolicy(dashboardPolicy({ connectSrc: [], header: true }))).toMatch(/; frame-ancestors 'none'$/);
    expect(serializePolicy(dashboardPolicy({ connectSrc: [] }))).not.toContain('frame-ancestors');
  });

  it('allows a nonce for the dev server’s scripts and styles, and never unsafe-inline', () => {
    const policy = serializePolicy(dashboardPolicy({ connectSrc: [], nonce: 'abc' }));
    expect(policy).toContain("script-src 'self' 'nonce-abc';");
    expect(policy).toContain("style-src 'self' 'nonce-abc';");
    expect(policy).not.toContain('unsafe');
  });
});

describe('CSP_CONNECT_SRC', () => {
  it('adds origins to Athom’s, separated by spaces or commas', () => {
    expect(connectSrcFromEnv({})).toEqual([...ATHOM_CONNECT_SRC]);
    expect(connectSrcFromEnv({ CSP_CONNECT_SRC: ' http://192.168.1.20, https://homey.example.net:8443/ http://[fd00::20]  ' })).toEqual([
      ...ATHOM_CONNECT_SRC,
      'http://192.168.1.20',
      'https://homey.example.net:8443',
      'http://[fd00::20]',
    ]);
    expect(connectSrcFromEnv({ CSP_CONNECT_SRC: 'https://api.athom.com' })).toEqual([...ATHOM_CONNECT_SRC]);
  });

  it.each([
    ['a bare scheme', 'https:'],
    ['a keyword', "'unsafe-inline'"],
    ['another directive', "http://a.example; script-src 'unsafe-eval'"],
    ['a wildcard for everything', '*'],
    ['a path trick', 'http://a.example/"><script>'],
    ['no scheme', '192.168.1.20'],
    ['a data URL', 'data:'],
  ])('refuses %s, which would widen the policy beyond one origin', (_what, value) => {
    expect(() => parseSourceList(value)).toThrow(/^CSP_CONNECT_SRC: .* is not an origin like/);
  });
});

describe('CSP_IMG_SRC', () => {
  it("lets images come from the icon base config.json names, besides Athom's icon host, and nothing wider", () => {
    expect(imgSrcFromEnv({})).toEqual([]);
    const imgSrc = imgSrcFromEnv({ CSP_IMG_SRC: 'https://icons.example.net/' });
    expect(serializePolicy(dashboardPolicy({ connectSrc: [], imgSrc }))).toContain("img-src 'self' data: https://icons-cdn.athom.com https://icons.example.net;");
    expect(() => imgSrcFromEnv({ CSP_IMG_SRC: 'https:' })).toThrow(/^CSP_IMG_SRC: .* is not an origin like/);
  });
});

describe('the meta tag in the built index.html', () => {
  const page = '<!doctype html>\n<html>\n  <head>\n    <meta charset="UTF-8" />\n    <title>x</title>\n    <script type="module" src="/assets/a.js"></script>\n  </head>\n</html>';

  it('comes right after the charset, before anything it governs, with the policy escaped', () => {
    expect(injectMeta(page, `default-src 'none'; x "&<`)).toContain(
      '<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="default-src \'none\'; x &quot;&amp;&lt;" />\n    <title>',
    );
  });

  it('opens the head when there is no charset, and refuses a page without a head', () => {
    expect(injectMeta('<html><head lang="en"><title>x</title></head></html>', "default-src 'none'")).toBe(
      '<html><head lang="en">\n    <meta http-equiv="Content-Security-Policy" content="default-src \'none\'" /><title>x</title></head></html>',
    );
    expect(() => injectMeta('<p>x</p>', "default-src 'none'")).toThrow(/no <head>/);
  });

  it('is refused with a page the policy would break: inline scripts, styles and handlers', () => {
    expect(findInlineCode(page)).toBeUndefined();
    expect(findInlineCode('<script type="application/json">{"a":1}</script><!-- <script>x()</script> -->')).toBeUndefined();
    expect(findInlineCode('<script type="module">import "/a.js"</script>')).toBe('an inline script');
    expect(findInlineCode('<script type="importmap">{"imports":{}}</script>')).toBe('an inline script');
    expect(findInlineCode('<style>body{}</style>')).toBe('an inline <style> element');
    expect(findInlineCode('<body onload="x()">')).toBe('an inline event handler');
    expect(findInlineCode('<div style="color:red">')).toBe('an inline style attribute');
  });
});

describe('the build plugin', () => {
  /** Runs the plugin's hooks on an emitted page, as Vite would at the end of a build. */
  function build(html: string): string {
    const plugin = contentSecurityPolicy({ connectSrc: ['http://192.168.1.20'] });
    (plugin.configResolved as () => void)();
    const bundle = { 'index.html': { type: 'asset', fileName: 'index.html', source: html } };
    const context = {
      error(message: string): never {
        throw new Error(message);
      },
    };
    (plugin.generateBundle as (this: unknown, options: unknown, bundle: unknown) => void).call(context, {}, bundle);
    return bundle['index.html'].source;
  }

  it('writes the meta tag into the emitted page, with the origins it was given', () => {
    expect(build('<html><head><meta charset="UTF-8" /><script type="module" src="/a.js"></script></head></html>')).toMatch(
      /<meta charset="UTF-8" \/>\n {4}<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*; connect-src 'self' http:\/\/192\.168\.1\.20 ws:\/\/192\.168\.1\.20; [^"]*" \/><script/,
    );
  });

  it('fails the build when another plugin left an inline script in the page', () => {
    expect(() => build('<html><head><meta charset="UTF-8" /><script>register()</script></head></html>')).toThrow(
      /index\.html has an inline script, which the Content-Security-Policy blocks/,
    );
  });
});
