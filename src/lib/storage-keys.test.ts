import { describe, expect, it } from 'vitest';
import { storageKeys, wipedOnSignOut } from './storage-keys.ts';

describe('the storage keys', () => {
  it('sign-out wipes every key but the settings', () => {
    const wiped = [
      `${storageKeys.oidcStore}0f3c2a`,
      storageKeys.oidcUser('https://api.athom.com', 'client'),
      storageKeys.localCredentials,
      storageKeys.homeySession('h1'),
      storageKeys.homeyRoute('h1'),
      storageKeys.chosenHomey,
      storageKeys.queryCache,
      'homey-dashboard:written-by-an-older-version',
    ];
    expect(wiped.filter((key) => !wipedOnSignOut(key))).toEqual([]);
    expect(wipedOnSignOut(storageKeys.settings)).toBe(false);
  });

  it("leaves other apps' keys on the same origin alone", () => {
    expect(wipedOnSignOut('some-other-app:token')).toBe(false);
  });

  it('keeps the signed-in user under the store prefix oidc-client-ts writes it to', () => {
    expect(storageKeys.oidcUser('https://api.athom.com', 'client').startsWith(storageKeys.oidcUsers)).toBe(true);
    expect(storageKeys.oidcUsers.startsWith(storageKeys.oidcStore)).toBe(true);
  });
});
