// Query keys for what this feature fetches itself (account, scopes, reachability).
export const homeyQueryKeys = {
  athomUser: () => ['athom', 'user'] as const,
  scopes: (homeyId: string) => ['homey', homeyId, 'scopes'] as const,
  reachable: (homeyId: string) => ['homey', homeyId, 'reachable'] as const,
  localName: () => ['homey', 'local', 'name'] as const,
};
