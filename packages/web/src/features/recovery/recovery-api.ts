// The password recovery calls (no session): ask for a link, check it, set the new password.
import { json, request } from '../../api/client.ts';

export const recoveryApi = {
  ask: async (address: string, taxCode: string): Promise<void> => {
    await request('POST', '/recovery', { address, taxCode });
  },
  check: async (token: string): Promise<void> => {
    await request('POST', '/recovery/check', { token });
  },
  reset: (token: string, newPassword: string) =>
    json<{ address: string }>('POST', '/recovery/reset', { token, newPassword }),
};
