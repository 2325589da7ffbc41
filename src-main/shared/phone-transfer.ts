/**
 * BXML that a Bandwidth Voice application returns to transfer a phone call into a WebRTC session as
 * a participant (SIP interconnection). The token is the participant's; the call id is the Voice
 * call's (`c-…`), written without its `c-` prefix and dashes. Without a call id, the older form.
 * Every interpolated value is XML-escaped: a call id typed into the token dialog (or a token from an
 * API that misbehaves) can never close the attribute or add elements to the document.
 */
export const SIPX_URI = 'sip:sipx.webrtc.bandwidth.com:5060';

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for XML character data and for quoted attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

export function phoneTransferBxml(token: string, callId?: string): string {
  const uui = callId
    ? `${callId.replace(/^c-/, '').replace(/-/g, '')};encoding=base64,${token};encoding=jwt`
    : `${token};encoding=jwt`;
  return `<Response><Transfer><SipUri uui="${xmlEscape(uui)}">${xmlEscape(SIPX_URI)}</SipUri></Transfer></Response>`;
}
