import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The certificate a real Homey's secure local address carries is Athom's, for
// `*.homey.homeylocal.com` (docs/homey-web-api.md §5). The emulator makes a self-signed one for the
// same names at start, with the openssl command line: Node can make keys but not certificates, and
// no certificate library is a dependency of this project. A browser has to be told to accept it.

export interface LocalTls {
  key: string;
  cert: string;
  /** The secure local host name of each address, e.g. `127-0-0-1.homey.homeylocal.com`. */
  hostnames: string[];
}

/** `192.168.1.20` → `192-168-1-20.homey.homeylocal.com`, the name Athom's DNS answers with that address. */
export function secureLocalHostname(ip: string): string {
  return `${ip.replaceAll('.', '-')}.homey.homeylocal.com`;
}

/** A self-signed certificate for the secure local names of `ips`; throws when openssl cannot be run. */
export function makeLocalTls(ips: readonly string[], run: typeof execFileSync = execFileSync): LocalTls {
  const hostnames = ips.map(secureLocalHostname);
  const dir = mkdtempSync(join(tmpdir(), 'homey-emulator-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const altNames = [...hostnames.map((h) => `DNS:${h}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
    try {
      run(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
          '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${hostnames[0] ?? 'homey.homeylocal.com'}`,
          '-addext', `subjectAltName=${altNames}`],
        { stdio: 'pipe' },
      );
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'openssl is not installed' : (err as Error).message.split('\n')[0];
      throw new Error(`--local-https needs the openssl command to make a certificate: ${why}`);
    }
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), hostnames };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
