/** ParticipantsStore against a fake bridge: create (token handed back, never kept), add, remove, delete, roles. */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../src-renderer/lib/state/busy.svelte';
import { ParticipantsStore } from '../../../src-renderer/lib/state/participants.svelte';
import { SessionsStore } from '../../../src-renderer/lib/state/sessions.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import type { CreatedParticipant } from '../../../src-main/shared/contract';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { fakeBridge, fail, ok, type Handlers } from './support/fake-bridge';
import { AGENT, CUSTOMER, SESSION, member, monitoredCall, sessionView } from './support/views';

const NEW_ID = 'eeee0000-0000-4000-8000-00000000000e';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token.sig';
const created: CreatedParticipant = {
  participant: { id: NEW_ID, publishPermissions: ['AUDIO'], sessions: [], tag: 'agent-eeee' },
  token: TOKEN,
  bxmlTemplate: `<Response>…${TOKEN}…</Response>`,
};
const withNew = (view: SessionView): SessionView => ({
  ...view,
  participants: [...view.participants, member(NEW_ID, 'agent', {}, 'agent-eeee')],
});

async function setup(handlers: Handlers = {}, sessions: SessionView[] = [monitoredCall()]) {
  const fake = fakeBridge({
    'sessions:list': () => ok(sessions),
    'sessions:focus': () => ok(null),
    'participants:create': () => ok(created),
    ...handlers,
  });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const store = new SessionsStore(fake.bridge, toasts, busy);
  const participants = new ParticipantsStore(fake.bridge, toasts, busy, store);
  await store.useProfile('local-demo');
  return { fake, toasts, store, participants };
}

describe('ParticipantsStore: create', () => {
  it('sends only what was given and hands the token back once', async () => {
    const { participants, fake } = await setup();
    const result = await participants.create({
      publishPermissions: ['AUDIO'],
      tag: ' agent-eeee ',
      callbackUrl: '',
    });
    expect(result?.token).toBe(TOKEN);
    expect(fake.inputs('participants:create')).toEqual([
      { profileId: 'local-demo', publishPermissions: ['AUDIO'], tag: 'agent-eeee' },
    ]);
    expect(participants.available.map((p) => p.id)).toEqual([NEW_ID]);
    expect(JSON.stringify(participants.available)).not.toContain(TOKEN);
  });

  it('sends a callback URL when given', async () => {
    const { participants, fake } = await setup();
    await participants.create({
      publishPermissions: [],
      tag: '',
      callbackUrl: ' https://example.com/cb ',
    });
    expect(fake.inputs('participants:create')).toEqual([
      { profileId: 'local-demo', publishPermissions: [], callbackUrl: 'https://example.com/cb' },
    ]);
  });

  it('adds the new participant to the session when asked', async () => {
    const { participants, store, fake } = await setup({
      'participants:add': () => ok(withNew(monitoredCall())),
    });
    await participants.create({ publishPermissions: ['AUDIO'], tag: '', callbackUrl: '' }, SESSION);
    expect(fake.inputs('participants:add')).toEqual([
      { profileId: 'local-demo', sessionId: SESSION, participantId: NEW_ID },
    ]);
    expect(store.selected?.participants).toHaveLength(4);
    expect(participants.available).toEqual([]);
  });

  it('still returns the token when adding after creating fails, and says so', async () => {
    const { participants, toasts } = await setup({
      'participants:add': () => fail('api-server', 'Add participant to session failed [500]'),
    });
    const result = await participants.create(
      { publishPermissions: ['AUDIO'], tag: '', callbackUrl: '' },
      SESSION,
    );
    expect(result?.token).toBe(TOKEN);
    expect(toasts.assertive[0]?.text).toContain('could not add it to the session');
  });

  it('keeps a create failure next to the form', async () => {
    const { participants } = await setup({
      'participants:create': () =>
        fail(
          'invalid-input',
          'participants:create: callbackUrl: callbackUrl must be an http(s) URL',
        ),
    });
    await expect(
      participants.create({ publishPermissions: [], tag: '', callbackUrl: 'x' }),
    ).resolves.toBeNull();
    expect(participants.formError('create')).toContain('callbackUrl must be an http(s) URL');
  });
});

