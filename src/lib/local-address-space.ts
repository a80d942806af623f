// Chromium's `targetAddressSpace` fetch option (docs/homey-web-api.md §5): an https page may call a
// plain `http://` address on the LAN when the option says it is local and the person allowed the
// local network. Other browsers ignore the option and block the call as mixed content.

/** Whether this browser knows the option (a Request built with it keeps it). */
export function supportsTargetAddressSpace(RequestClass: typeof Request | undefined = globalThis.Request): boolean {
  return RequestClass !== undefined && 'targetAddressSpace' in RequestClass.prototype;
}

/** `fetch` for a LAN address: every call says it is meant for the local network. */
export function fetchToLocalNetwork(fetch: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => fetch(input, { ...init, targetAddressSpace: 'local' } as RequestInit);
}

/** Whether a call from a page of `pageProtocol` to `url` needs the option: https to plain http. */
export function needsLocalTarget(url: string, pageProtocol: string = globalThis.location?.protocol ?? 'http:'): boolean {
  return pageProtocol === 'https:' && url.startsWith('http:');
}
