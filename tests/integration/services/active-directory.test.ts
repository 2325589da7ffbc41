/** The composition builds the active profile's directory client; the next step only consumes it. */
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryUpdate } from '../../../src-main/shared/dto/directory';
import { startConsole, type TestConsole } from '../../support/reliability/console';

let c: TestConsole | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe("the active profile's directory client", () => {
  it("the Local demo's reads the embedded feed with its in-process token, never shown", async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const { core, localApi } = c.composed;
    const directory = core.active.directory;
    expect(directory?.url).toBe(localApi.directory.url);
    const updates: DirectoryUpdate[] = [];
    const stop = directory?.subscribe((u) => updates.push(u));
    await expect.poll(() => updates.at(-1)?.snapshot?.calls.length, { timeout: 5000 }).toBe(6);
    stop?.();
    // Known to the dispatcher's scrubber, absent from what the renderer can read.
    expect(core.scrubbing.secrets.secrets()).toContainEqual({
      kind: 'directory-token',
      value: localApi.directory.token,
    });
    expect(JSON.stringify(await c.call('profiles:list', {}))).not.toContain(
      localApi.directory.token,
    );
  });

  it('a Bandwidth profile has none until one is set; setting it builds a client for it', async () => {
    c = await startConsole({ localApi: { seed: 'demo' }, verify: async () => ({ ok: true }) });
    const { core, localApi } = c.composed;
    const profile = await core.profiles.addBandwidthProfile({
      name: 'Cloud',
      accountId: localApi.accountId,
      username: localApi.username,
      password: localApi.password,
      baseUrl: localApi.baseUrl,
    });
    core.selectProfile(profile.id);
    expect(core.active.directory).toBeUndefined();
    const state = await core.setDirectory(profile.id, {
      url: localApi.directory.url,
      token: localApi.directory.token,
    });
    expect(state.profiles.find((p) => p.id === profile.id)?.directory?.url).toBe(
      localApi.directory.url,
    );
    expect(core.active.directory?.url).toBe(localApi.directory.url);
    expect((await core.active.directory?.refresh())?.calls).toBe(6);
    await core.clearDirectory(profile.id);
    expect(core.active.directory).toBeUndefined();
  });
});
