/**
 * The long-lived services behind the handlers, started once per app (Electron main or
 * browser host) by main/app/start-services.ts.
 */
import type { EngineMethod, EngineParams, EngineResult } from '../engine/engine-protocol';
import type { MeshService } from '../mesh/mesh-service';
import type { SharingProfileStore } from '../mesh/delta-sharing/profile-store';

/**
 * The engine process as the handlers see it: named operations only (engine-protocol.ts), typed
 * by method; errors arrive as AppError (code, message, path).
 */
export interface AppEngine {
  call<M extends EngineMethod>(method: M, params: EngineParams<M>): Promise<EngineResult<M>>;
  /** Interrupts whatever the engine is running (DuckDB interrupt); the process stays up. */
  cancel(): Promise<void>;
}

export interface SessionUser {
  user: string;
  roles: string[];
  purposes: string[];
  pii_access: boolean;
  /** True when the mesh could not be reached and this is the last known identity. */
  offline: boolean;
  meshUrl: string | null;
}

export interface LoadedProductInfo {
  id: string;
  version: string;
  rows: number;
  /** The loaded files may hold raw PII (pulled with PII access); false for a pseudonymised extract. */
  rawPii?: boolean;
}

/** A failure while starting that the app survived but the user should hear about. */
export interface StartupProblem {
  title: string;
  error: unknown;
}

export interface AppServices {
  mesh: MeshService;
  engine: AppEngine;
  /** Who is signed in on the active mesh (remembered for offline use). */
  session(): Promise<SessionUser>;
  /** Loads every cached product's current version into the engine; emits `dataChanged`. */
  refreshData(): Promise<LoadedProductInfo[]>;
  /** The products currently loaded in the engine, with their versions. */
  loadedProducts(): LoadedProductInfo[];
  /** The demo users of the embedded mesh (null when connected to another mesh). */
  demoUsers(): { roles: string[]; current: string } | null;
  /** Signs in to the embedded demo mesh as another demo user (e.g. the approver). */
  switchDemoUser(role: string): Promise<void>;
  /** What went wrong while starting (already logged), for the UI to show once. */
  startupProblems?(): StartupProblem[];
  /** Delta Sharing profiles (main/mesh/delta-sharing/profile-store.ts), tokens sealed. */
  sharingProfiles?: SharingProfileStore;
}
