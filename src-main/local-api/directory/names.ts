/**
 * The demo contact center's people and queues. EVERY NAME HERE IS INVENTED: first names paired with
 * storybook surnames from this fixed list, so that nobody can mistake the demo for real people.
 */
import type { Prng } from '../prng';

export const FICTIONAL_FIRST_NAMES = [
  'Ada',
  'Bram',
  'Cleo',
  'Dara',
  'Emil',
  'Fern',
  'Gus',
  'Hana',
  'Ivo',
  'Juno',
  'Kai',
  'Lena',
  'Milo',
  'Nia',
  'Otto',
  'Pia',
  'Quin',
  'Rosa',
  'Sami',
  'Tova',
  'Uma',
  'Vik',
  'Wren',
  'Yara',
] as const;

export const FICTIONAL_SURNAMES = [
  'Applewood',
  'Bluefinch',
  'Cloudberry',
  'Dewberry',
  'Elmstead',
  'Fernhollow',
  'Glimmerby',
  'Hazelbrook',
  'Inkwell',
  'Juniperly',
  'Kettleby',
  'Larkspur',
  'Marbleton',
  'Nettlefold',
  'Oakhollow',
  'Pebblewick',
  'Quillfeather',
  'Rainmoor',
  'Sparrowdale',
  'Thistlewood',
] as const;

/** Queues and the kind of call each one gets (the label is a topic and a ticket number). */
const DEMO_QUEUES = {
  Billing: ['Invoice question', 'Refund request', 'Payment failed', 'Plan change'],
  'Technical support': [
    'Router offline',
    'No dial tone',
    'App will not sign in',
    'Slow connection',
  ],
  Sales: ['New contract', 'Upgrade enquiry', 'Business quote'],
  Retention: ['Cancellation request', 'Contract renewal'],
} as const satisfies Record<string, readonly string[]>;

export type DemoQueue = keyof typeof DEMO_QUEUES;
const QUEUES = Object.keys(DEMO_QUEUES) as DemoQueue[];

export function fictionalName(prng: Prng): string {
  return `${prng.pick(FICTIONAL_FIRST_NAMES)} ${prng.pick(FICTIONAL_SURNAMES)}`;
}

export function demoCallLabel(prng: Prng, ticket: number): { queue: DemoQueue; label: string } {
  const queue = prng.pick(QUEUES);
  return { queue, label: `${prng.pick(DEMO_QUEUES[queue])} #${ticket}` };
}
