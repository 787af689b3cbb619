import { describe, expect, it } from 'vitest';
import { ACTIONS, isAllowed, PERMISSIONS } from './permissions.js';
import { ROLES } from './roles.js';

describe('permission table', () => {
  it('denies whatever the table does not list', () => {
    expect(isAllowed('partner_member', 'disclosure.approve')).toBe(false);
    expect(isAllowed('auditor', 'disclosure.submit')).toBe(false);
    expect(isAllowed('studio_contact', 'disclosure.approve')).toBe(false);
    expect(isAllowed('partner_member', 'not.an.action' as never)).toBe(false);
  });

  it('answers exactly the table for every role and action', () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        expect(isAllowed(role, action)).toBe((PERMISSIONS[action] as readonly string[]).includes(role));
      }
    }
  });

  it('lets only legal issue written approvals', () => {
    expect(ROLES.filter((r) => isAllowed(r, 'disclosure.approve'))).toEqual(['studio_legal']);
  });
});
