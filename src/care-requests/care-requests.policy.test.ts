import { describe, expect, it } from 'vitest';
import { answerDecision, closeDecision, createDecision, MAX_REQUESTS_PER_DAY } from './care-requests.policy.js';

const requester = { id: '1', suspended: false };
const clinic = { id: '2', kind: 'organization' as const, suspended: false, acceptsOnlineRequests: true };
const clear = { blocked: false, openRequest: false, sentLastDay: 0 };

describe('who may send a care request', () => {
  it('a professional or organisation that accepts online requests may receive one', () => {
    expect(createDecision(requester, clinic, clear)).toBe('allowed');
    expect(createDecision(requester, { ...clinic, kind: 'professional' }, clear)).toBe('allowed');
  });

  it('patients, and practices that do not accept online requests, receive none', () => {
    expect(createDecision(requester, { ...clinic, kind: 'patient' }, clear)).toBe('not_accepting');
    expect(createDecision(requester, { ...clinic, acceptsOnlineRequests: false }, clear)).toBe('not_accepting');
    expect(createDecision(requester, undefined, clear)).toBe('not_accepting');
  });

  it('nobody sends one to themselves', () => {
    expect(createDecision({ id: '2', suspended: false }, clinic, clear)).toBe('self');
  });

  it('a block either way and a suspended target give the same answer', () => {
    expect(createDecision(requester, clinic, { ...clear, blocked: true })).toBe('unavailable');
    expect(createDecision(requester, { ...clinic, suspended: true }, clear)).toBe('unavailable');
    // Even a practice that does not accept requests says "unavailable" when there is a block: nothing else is learnt.
    expect(createDecision(requester, { ...clinic, acceptsOnlineRequests: false }, { ...clear, blocked: true })).toBe('unavailable');
  });

  it('a suspended requester sends nothing', () => {
    expect(createDecision({ ...requester, suspended: true }, clinic, clear)).toBe('suspended');
  });

  it('one open request per pair, and at most 10 a day', () => {
    expect(createDecision(requester, clinic, { ...clear, openRequest: true })).toBe('open_exists');
    expect(createDecision(requester, clinic, { ...clear, sentLastDay: MAX_REQUESTS_PER_DAY - 1 })).toBe('allowed');
    expect(createDecision(requester, clinic, { ...clear, sentLastDay: MAX_REQUESTS_PER_DAY })).toBe('daily_limit');
  });
});

describe('who answers and closes', () => {
  const request = { requester_id: '1', target_id: '2', state: 'new' as const };
  it('only the target answers; anyone else is not a party', () => {
    expect(answerDecision('2', request)).toBe('allowed');
    expect(answerDecision('1', request)).toBe('not_target');
    expect(answerDecision('3', request)).toBe('not_party');
    expect(answerDecision('2', { ...request, state: 'closed' })).toBe('closed');
  });
  it('either party closes an open request', () => {
    expect(closeDecision('1', request)).toBe('allowed');
    expect(closeDecision('2', { ...request, state: 'answered' })).toBe('allowed');
    expect(closeDecision('3', request)).toBe('not_party');
    expect(closeDecision('1', { ...request, state: 'closed' })).toBe('closed');
  });
});
