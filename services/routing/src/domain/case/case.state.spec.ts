import { command, openCase, openDenunciation, replay, system, unit } from './case.test-fixtures';
import { evolve, foldCase } from './case.state';

describe('case state (what projections and the integrator read)', () => {
  it('is undefined before the case is opened, and ignores events without an opening', () => {
    expect(foldCase([])).toBeUndefined();
    const [, assigned] = replay(openCase());
    expect(assigned && evolve(undefined, assigned)).toBeUndefined();
  });

  it('exposes status, unit, handler, kind, deadlines, acknowledgement, extensions and suspensions', () => {
    const events = replay(
      openCase({ handlerId: 'handler-1' }),
      command('AcknowledgeAssignment', '2026-03-03', { actor: unit(), handlerId: 'handler-2' }),
      command('StartVerification', '2026-03-04', { actor: unit() }),
      command('Suspend', '2026-03-09', { reason: 'Chờ kết quả đo đạc' }),
      command('Resume', '2026-03-19', {}),
      command('ExtendDeadline', '2026-03-20', { actor: unit(), reason: 'Phức tạp', decisionNumber: '5/QĐ' }),
      command('CheckDeadlines', '2026-04-22', { actor: system }),
    );
    const state = foldCase(events);
    expect(state).toMatchObject({
      caseId: 'case-1',
      petitionId: 'petition-1',
      kind: 'complaint',
      complaintRound: 'first',
      complexity: 'complex',
      status: 'verifying',
      unitCode: 'phong-kinh-te',
      handlerId: 'handler-2',
      acknowledged: true,
      extensionsUsed: 1,
      suspensions: [{ from: '2026-03-10', to: '2026-03-19' }],
      openedOn: '2026-03-02',
      deadlines: {
        resolution: {
          kind: 'resolution',
          start: '2026-03-02',
          // 45 days + 10 suspended = 26 Apr (Sun, and Giỗ Tổ) → Tue 28 Apr after the day off on Mon 27.
          dueOn: '2026-04-28',
          duration: { amount: 45, unit: 'calendar_days' },
          stagesEmitted: ['approaching'],
          met: false,
        },
      },
      assignment: { no: 1, acknowledged: true, acknowledgedOn: '2026-03-03', escalated: false },
    });
    expect(state?.suspendedSince).toBeUndefined();
  });

  it('marks a deadline met, and late when met after its last day', () => {
    const events = replay(
      openDenunciation(),
      command('AcknowledgeAssignment', '2026-02-13', { actor: unit() }),
      command('AcceptDenunciation', '2026-03-04', {}),
    );
    expect(foldCase(events)?.deadlines.acceptance_check).toMatchObject({
      dueOn: '2026-03-03',
      met: true,
      metOn: '2026-03-04',
      late: true,
    });
  });
});
