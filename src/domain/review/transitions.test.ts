import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  availableMoves,
  checkMove,
  DISCLOSURE_STATES,
  routeEventFor,
  TRANSITIONS,
  transition,
  WORKFLOW_EVENTS,
} from './transitions.js';

describe('disclosure workflow transitions', () => {
  it('routes a submission by verdict outcome', () => {
    expect(transition('submitted', routeEventFor('notify'))).toEqual({
      ok: true,
      from: 'submitted',
      to: 'acknowledged',
    });
    expect(transition('submitted', routeEventFor('escalate'))).toMatchObject({ ok: true, to: 'in_review' });
    expect(transition('submitted', routeEventFor('approval'))).toMatchObject({ ok: true, to: 'in_review' });
    expect(transition('submitted', routeEventFor('prohibited'))).toMatchObject({ ok: true, to: 'blocked' });
  });

  it('refuses approving a blocked disclosure and names the allowed moves', () => {
    expect(transition('blocked', 'approve')).toEqual({
      ok: false,
      state: 'blocked',
      allowed: ['revise', 'withdraw'],
    });
  });

  it('lets the partner withdraw from every state except withdrawn, which is final', () => {
    for (const state of DISCLOSURE_STATES) {
      const result = transition(state, 'withdraw');
      if (state === 'withdrawn') expect(result.ok).toBe(false);
      else expect(result).toMatchObject({ ok: true, to: 'withdrawn' });
    }
    expect(allowedEvents('withdrawn')).toEqual([]);
  });

  it('keeps an approval through a non-material amendment and reopens it on revision', () => {
    expect(transition('approved_with_conditions', 'amend')).toMatchObject({
      ok: true,
      to: 'approved_with_conditions',
    });
    expect(transition('approved', 'revise')).toMatchObject({ ok: true, to: 'submitted' });
  });

  it('agrees with the table for every (state, event) pair', () => {
    for (const state of DISCLOSURE_STATES) {
      for (const event of WORKFLOW_EVENTS) {
        const expected = TRANSITIONS[state]?.[event];
        const result = transition(state, event);
        expect(result.ok).toBe(expected !== undefined);
        if (result.ok) expect(result.to).toBe(expected);
        else expect(result.allowed).not.toContain(event);
      }
    }
  });

  it('lets the contact acknowledge an escalation but not an approval-level verdict', () => {
    expect(checkMove('in_review', 'acknowledge', 'escalate')).toMatchObject({ ok: true, to: 'acknowledged' });
    const refused = checkMove('in_review', 'acknowledge', 'approval');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.allowed).toEqual([
        'approve',
        'approve_with_conditions',
        'reject',
        'request_info',
        'revise',
        'withdraw',
      ]);
  });

  it('never offers the evaluator routing events to people', () => {
    for (const state of DISCLOSURE_STATES) {
      expect(availableMoves(state, 'escalate').some((e) => e.startsWith('route_'))).toBe(false);
    }
  });
});
