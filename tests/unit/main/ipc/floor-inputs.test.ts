/** The inputs the floor sends: `floor:get` takes nothing; a call opens under its directory label. */
import { describe, expect, it } from 'vitest';
import { requests } from '../../../../src-main/ipc/schemas';
import { DIRECTORY_LIMITS } from '../../../../src-main/shared/dto/directory';

const watch = (label: string): boolean =>
  requests['sessions:watch'].input.safeParse({ profileId: 'local-demo', sessionId: 's1', label })
    .success;

describe('floor inputs', () => {
  it('opens a call under a directory label of the longest the feed allows, not longer', () => {
    expect(watch('x'.repeat(DIRECTORY_LIMITS.maxLabelLength))).toBe(true);
    expect(watch('x'.repeat(DIRECTORY_LIMITS.maxLabelLength + 1))).toBe(false);
  });

  it('floor:get takes an empty object and nothing else', () => {
    expect(requests['floor:get'].input.safeParse({}).success).toBe(true);
    expect(requests['floor:get'].input.safeParse({ profileId: 'x' }).success).toBe(false);
  });
});
