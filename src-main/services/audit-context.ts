/**
 * Stamps every audit entry with what a reader needs later and the log cannot know: the call's label
 * and the supervisor identity of the profile, as they are when the change is made (a call renamed
 * or a supervisor changed afterwards leaves the entry as it was). Every service that appends (the
 * routing applier, the alerts, "me") appends through this; queries and exports read the log itself.
 */
import type { AuditEntryInput } from '../audit';
import type { AuditLike } from '../routing';
import type { SettingsStore } from '../settings';

export interface AuditContextDeps {
  audit: AuditLike;
  settings: Pick<SettingsStore, 'getProfile' | 'listWatchedSessions'>;
  /** The call directory's label for a call of a profile, when its directory lists the call. */
  callLabel: (profileId: string, sessionId: string) => string | undefined;
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

/** The audit, each entry stamped with its call's label and the profile's supervisor (when known). */
export function withAuditContext(deps: AuditContextDeps): AuditLike {
  return {
    append: (input: AuditEntryInput) => {
      const call = input.call ?? callLabelOf(deps, input.profileId, input.sessionId);
      const supervisor =
        input.supervisor ??
        nonBlank(deps.settings.getProfile(input.profileId)?.supervisor?.displayName);
      return deps.audit.append({
        ...input,
        ...(call === undefined ? {} : { call }),
        ...(supervisor === undefined ? {} : { supervisor }),
      });
    },
  };
}
