// The emulator's control API (README "Emulator control API") as the contract tests speak it: JSON in,
// JSON out, and a failed control request fails the test with its status and body.
// Answers come in many shapes and the tests read their fields freely, as they read the official client's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function emulatorControl(cloudUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${cloudUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
