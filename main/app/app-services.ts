/**
 * The long-lived services behind the handlers. Filled in as the mesh client and the
 * engine land: `mesh` (main/mesh/mesh-service.ts) and `engine` (the engine process client).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppServices {}
