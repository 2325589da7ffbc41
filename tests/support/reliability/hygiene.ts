/**
 * What the secret-hygiene suites share: capturing everything the process prints, reading every
 * file a console wrote, and counting where any of the secrets ("needles") turns up.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'node:util';

/** Captures everything written to the console and to stdout/stderr while `run` runs. */
export async function capturingOutput<T>(output: string[], run: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const writes = [process.stdout.write, process.stderr.write] as const;
  for (const m of methods)
    console[m] = (...args: unknown[]): void => void output.push(format(...args));
  const tap =
    (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    };
  process.stdout.write = tap(writes[0], process.stdout) as typeof process.stdout.write;
  process.stderr.write = tap(writes[1], process.stderr) as typeof process.stderr.write;
  try {
    return await run();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] ?? console[m]));
    process.stdout.write = writes[0];
    process.stderr.write = writes[1];
  }
}

/** Every file under `dir` (recursively): its path relative to `dir`, its name and its bytes as text. */
export async function filesUnder(
  dir: string,
): Promise<{ path: string; name: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((f) => f.isFile())
      .map(async (f) => {
        const path = join(f.parentPath, f.name);
        return {
          path: path.slice(dir.length + 1),
          name: f.name,
          text: await readFile(path, 'latin1'),
        };
      }),
  );
}

/** Where each needle was found: `search(where, text)` records "<needle> in <where>" per hit. */
export class NeedleSearch {
  readonly hits: string[] = [];

  constructor(readonly needles: Readonly<Record<string, string>>) {}

  search(where: string, text: string): void {
    for (const [what, needle] of Object.entries(this.needles)) {
      if (text.includes(needle)) this.hits.push(`${what} in ${where}`);
    }
  }

  /** `0 hits`, or the count and where. */
  summary(): string {
    return `${this.hits.length} hits${this.hits.length > 0 ? ` (${this.hits.join('; ')})` : ''}`;
  }
}

/** `base64(user:password)`, as in an HTTP Basic Authorization header. */
export const basic = (user: string, pass: string): string =>
  Buffer.from(`${user}:${pass}`).toString('base64');

/** The permission bits of `dir` and of every folder and file under it, as octal text (`0600`). */
export async function modesUnder(
  dir: string,
): Promise<{ path: string; folder: boolean; mode: string }[]> {
  const paths = ['', ...(await readdir(dir, { recursive: true }))];
  return Promise.all(
    paths.map(async (path) => {
      const info = await stat(join(dir, path));
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
      return { path: path || '.', folder: info.isDirectory(), mode };
    }),
  );
}
