import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { sessionView } from './session-view';

const maya = { user: 'maya', roles: ['marketer'], purposes: [], pii_access: false, offline: false, meshUrl: 'http://demo' };

describe('sessionView', () => {
  it('shows the signed-in user on the mesh the session is about', () => {
    expect(sessionView({ data: maya, error: null, at: 10 }, { online: null, meshUrl: null, at: 0 })).toEqual({
      status: 'online',
      meshUrl: 'http://demo',
      session: maya,
      problem: null,
    });
  });

  it('after switching to an unreachable mesh, shows that mesh offline and nobody signed in (not the old user)', () => {
    // The event about the new mesh arrives first, then the session call for it fails; the query
    // layer still holds maya's answer from before.
    const pushed = { online: false, meshUrl: 'http://unreachable', at: 20 };
    expect(sessionView({ data: maya, error: null, at: 10 }, pushed)).toMatchObject({ status: 'offline', meshUrl: 'http://unreachable', session: null });
    const failed = new AppError('offline', 'The mesh at http://unreachable cannot be reached.');
    expect(sessionView({ data: maya, error: failed, at: 30 }, pushed)).toEqual({
      status: 'offline',
      meshUrl: 'http://unreachable',
      session: null,
      problem: 'The mesh at http://unreachable cannot be reached.',
    });
  });

  it('takes the newer of the session answer and the pushed state for online', () => {
    const offlineSession = { ...maya, offline: true };
    expect(sessionView({ data: offlineSession, error: null, at: 10 }, { online: true, meshUrl: 'http://demo', at: 20 }).status).toBe('online');
    expect(sessionView({ data: offlineSession, error: null, at: 30 }, { online: true, meshUrl: 'http://demo', at: 20 }).status).toBe('offline');
    expect(sessionView({ data: undefined, error: null, at: 0 }, { online: null, meshUrl: null, at: 0 }).status).toBe('connecting');
  });
});
