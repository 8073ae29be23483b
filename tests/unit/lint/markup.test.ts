import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Participant names can carry markup (tests/fixtures/hostile-names.ts): no code may hand text to the HTML parser.
const eslint = new ESLint({ overrideConfigFile: 'build/eslint.config.js' });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('no participant data is parsed as HTML', () => {
  it.each([
    ['a JSX attribute', 'export const A = ({ n }: { n: string }) => <p dangerouslySetInnerHTML={{ __html: n }} />;\n'],
    [
      'a props object',
      "import { createElement } from 'react';\nexport const a = (n: string) => createElement('p', { dangerouslySetInnerHTML: { __html: n } });\n",
    ],
    [
      'a spread',
      'const html = (n: string) => ({ dangerouslySetInnerHTML: { __html: n } });\nexport const A = ({ n }: { n: string }) => <p {...html(n)} />;\n',
    ],
    ['innerHTML', 'export const put = (el: HTMLElement, n: string) => {\n  el.innerHTML = n;\n};\n'],
    ['outerHTML', 'export const put = (el: HTMLElement, n: string) => {\n  el.outerHTML = `<b>${n}</b>`;\n};\n'],
    [
      'insertAdjacentHTML',
      "export const put = (el: HTMLElement, n: string) => el.insertAdjacentHTML('beforeend', n);\n",
    ],
  ])('refuses %s, in the renderer and anywhere else', async (_how, code) => {
    for (const file of ['renderer/src/x.tsx', 'electron/main/x.tsx']) {
      expect(await errors(file, code), file).toEqual([expect.stringMatching(/as text/)]);
    }
  });

  it('lets text through: JSX children and textContent', async () => {
    expect(await errors('renderer/src/x.tsx', 'export const A = ({ n }: { n: string }) => <p>{n}</p>;\n')).toEqual([]);
    expect(
      await errors(
        'renderer/src/x.tsx',
        'export const put = (el: HTMLElement, n: string) => {\n  el.textContent = n;\n  return el.innerHTML;\n};\n',
      ),
    ).toEqual([]);
  });
});
