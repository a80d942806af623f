import { describe, expect, it } from 'vitest';
import { checkLocalCredentials } from './local-credentials.ts';

// What the local sign-in form makes of an address, from an http page (the dashboard on the LAN) and
// from an https page (the dashboard on the web), docs/homey-web-api.md §5.

const KEY = 'a3c1f0e2-7b4d:5e6f7a8b:3f9a1c2e';
const onHttp = { pageProtocol: 'http:', canTargetLocal: false };
const onHttps = { pageProtocol: 'https:', canTargetLocal: false };
const onHttpsChromium = { pageProtocol: 'https:', canTargetLocal: true };
const address = (typed: string, context: typeof onHttp) => {
  const check = checkLocalCredentials(typed, KEY, context);
  return check.ok ? check.credentials.baseUrl : check.problem;
};

describe('checkLocalCredentials', () => {
  it('from an http page, a bare IP is the Homey’s plain LAN address', () => {
    expect(address('192.168.1.20', onHttp)).toBe('http://192.168.1.20');
    expect(address(' 192.168.1.20:8080/ ', onHttp)).toBe('http://192.168.1.20:8080');
    expect(address('http://192.168.1.20', onHttp)).toBe('http://192.168.1.20');
  });

  it('from an https page, a bare IP becomes its secure local address, a port kept', () => {
    expect(address('192.168.1.20', onHttps)).toBe('https://192-168-1-20.homey.homeylocal.com');
    expect(address('10.0.0.7:4511', onHttps)).toBe('https://10-0-0-7.homey.homeylocal.com:4511');
    // The certificate names the homeylocal.com address, never the bare IP.
    expect(address('https://192.168.1.20', onHttp)).toBe('https://192-168-1-20.homey.homeylocal.com');
  });

  it('takes a secure address typed whole as it is', () => {
    expect(address('https://192-168-1-20.homey.homeylocal.com', onHttps)).toBe('https://192-168-1-20.homey.homeylocal.com');
    expect(address('homey.example.net', onHttps)).toBe('https://homey.example.net');
  });

  it('from an https page, a plain http:// address only where the browser can mark the call as local', () => {
    expect(address('http://192.168.1.20', onHttps)).toBe('mixedContent');
    expect(address('http://homey.lan', onHttps)).toBe('mixedContent');
    expect(address('http://192.168.1.20', onHttpsChromium)).toBe('http://192.168.1.20');
  });

  it('still refuses what is no address, another scheme, or a short key', () => {
    expect(address('http://', onHttp)).toBe('address');
    expect(address('ftp://192.168.1.20', onHttp)).toBe('scheme');
    expect(checkLocalCredentials('192.168.1.20', 'short', onHttp)).toEqual({ ok: false, problem: 'key' });
  });
});
