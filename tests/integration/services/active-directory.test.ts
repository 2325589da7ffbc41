/** The composition builds the active profile's directory client; the next step only consumes it. */
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryUpdate } from '../../../src-main/shared/dto/directory';
import { addCloudProfile, startConsole, type TestConsole } from '../../support/reliability/console';

let c: TestConsole | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe("the active profile's directory client", () => {
  it("the Local demo's reads the embedded feed with its in-process token, never shown", async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const { active, scrubbing, localApi } = c.composed;
    const directory = active.current.directory;
    expect(directory?.url).toBe(localApi.directory.url);
    const updates: DirectoryUpdate[] = [];
    const stop = directory?.subscribe((u) => updates.push(u));
    await expect.poll(() => updates.at(-1)?.snapshot?.calls.length, { timeout: 5000 }).toBe(6);
    stop?.();
    // Known to the dispatcher's scrubber, absent from what the renderer can read.
    expect(scrubbing.secrets.secrets()).toContainEqual({
      kind: 'directory-token',
      value: localApi.directory.token,
    });
    expect(JSON.stringify(await c.call('profiles:list', {}))).not.toContain(
      localApi.directory.token,
    );
  });

  it('a Bandwidth profile has none until one is set; setting it builds a client for it', async () => {
    c = await startConsole({ localApi: { seed: 'demo' }, verify: async () => ({ ok: true }) });
    const { active, services, localApi } = c.composed;
    const profile = await addCloudProfile(c.composed);
    services.profiles.select(profile.id);
    expect(active.current.directory).toBeUndefined();
    const state = await services.profiles.setDirectory(profile.id, {
      url: localApi.directory.url,
      token: localApi.directory.token,
    });
    expect(state.profiles.find((p) => p.id === profile.id)?.directory?.url).toBe(
      localApi.directory.url,
    );
    expect(active.current.directory?.url).toBe(localApi.directory.url);
    expect((await active.current.directory?.refresh())?.calls).toBe(6);
    await services.profiles.clearDirectory(profile.id);
    expect(active.current.directory).toBeUndefined();
  });
});
