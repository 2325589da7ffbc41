/**
 * AudioStore with a fake SDK link: connects with main's grant while I am on a call, publishes my
 * microphone for Coach and Barge only, mutes and pushes to talk, plays and meters what it receives,
 * rebuilds a lost connection with a fresh grant, gives up on a refusal, and disconnects on Leave.
 */
import { describe, expect, it } from 'vitest';
import type { MeAudioGrant } from '../../../../src-main/shared/dto/me';
import type { Result } from '../../../../src-main/shared/result';
import { fail, ok } from '../support/fake-bridge';
import { fakeStream, GRANT, ME, settle, setup } from './fakes';

/** Connected as me in `mode`. */
async function connected(mode: 'monitor' | 'coach' | 'barge' = 'monitor') {
  const t = setup();
  t.store.follow({ ...ME, mode });
  await settle();
  t.link().open();
  await settle();
  return t;
}

describe('AudioStore', () => {
  it('asks main for the grant of the active profile and connects with it', async () => {
    const t = setup();
    expect(t.store.status).toBe('idle');
    t.store.follow(ME);
    expect(t.store.status).toBe('connecting');
    expect(t.store.waitingSince).toBe(1_000_000);
    await settle();
    expect(t.fake.inputs('me:audio')).toEqual([{ profileId: 'p1' }]);
    expect(t.link().grant).toEqual({
      websocketUrl: GRANT.websocketUrl,
      deviceToken: GRANT.deviceToken,
    });
    t.link().open();
    await settle();
    expect(t.store.status).toBe('connected');
    expect(t.store.waitingSince).toBeNull();
    expect(t.store.devices.inputs).toEqual([{ deviceId: 'in-2', label: 'Headset' }]);
  });

  it('monitor publishes nothing; coach publishes the microphone; monitor unpublishes it', async () => {
    const t = await connected('monitor');
    expect(t.link().published).toEqual([]);
    expect(t.store.published).toBe(false);
    t.store.follow({ ...ME, mode: 'coach' });
    await settle();
    expect(t.link().log).toEqual(['publish mic-1']);
    expect(t.store.published).toBe(true);
    expect(t.store.micOpen).toBe(true);
    t.store.follow({ ...ME, mode: 'barge' });
    await settle();
    expect(t.link().log).toEqual(['publish mic-1']);
    const mic = t.link().published[0] as ReturnType<typeof fakeStream>;
    t.store.follow({ ...ME, mode: 'monitor' });
    await settle();
    expect(t.link().log).toEqual(['publish mic-1', 'unpublish pub-mic-1']);
    expect(t.store.published).toBe(false);
    expect(mic.track.stopped).toBe(true);
  });

  it('mute silences the microphone, push-to-talk opens it while held', async () => {
    const t = await connected('coach');
    t.store.setMuted(true);
    expect(t.link().micEnabled.at(-1)).toBe(false);
    expect(t.store.micOpen).toBe(false);
    t.store.talk(true);
    expect(t.link().micEnabled.at(-1)).toBe(true);
    expect(t.store.micOpen).toBe(true);
    t.store.talk(false);
    expect(t.link().micEnabled.at(-1)).toBe(false);
  });

  it('a muted microphone is published with its track already silent', async () => {
    const t = await connected('monitor');
    t.store.setMuted(true);
    t.store.follow({ ...ME, mode: 'barge' });
    await settle();
    const mic = t.link().published[0] as ReturnType<typeof fakeStream>;
    expect(mic.track.enabled).toBe(false);
  });

  it('a chosen microphone is republished from that device', async () => {
    const t = await connected('coach');
    t.store.chooseInput('in-2');
    await settle();
    expect(t.microphones).toEqual([null, 'in-2']);
    expect(t.link().log).toEqual(['publish mic-1', 'unpublish pub-mic-1', 'publish mic-2']);
    t.store.devices.chooseOutput('out-2');
    expect(t.store.devices.outputId).toBe('out-2');
  });

  it('plays what it receives and reads a level per person', async () => {
    const t = await connected();
    const agent = fakeStream('a');
    t.link().events.streamAdded({ streamId: 'sa', participantId: 'agent', mediaStream: agent });
    t.link().events.streamAdded({
      streamId: 'sc',
      participantId: 'customer',
      mediaStream: fakeStream('c'),
    });
    expect(t.store.streams.map((s) => s.participantId)).toEqual(['agent', 'customer']);
    t.levels.set(agent, 0.4);
    t.tick();
    expect(t.store.levels).toEqual({ agent: 0.4, customer: 0 });
    t.link().events.streamRemoved('sa');
    expect(t.store.streams.map((s) => s.participantId)).toEqual(['customer']);
    expect(t.stopped).toEqual([agent]);
    expect(t.store.levels).toEqual({ customer: 0 });
  });

  it('Leave disconnects: no streams, no levels read, no microphone', async () => {
    const t = await connected('coach');
    t.link().events.streamAdded({
      streamId: 'x',
      participantId: 'a',
      mediaStream: fakeStream('a'),
    });
    t.store.follow(null);
    expect(t.link().disconnected).toBe(true);
    expect(t.store.status).toBe('disconnected');
    expect(t.store.streams).toEqual([]);
    expect(t.store.published).toBe(false);
    expect(t.ticking()).toBe(false);
  });

  it('a lost connection says since when, and is rebuilt with a fresh grant', async () => {
    const t = await connected('coach');
    const first = t.link();
    first.events.lost();
    expect(t.store.status).toBe('reconnecting');
    expect(t.store.waitingSince).toBe(1_000_000);
    expect(first.disconnected).toBe(true);
    expect(t.store.published).toBe(false);
    t.pauses.shift()?.go();
    await settle();
    expect(t.fake.inputs('me:audio')).toHaveLength(2);
    expect(t.links).toHaveLength(2);
    // Late events of the old connection change nothing.
    first.events.streamAdded({ streamId: 'x', participantId: 'a', mediaStream: fakeStream('a') });
    expect(t.store.streams).toEqual([]);
    expect(t.store.status).toBe('reconnecting');
    t.link().open();
    await settle();
    expect(t.store.status).toBe('connected');
    expect(t.store.waitingSince).toBeNull();
    expect(t.link().log).toEqual(['publish mic-2']);
  });

  it('keeps trying while main cannot be reached during a reconnect, with growing pauses', async () => {
    let answer: Result<MeAudioGrant> = fail('unreachable', 'The console host is not answering.');
    const t = setup({ 'me:audio': () => answer });
    answer = ok(GRANT);
    t.store.follow(ME);
    await settle();
    t.link().open();
    await settle();
    answer = fail('unreachable', 'The console host is not answering.');
    t.link().events.lost();
    t.pauses.shift()?.go();
    await settle();
    expect(t.store.status).toBe('reconnecting');
    expect(t.pauses.map((p) => p.ms)).toEqual([1_000]);
    answer = ok(GRANT);
    t.pauses.shift()?.go();
    await settle();
    t.link().open();
    await settle();
    expect(t.store.status).toBe('connected');
  });

  it('a refusal by the gateway gives up with its reason, and retries only when asked', async () => {
    const t = await connected();
    t.link().events.refused('token refused: expired');
    expect(t.store.status).toBe('refused');
    expect(t.store.problem).toBe(
      'The audio gateway ended the connection (“token refused: expired”); Patchbay does not retry on its own.',
    );
    expect(t.link().disconnected).toBe(true);
    await settle();
    expect(t.pauses).toEqual([]);
    expect(t.fake.inputs('me:audio')).toHaveLength(1);
    t.store.retry();
    await settle();
    expect(t.fake.inputs('me:audio')).toHaveLength(2);
    expect(t.store.status).toBe('connecting');
  });

  it('no grant (me-absent) is disconnected; another failure says so', async () => {
    const absent = setup({ 'me:audio': () => fail('me-absent', 'You are on no call.') });
    absent.store.follow(ME);
    await settle();
    expect(absent.store.status).toBe('disconnected');
    expect(absent.links).toEqual([]);
    const broken = setup({ 'me:audio': () => fail('unauthorized', 'The profile was refused.') });
    broken.store.follow(ME);
    await settle();
    expect(broken.store.status).toBe('failed');
    expect(broken.store.problem).toBe('Your audio could not start: The profile was refused.');
  });

  it('a connection that fails says why, and never shows the token', async () => {
    const t = setup();
    t.store.follow(ME);
    await settle();
    t.link().fail('Invalid token specified');
    await settle();
    expect(t.store.status).toBe('failed');
    expect(t.store.problem).toBe('Your audio could not connect: Invalid token specified');
    expect(JSON.stringify([t.store.problem, t.store.status])).not.toContain(GRANT.deviceToken);
  });

  it('an SDK error that quotes the token is shown without it', async () => {
    const t = setup();
    t.store.follow(ME);
    await settle();
    t.link().fail(`Invalid token specified: ${GRANT.deviceToken}`);
    await settle();
    expect(t.store.problem).toBe(
      'Your audio could not connect: Invalid token specified: (your token)',
    );
  });

  it('a grant for another participant than "me" now (I moved on meanwhile) is not used', async () => {
    const t = setup({ 'me:audio': () => ok({ ...GRANT, participantId: 'me-old' }) });
    t.store.follow(ME);
    await settle();
    expect(t.links).toEqual([]);
  });

  it('a re-join (new participant) replaces the connection', async () => {
    const t = await connected();
    const first = t.link();
    t.store.follow({ ...ME, participantId: 'me-2' });
    expect(first.disconnected).toBe(true);
    expect(t.store.status).toBe('connecting');
  });
});
