/**
 * An audience version's page is `#/audiences/<id>@<version>`: the route param says which version,
 * so a link to it can be shared and the page survives a reload.
 */
export interface VersionRef {
  id: string;
  version: number;
}

export function versionParam(ref: VersionRef): string {
  return `${ref.id}@${ref.version}`;
}

/** The version a route param names, or null when it names none (a malformed or hand-typed link). */
export function parseVersionParam(param: string | null): VersionRef | null {
  if (!param) return null;
  const match = /^([A-Za-z0-9_.-]{1,100})@([1-9]\d{0,8})$/.exec(param);
  if (!match) return null;
  return { id: match[1]!, version: Number(match[2]) };
}
