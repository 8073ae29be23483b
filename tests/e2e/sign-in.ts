import type { APIRequestContext } from '@playwright/test';

/** Who the end-to-end tests work as: the administrator set up on first run, and one staff member. */
export const people = {
  admin: { name: 'Amina Wanjiru', passphrase: 'correct horse battery staple' },
  staff: { name: 'Joseph Kamau', pin: '2468' },
} as const;

export interface SignedIn {
  adminId: string;
  staffId: string;
}

async function post(request: APIRequestContext, base: string, method: string, data: unknown): Promise<unknown> {
  const response = await request.post(`${base}/api/${method}`, { data, headers: { origin: base } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${method} failed: ${result.error?.message}`);
  return result.value;
}

/**
 * Signs a browser context in as the administrator, setting the device up first if it is new (first run), and
 * makes sure the staff member exists. Its cookie then goes with every page and API call of that context.
 */
export async function signIn(request: APIRequestContext, base: string): Promise<SignedIn> {
  const status = (await post(request, base, 'access.status', {})) as {
    setUp: boolean;
    members: { id: string; name: string }[];
  };
  if (!status.setUp)
    await post(request, base, 'access.setup', { name: people.admin.name, passphrase: people.admin.passphrase });
  const members = (await post(request, base, 'access.status', {})) as { members: { id: string; name: string }[] };
  const adminId = members.members.find((m) => m.name === people.admin.name)?.id ?? '';
  if (status.setUp) await post(request, base, 'access.signIn', { memberId: adminId, secret: people.admin.passphrase });
  let staffId = members.members.find((m) => m.name === people.staff.name)?.id;
  if (!staffId) {
    const added = (await post(request, base, 'access.addMember', {
      role: 'staff',
      name: people.staff.name,
      secret: people.staff.pin,
    })) as { id: string };
    staffId = added.id;
  }
  return { adminId, staffId };
}
