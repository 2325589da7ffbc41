/**
 * Stamps every audit entry with what a reader needs later and the log cannot know: the call's label
 * and the supervisor identity of the profile, as they are when the change is made (a call renamed
 * or a supervisor changed afterwards leaves the entry as it was). Every service that appends (the
 * routing applier, the alerts, "me") appends through this; queries and exports read the log itself.
 */
import type { AuditEntryInput } from '../audit';
import type { AuditLike } from '../routing';
import type { SettingsStore } from '../settings';
import { DEMO_SUPERVISOR_NAME } from './me';

export interface AuditContextDeps {
  audit: AuditLike;
  settings: Pick<SettingsStore, 'getProfile' | 'listWatchedSessions'>;
  /** The call directory's label for a call of a profile, when its directory lists the call. */
  callLabel: (profileId: string, sessionId: string) => string | undefined;
  /** Where "me" is on a profile (its participant is named by the supervisor's name). */
  me?: (
    profileId: string,
  ) => { sessionId: string; participantId: string; displayName: string } | undefined;
}

function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The call's label now: the directory's, else the label it is watched under (never its bare id). */
function callLabelOf(
  deps: AuditContextDeps,
  profileId: string,
  sessionId: string,
): string | undefined {
  const fromDirectory = nonBlank(deps.callLabel(profileId, sessionId));
  if (fromDirectory) return fromDirectory;
  const watched = deps.settings.listWatchedSessions(profileId).find((w) => w.id === sessionId);
  const label = nonBlank(watched?.label);
  return label === sessionId ? undefined : label;
}

/**
 * The entry's names, with my own participant ("me": no call directory lists it) named by the
 * supervisor's name on an entry of my call; the directory's name wins where it has one.
 */
function withMyName(
  input: AuditEntryInput,
  me: { sessionId: string; participantId: string; displayName: string } | undefined,
): Record<string, string> | undefined {
  if (me === undefined || me.sessionId !== input.sessionId) return input.names;
  if (input.names?.[me.participantId] !== undefined) return input.names;
  return { ...input.names, [me.participantId]: me.displayName };
}

/** The audit, each entry stamped with its call's label and the profile's supervisor (when known). */
export function withAuditContext(deps: AuditContextDeps): AuditLike {
  return {
    append: (input: AuditEntryInput) => {
      const call = input.call ?? callLabelOf(deps, input.profileId, input.sessionId);
      const profile = deps.settings.getProfile(input.profileId);
      // The Local demo's supervisor is named as "me" names it when its profile names none.
      const supervisor =
        input.supervisor ??
        nonBlank(profile?.supervisor?.displayName) ??
        (profile?.kind === 'local' ? DEMO_SUPERVISOR_NAME : undefined);
      const names = withMyName(input, deps.me?.(input.profileId));
      return deps.audit.append({
        ...input,
        ...(call === undefined ? {} : { call }),
        ...(supervisor === undefined ? {} : { supervisor }),
        ...(names === undefined ? {} : { names }),
      });
    },
  };
}
