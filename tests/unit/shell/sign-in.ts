import type { IpcHandler } from '../../../electron/main/ipc';

type Frame = Parameters<IpcHandler>[0];
const admin = { name: 'Amina Wanjiru', passphrase: 'correct horse battery staple' };

/**
 * Signs a window in as the administrator over the IPC door, as the first-run screen and the sign-in screen do: the
 * main process keeps the session per window, so nothing else the window asks is answered before this.
 */
export async function signInWindow(handler: IpcHandler, frame: Frame): Promise<void> {
  const answer = (await handler(frame, 'access.status', {})) as {
    ok: boolean;
    value: { setUp: boolean; members: { id: string; name: string }[] };
  };
  const result = answer.value.setUp
    ? await handler(frame, 'access.signIn', {
        memberId: answer.value.members.find((m) => m.name === admin.name)?.id ?? '',
        secret: admin.passphrase,
      })
    : await handler(frame, 'access.setup', admin);
  if (!(result as { ok: boolean }).ok) throw new Error(`Signing the window in failed: ${JSON.stringify(result)}`);
}
