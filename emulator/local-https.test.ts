import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secureLocalHostname } from './local-tls.ts';
import { startEmulator } from './server.ts';
import type { Emulator } from './server.ts';

// `--local-https`: a Homey's local listener answers its secure local address (TLS, the
// `*.homey.homeylocal.com` name) and its plain one on the same port, and the cloud names both.

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, simulationIntervalMs: 0, localHttps: true });
});
afterAll(async () => emulator?.close());

/** GET over TLS to `url`, its name resolved to loopback, trusting only the emulator's certificate. */
function getSecure(url: string): Promise<{ status: number; body: string; homeyId: string | undefined }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        servername: target.hostname,
        headers: { Host: target.host },
        ca: emulator.localTls!.cert,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, homeyId: res.headers['x-homey-id'] as string | undefined }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator with --local-https', () => {
  it('names https://<ip-dashed>.homey.homeylocal.com as each Homey’s secure local address, on its local port', () => {
    for (const homey of emulator.info().homeys) {
      const secure = new URL(homey.localUrlSecure);
      expect(secure.protocol).toBe('https:');
      expect(secure.hostname).toBe('127-0-0-1.homey.homeylocal.com');
      expect(secure.port).toBe(new URL(homey.localUrl).port);
    }
    expect(secureLocalHostname('192.168.1.20')).toBe('192-168-1-20.homey.homeylocal.com');
  });

  it('answers the ping over TLS with a certificate for that name, and over plain http on the same port', async () => {
    const homey = emulator.info().homeys[0]!;
    const secure = await getSecure(`${homey.localUrlSecure}/api/manager/system/ping?id=${homey.id}`);
    expect(secure).toEqual({ status: 200, body: 'true', homeyId: homey.id });
    const plain = await fetch(`${homey.localUrl}/api/manager/system/ping?id=${homey.id}`);
    expect(await plain.text()).toBe('true');
  });

  it('lists the secure address in the cloud’s homey list', async () => {
    const info = emulator.info();
    expect(info.homeys[0]!.localUrlSecure).toMatch(/^https:\/\/127-0-0-1\.homey\.homeylocal\.com:\d+$/);
  });

  it('refuses a host name it cannot make a secure local name from', async () => {
    await expect(startEmulator({ host: 'localhost', localHttps: true })).rejects.toThrow(/IPv4/);
  });
});