describe('ParticipantsStore: add and remove', () => {
  it('refuses to add to a full session before asking the API', async () => {
    const full = sessionView(
      Array.from({ length: 20 }, (_, i) => member(`p${String(i).padStart(4, '0')}`, null)),
    );
    const { participants, fake } = await setup({}, [full]);
    await expect(participants.add(SESSION, NEW_ID)).resolves.toBe(false);
    expect(participants.formError('add')).toContain('the most Bandwidth allows');
    expect(fake.inputs('participants:add')).toEqual([]);
  });

  it('explains a participant that is already in another session (409)', async () => {
    const { participants } = await setup({
      'participants:add': () =>
        fail(
          'api-conflict',
          'Add participant to session failed: Participant is already in another session [409]',
        ),
    });
    await participants.add(SESSION, ' other ');
    expect(participants.formError('add')).toBe(
      'Add participant to session failed: Participant is already in another session [409]. A participant can be in only one session at a time: remove it from its current session first (find that session with "Find by participant").',
    );
  });

  it('shows main’s session-full message as it is', async () => {
    const message =
      'This session already has 20 participants, the most Bandwidth allows. Remove someone first.';
    const { participants } = await setup({
      'participants:add': () => fail('session-full', message),
    });
    await participants.add(SESSION, NEW_ID);
    expect(participants.formError('add')).toBe(message);
  });

  it('removes from the session and offers the participant for adding again', async () => {
    const { participants, store, toasts } = await setup({
      'participants:remove': () =>
        ok({ ...monitoredCall(), participants: monitoredCall().participants.slice(1) }),
    });
    await expect(participants.remove(SESSION, CUSTOMER)).resolves.toBe(true);
    expect(store.selected?.participants.map((p) => p.id)).not.toContain(CUSTOMER);
    expect(participants.available.map((p) => p.id)).toEqual([CUSTOMER]);
    expect(toasts.polite.at(-1)?.text).toBe(
      'Removed Customer 7f3a from the session. The participant still exists and can be added again.',
    );
  });
});

describe('ParticipantsStore: delete and roles', () => {
  it('deletes a participant and drops it from the page at once', async () => {
    const { participants, store, fake } = await setup({
      'participants:delete': () => ok(null),
      'sessions:refresh': () =>
        ok({ ...monitoredCall(), participants: monitoredCall().participants.slice(1) }),
    });
    await expect(participants.delete(CUSTOMER, SESSION)).resolves.toBe(true);
    expect(store.selected?.participants.map((p) => p.id)).not.toContain(CUSTOMER);
    expect(fake.inputs('participants:delete')).toEqual([
      { profileId: 'local-demo', participantId: CUSTOMER },
    ]);
  });

  it('reports a failed delete', async () => {
    const { participants, toasts } = await setup({
      'participants:delete': () => fail('api-not-found', 'Delete participant failed [404]'),
    });
    await expect(participants.delete(CUSTOMER, SESSION)).resolves.toBe(false);
    expect(toasts.assertive[0]?.text).toContain('check the id');
  });

  it('sets a role at once, remembers it was chosen here, and clears it back to the suggestion', async () => {
    const tagged = sessionView([member(AGENT, 'agent', {}, 'agent-21bc')]);
    const { participants, store, fake } = await setup({ 'participants:setRole': () => ok(null) }, [
      tagged,
    ]);
    expect(participants.isRoleConfirmed(AGENT)).toBe(false);
    await participants.setRole(SESSION, AGENT, 'supervisor');
    expect(store.selected?.participants[0]?.role).toBe('supervisor');
    expect(participants.isRoleConfirmed(AGENT)).toBe(true);
    await participants.setRole(SESSION, AGENT, null);
    expect(store.selected?.participants[0]?.role).toBe('agent');
    expect(participants.isRoleConfirmed(AGENT)).toBe(false);
    expect(fake.inputs('participants:setRole')).toEqual([
      { profileId: 'local-demo', participantId: AGENT, role: 'supervisor' },
      { profileId: 'local-demo', participantId: AGENT, role: null },
    ]);
  });

  it('puts the role back when saving fails', async () => {
    const { participants, store, toasts } = await setup({
      'participants:setRole': () => fail('settings-write', 'Could not save the role.'),
    });
    await expect(participants.setRole(SESSION, CUSTOMER, 'agent')).resolves.toBe(false);
    expect(store.selected?.participants[0]?.role).toBe('customer');
    expect(participants.isRoleConfirmed(CUSTOMER)).toBe(false);
    expect(toasts.assertive[0]?.text).toBe('Could not save the role.');
  });
});
