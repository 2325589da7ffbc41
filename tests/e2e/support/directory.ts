/**
 * The Local demo's call directory as any backend client reads it: the host's feed
 * (`/directory/v1/calls` on the local API's port) with the bearer token the host printed. Demo
 * calls are labelled and their people named and given roles by it (issue 14), so a spec reads what
 * the console will show from here instead of guessing it from the tags.
 */
import type { Participant } from '../../../src-main/shared/bandwidth-api';
import type { DirectoryCall, DirectorySnapshot } from '../../../src-main/shared/dto/directory';
import { sessionFromApi, sessionLabels, type Role } from '../../../src-main/shared/routing';
import { suggestedRoles } from '../../../src-main/shared/roles';

export interface DirectoryFeed {
  url: string;
  token: string;
}

export class DemoDirectory {
  constructor(private readonly feed: DirectoryFeed) {}

  /** The calls the feed lists now. */
  async calls(): Promise<DirectoryCall[]> {
    const response = await fetch(this.feed.url, {
      headers: { authorization: `Bearer ${this.feed.token}` },
    });
    if (response.status !== 200) {
      throw new Error(`the demo directory answered ${response.status}: ${await response.text()}`);
    }
    return ((await response.json()) as DirectorySnapshot).calls;
  }

  /** The directory's entry for `sessionId`; an error when it does not list that session. */
  async call(sessionId: string): Promise<DirectoryCall> {
    const call = (await this.calls()).find((c) => c.sessionId === sessionId);
    if (call === undefined) throw new Error(`the demo directory does not list ${sessionId}`);
    return call;
  }

  /** The call label the console shows for `sessionId` (the sidebar, the page title). */
  async label(sessionId: string): Promise<string> {
    return (await this.call(sessionId)).label;
  }
}

/** A directory call's display names by participant id. */
export function namesOf(call: DirectoryCall): Record<string, string> {
  return Object.fromEntries(call.participants.map((p) => [p.participantId, p.displayName]));
}

/** A directory call's roles by participant id. */
export function rolesOf(call: DirectoryCall): Record<string, Role> {
  return Object.fromEntries(call.participants.map((p) => [p.participantId, p.role]));
}

/**
 * The labels the console shows for a session's members: the directory's names (its roles count as
 * assigned) when it lists the call (`call`), else the role each tag suggests and the id's start.
 */
export function shownLabels(
  sessionId: string,
  members: readonly Participant[],
  call?: DirectoryCall,
): ReadonlyMap<string, string> {
  const roles = call === undefined ? {} : rolesOf(call);
  const names = call === undefined ? {} : namesOf(call);
  return sessionLabels(sessionFromApi(sessionId, members, roles, suggestedRoles(members), names));
}
