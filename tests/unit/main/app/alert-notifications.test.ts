import { describe, expect, it } from 'vitest';
import { notifyAlerts, type AlertNotice } from '../../../../src-main/app/alert-notifications';
import { TypedEmitter, type ConsoleEvents } from '../../../../src-main/services/emitter';
import type { AlertView } from '../../../../src-main/shared/dto/alerts';

function alert(severity: AlertView['severity']): AlertView {
  return {
    id: `r:s:${severity}`,
    profileId: 'local',
    sessionId: 's',
    sessionLabel: 'Billing call',
    ruleId: 'r',
    severity,
    kind: 'state',
    participantId: 'p',
    message: `${severity} thing`,
    raisedAt: '2026-01-01T10:00:00.000Z',
  };
}

describe('notifyAlerts', () => {
  it('notifies only critical alerts, only when raised', () => {
    const events = new TypedEmitter<ConsoleEvents>();
    const notices: AlertNotice[] = [];
    const off = notifyAlerts(events, (n) => notices.push(n));
    const all = [alert('critical'), alert('warning'), alert('notice')];
    events.emit('alerts:changed', { alerts: all, activity: [], raised: all });
    events.emit('alerts:changed', { alerts: all, activity: [], raised: [] });
    expect(notices).toEqual([{ title: 'Billing call', body: 'critical thing', sessionId: 's' }]);
    off();
    events.emit('alerts:changed', { alerts: all, activity: [], raised: all });
    expect(notices).toHaveLength(1);
  });
});
