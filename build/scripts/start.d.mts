// Types for start.mjs, so the tests (TypeScript) can import its pure parts.
export declare function npmCommand(
  env: Record<string, string | undefined>,
  platform?: string,
): { command: string; args: string[]; shell: boolean };
export declare function electronEnv(
  env: Record<string, string | undefined>,
  binding: string,
): Record<string, string | undefined>;
export declare function electronBinary(rootDir?: string): string;
