/**
 * BXML that a Bandwidth Voice application returns to transfer a phone call into a WebRTC session as
 * a participant (SIP interconnection). The token is the participant's; the call id is the Voice
 * call's (`c-…`), written without its `c-` prefix and dashes. Without a call id, the older form.
 */
export const SIPX_URI = 'sip:sipx.webrtc.bandwidth.com:5060';

export function phoneTransferBxml(token: string, callId?: string): string {
  const uui = callId
    ? `${callId.replace(/^c-/, '').replace(/-/g, '')};encoding=base64,${token};encoding=jwt`
    : `${token};encoding=jwt`;
  return `<Response><Transfer><SipUri uui="${uui}">${SIPX_URI}</SipUri></Transfer></Response>`;
}
