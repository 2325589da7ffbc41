/**
 * Checks for the tags a supervisor types (sessions and participants). Bandwidth allows at most
 * 50 characters and forbids personal data in tags; a tag that looks like an e-mail address, a phone
 * number or a person's name gets a warning (not a refusal: the heuristics can be wrong). Opaque ids
 * such as `customer-7f3a9c2e-…` or UUIDs never warn. Pure: no DOM.
 */
import { MAX_TAG_LENGTH } from '$shared/bandwidth-api';

export type PersonalDataKind = 'email' | 'phone' | 'name';

export interface TagCheck {
  /** Characters typed (UTF-16 code units, as the API counts them). */
  length: number;
  /** Set when the tag cannot be sent as it is. */
  error: string | null;
  /** What the tag looks like it contains; empty when nothing personal was spotted. */
  personalData: PersonalDataKind[];
  /** One sentence for the person typing, or null. */
  warning: string | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/;
/** Maximal runs of digits and the characters people write phone numbers with. */
const PHONE_RUN = /[\d\s().+-]+/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Two or more capitalised words ("John Smith", "Anna María López"). */
const NAME = /(?:^|[^\p{L}\p{N}])\p{Lu}\p{Ll}[\p{L}'’]*(?:[\s_.]+\p{Lu}\p{Ll}[\p{L}'’]*)+/u;

const WORDS: Record<PersonalDataKind, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  name: "a person's name",
};

function isLetterOrDigit(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** True when `text` holds 7+ digits written as a phone number (spaces, dashes, dots, parentheses, +). */
export function looksLikePhoneNumber(text: string): boolean {
  const withoutUuids = text.replace(UUID, ' ');
  for (const match of withoutUuids.matchAll(PHONE_RUN)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().replace(/^[().-]+/, '').length;
    const run = raw.slice(lead).replace(/[\s().-]+$/, '');
    const start = match.index + lead;
    const end = start + run.length;
    const digits = run.replace(/\D/g, '').length;
    if (digits < 7 || ISO_DATE.test(run)) continue;
    // Digits glued to letters belong to an opaque id (hex such as 7f3a9c2e), not a phone number.
    const glued =
      (/\d/.test(run.charAt(0)) && isLetterOrDigit(withoutUuids[start - 1])) ||
      (/\d/.test(run.charAt(run.length - 1)) && isLetterOrDigit(withoutUuids[end]));
    if (!glued) return true;
  }
  return false;
}

export function looksLikeEmail(text: string): boolean {
  return EMAIL.test(text);
}

export function looksLikeName(text: string): boolean {
  return NAME.test(text);
}

/** Which kinds of personal data `tag` seems to contain, in a fixed order. */
export function personalDataIn(tag: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  if (looksLikeEmail(tag)) kinds.push('email');
  if (looksLikePhoneNumber(tag)) kinds.push('phone');
  if (looksLikeName(tag)) kinds.push('name');
  return kinds;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

export function checkTag(tag: string): TagCheck {
  const length = tag.length;
  const error =
    length > MAX_TAG_LENGTH
      ? `A tag is at most ${MAX_TAG_LENGTH} characters; this one has ${length}. Shorten it by ${length - MAX_TAG_LENGTH}.`
      : null;
  const personalData = personalDataIn(tag);
  const warning =
    personalData.length === 0
      ? null
      : `This tag looks like it contains ${joinWords(personalData.map((k) => WORDS[k]))}. ` +
        'Bandwidth forbids personal data in tags: use an opaque id instead, such as customer-7f3a9c2e.';
  return { length, error, personalData, warning };
}

/** The tag to send: trimmed, or undefined when empty. */
export function tagToSend(tag: string): string | undefined {
  const trimmed = tag.trim();
  return trimmed === '' ? undefined : trimmed;
}
