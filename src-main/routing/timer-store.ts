/**
 * Pending reverts of timed routes, persisted as one JSON file written atomically (temp file, fsync,
 * rename: write-file-atomic), so a console that crashed still knows what to revert when it starts
 * again. The file holds each route's applied plan: the revert is `planUndo(plan, fresh)`.
 * A file that cannot be read as pending routes is kept aside (`<file>.corrupt-<time>`), never lost.
 * The file, anything kept aside and the folder are owner-only (0600/0700).
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { TimedRouteView } from '../shared/dto/timers';
import type { Plan } from '../shared/routing';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../settings/data-folder';
import { intentSchema } from '../ipc/intent-schema';
import { messageOf } from './plan-state';

/** A pending timed route as the file keeps it: what the renderer sees, plus how to revert it. */
export interface TimedRouteRecord extends TimedRouteView {
  /** The change's history id (its undo/redo entries are forgotten once it reverted). */
  readonly routeId: string;
  /** The plan that was applied. */
  readonly plan: Plan;
}

const streams = z.union([z.literal('all'), z.array(z.string())]);
const subscriptions = z.object({
  sessionId: z.string().optional(),
  participants: z
    .array(z.object({ participantId: z.string(), streamAliases: z.array(z.string()).optional() }))
    .optional(),
});
const edge = z.object({ receiverId: z.string(), publisherId: z.string(), streams });
const cell = z.object({
  receiverId: z.string(),
  publisherId: z.string(),
  before: streams.nullable(),
  after: streams.nullable(),
});
const planSchema = z.object({
  sessionId: z.string(),
  writes: z.array(
    z.object({
      receiverId: z.string(),
      before: subscriptions,
      after: subscriptions,
      opens: z.array(edge),
      closes: z.array(edge),
      cells: z.array(cell),
      sessionLevel: z.object({ before: z.boolean(), after: z.boolean() }),
    }),
  ),
  moves: z.array(z.object({ participantId: z.string(), toSessionId: z.string() })),
});
const recordSchema = z.object({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  intent: intentSchema,
  label: z.string(),
  startedAt: z.number(),
  endsAt: z.number().nullable(),
  routeId: z.string().min(1),
  plan: planSchema,
});
const fileSchema = z.object({ version: z.literal(1), routes: z.array(recordSchema) });

export class TimerStore {
  readonly path: string;
  private readonly writes = pLimit(1);

  constructor(
    private readonly dir: string,
    fileName = 'timed-routes.json',
  ) {
    this.path = join(dir, fileName);
  }

  /** The pending routes on disk; a missing file is none, an unreadable one is kept aside. */
  async load(): Promise<{ routes: TimedRouteRecord[]; warning?: string }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { routes: [] };
      throw error;
    }
    let parsed: z.infer<typeof fileSchema> | undefined;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      const keptAt = `${this.path}.corrupt-${Date.now()}`;
      await rename(this.path, keptAt);
      await makePrivate(keptAt);
      const warning = `The pending timed routes could not be read (${messageOf(error)}); the file was kept at ${keptAt}.`;
      return { routes: [], warning };
    }
    return { routes: parsed.routes };
  }

  /** Writes the whole list atomically; calls are serialised and each writes what it was given. */
  save(routes: readonly TimedRouteRecord[]): Promise<void> {
    const text = `${JSON.stringify({ version: 1, routes }, null, 2)}\n`;
    return this.writes(async () => {
      await ensurePrivateDir(this.dir);
      await writeFileAtomic(this.path, text, { fsync: true, mode: PRIVATE_FILE_MODE });
    });
  }
}
