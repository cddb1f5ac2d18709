// Builds emulator seeds for large-team tests from the default seed shipped with the emulator.
import { readFileSync } from 'node:fs';

const DEFAULT_SEED = new URL('../../crates/emulator/seed/default-seed.json', import.meta.url);

export const BIG_TEAM_GROUP = '7e000000-0000-4000-8000-000000000200';

/** The default tenant plus `size` frontline workers in one group; every fourth has an active badge. */
export function bigTeamSeed(size) {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8'));
  const members = [];
  for (let i = 1; i <= size; i += 1) {
    const n = String(i).padStart(3, '0');
    const upn = `worker${n}@contoso.com`;
    const user = {
      id: `7e000000-0000-4000-8000-000000001${n}`,
      userPrincipalName: upn,
      displayName: `Worker ${n}`,
      jobTitle: 'Warehouse Associate',
    };
    if (i % 4 === 0) {
      user.qrCodePinMethod = {
        createdDateTime: 'now-30d',
        standardQRCode: { startDateTime: 'now-30d', expireDateTime: 'now+300d' },
        pin: { code: '58203914', forceChangePinNextSignIn: false },
      };
    }
    seed.users.push(user);
    members.push(upn);
  }
  seed.groups.push({ id: BIG_TEAM_GROUP, displayName: `Night Shift ${size}`, description: 'Generated team', members });
  return seed;
}

export const RENEWAL_GROUP = '7e000000-0000-4000-8000-000000000300';
export const RENEWAL_PIN = '58203914';

/**
 * What a renewal does for crew member n: one in ten badges can still be extended ('extend': expires in 10
 * days, started 340 days ago, so Graph's bound of start + 395 days is 55 days away), two in ten expire within
 * 29 days exactly at that bound ('replace'), the rest are valid for 300 more days and were used ('fine').
 */
export function renewalKind(n) {
  const digit = n % 10;
  if (digit === 1) return 'extend';
  if (digit === 2 || digit === 3) return 'replace';
  return 'fine';
}

export const crewId = (n) => `7e000000-0000-4000-8000-3${String(n).padStart(11, '0')}`;

/** The default tenant plus `size` crew members in the group "Renewal Crew {size}", badges as `renewalKind` says. */
export function renewalSeed(size) {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8'));
  const members = [];
  for (let n = 1; n <= size; n += 1) {
    const number = String(n).padStart(4, '0');
    let code;
    if (renewalKind(n) === 'extend') code = { startDateTime: 'now-340d', expireDateTime: 'now+10d', lastUsedDateTime: 'now-3d' };
    else if (renewalKind(n) === 'replace') {
      const left = 1 + (n % 29);
      code = { startDateTime: `now-${395 - left}d`, expireDateTime: `now+${left}d`, lastUsedDateTime: 'now-2d' };
    } else code = { startDateTime: 'now-65d', expireDateTime: 'now+300d', lastUsedDateTime: 'now-1d' };
    seed.users.push({
      id: crewId(n),
      userPrincipalName: `crew${number}@contoso.com`,
      displayName: `Crew ${number}`,
      jobTitle: 'Store Associate',
      qrCodePinMethod: {
        createdDateTime: code.startDateTime,
        standardQRCode: code,
        pin: { code: RENEWAL_PIN, forceChangePinNextSignIn: false },
      },
    });
    members.push(`crew${number}@contoso.com`);
  }
  seed.groups.push({ id: RENEWAL_GROUP, displayName: `Renewal Crew ${size}`, description: 'Generated team', members });
  return seed;
}
