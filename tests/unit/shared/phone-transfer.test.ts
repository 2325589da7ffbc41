/** Issue 12, item 7: the phone-transfer BXML escapes every value it interpolates. */
import { describe, expect, it } from 'vitest';
import { phoneTransferBxml, SIPX_URI, xmlEscape } from '../../../src-main/shared/phone-transfer';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJ2IjoidjMifQ.c2ln';

const unescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The elements of the document, and the SipUri's uui attribute and text, unescaped. */
function parse(bxml: string): { elements: string[]; uui: string | null; uri: string } {
  const elements = [...bxml.matchAll(/<([A-Za-z]+)[\s>/]/g)].map((m) => m[1] ?? '');
  const sip = /<SipUri uui="([^"<>]*)">([^<>]*)<\/SipUri>/.exec(bxml);
  return {
    elements,
    uui: sip?.[1] === undefined ? null : unescape(sip[1]),
    uri: unescape(sip?.[2] ?? ''),
  };
}

describe('phoneTransferBxml', () => {
  it('builds the documented transfer, with and without a call id', () => {
    expect(phoneTransferBxml(TOKEN, 'c-86d3-47b1-a5c6')).toBe(
      `<Response><Transfer><SipUri uui="86d347b1a5c6;encoding=base64,${TOKEN};encoding=jwt">${SIPX_URI}</SipUri></Transfer></Response>`,
    );
    expect(phoneTransferBxml(TOKEN)).toBe(
      `<Response><Transfer><SipUri uui="${TOKEN};encoding=jwt">${SIPX_URI}</SipUri></Transfer></Response>`,
    );
  });

  it('cannot be broken out of by a call id or a token', () => {
    const hostileCall = `x" ><Hangup/><SpeakSentence>owned</SpeakSentence><SipUri uui="`;
    const hostileToken = `${TOKEN}</SipUri><Redirect redirectUrl='https://evil.example/'/>&amp;`;
    for (const bxml of [
      phoneTransferBxml(TOKEN, hostileCall),
      phoneTransferBxml(hostileToken, 'c-1'),
      phoneTransferBxml(hostileToken),
    ]) {
      const read = parse(bxml);
      expect(read.elements).toEqual(['Response', 'Transfer', 'SipUri']);
      expect(read.uri).toBe(SIPX_URI);
      expect(bxml).not.toMatch(/<Hangup|<Redirect|<SpeakSentence/);
    }
    // The values survive the escaping exactly.
    expect(parse(phoneTransferBxml(TOKEN, hostileCall)).uui).toBe(
      `${hostileCall};encoding=base64,${TOKEN};encoding=jwt`,
    );
    expect(parse(phoneTransferBxml(hostileToken)).uui).toBe(`${hostileToken};encoding=jwt`);
  });

  it('escapes the five XML specials', () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });
});
