import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries of design.md are lint errors, so `npm test` fails the moment one is crossed.
const eslint = new ESLint({ overrideConfigFile: 'build/eslint.config.js' });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('architecture rules', () => {
  it('keeps Electron, React and the DOM out of the core', async () => {
    expect(
      await errors('electron/core/events/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([expect.stringMatching(/plain Node/)]);
    expect(
      await errors('electron/core/events/x.ts', "import React from 'react';\nexport const r = React;\n"),
    ).toHaveLength(1);
    expect(await errors('electron/core/events/x.ts', 'export const w = window.location;\n')).toHaveLength(1);
    expect(
      await errors('electron/core/events/x.ts', "import { x } from '../../main/window';\nexport const y = x;\n"),
    ).toEqual([expect.stringMatching(/one way/)]);
  });

  it('lets only the driver module import better-sqlite3', async () => {
    const code = "import Database from 'better-sqlite3-multiple-ciphers';\nexport const D = Database;\n";
    expect(await errors('electron/core/db/driver.ts', code)).toEqual([]);
    expect(await errors('electron/core/events/store.ts', code)).toEqual([
      expect.stringMatching(/Only electron\/core\/db\/driver/),
    ]);
    expect(await errors('electron/server/http.ts', code)).toHaveLength(1);
  });

  it('lets the renderer reach the core only through the contract and schemas', async () => {
    expect(
      await errors(
        'renderer/src/x.ts',
        "import { contract } from '../../electron/core/api/contract';\nexport const c = contract;\n",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'renderer/src/x.ts',
        "import { handlers } from '../../electron/core/handlers';\nexport const h = handlers;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"),
    ).toHaveLength(1);
  });

  it('bans dangerouslySetInnerHTML so participant names always render as text', async () => {
    expect(
      await errors(
        'renderer/src/x.tsx',
        'export const A = ({ n }: { n: string }) => <p dangerouslySetInnerHTML={{ __html: n }} />;\n',
      ),
    ).toEqual([expect.stringMatching(/as text/)]);
  });
});
