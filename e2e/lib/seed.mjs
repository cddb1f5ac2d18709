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
