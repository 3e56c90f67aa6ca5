/**
 * Settings' server state through the query layer. Adding, removing or switching a mesh (or a demo
 * user) changes who you are: the session, the mesh list and the demo users are asked again (what
 * reads data follows main's dataChanged event once the engine reloaded for the new identity).
 */
import { apiKey, useApiMutation, useApiQuery, type QueryKey } from '../../api/queries';
import { SESSION_KEY } from '../../app/session-view';

const IDENTITY_KEYS: readonly QueryKey[] = [apiKey('connections', 'list'), apiKey('connections', 'demoUsers'), SESSION_KEY];
const SHARING_KEYS: readonly QueryKey[] = [apiKey('sharing', 'listProfiles')];

export const useConnections = () => useApiQuery('connections', 'list', {});
export const useAddConnection = () => useApiMutation('connections', 'add', IDENTITY_KEYS);
export const useRemoveConnection = () => useApiMutation('connections', 'remove', IDENTITY_KEYS);
export const useSetActiveConnection = () => useApiMutation('connections', 'setActive', IDENTITY_KEYS);

export const useDemoUsers = () => useApiQuery('connections', 'demoUsers', {});
export const useSwitchDemoUser = () => useApiMutation('connections', 'switchDemoUser', IDENTITY_KEYS);

export const useSharingProfiles = () => useApiQuery('sharing', 'listProfiles', {});
export const useAddSharingProfile = () => useApiMutation('sharing', 'addProfile', SHARING_KEYS);
export const useRemoveSharingProfile = () => useApiMutation('sharing', 'removeProfile', SHARING_KEYS);

export const useAppInfo = () => useApiQuery('app', 'info', {}, { staleTime: Infinity });
