/**
 * `meshwork lineage --data <workspace dir> --object <kind:id> [--openlineage]`: the lineage the
 * app's Lineage page shows, read from a workspace folder (its activity log, saved specs and
 * extract cache) without changing anything there. Prints the graph as JSON, or with
 * --openlineage the OpenLineage RunEvents (docs/governance.md#lineage).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { savedItemSchema } from '../../shared/ipc/workspace-contract';
import { lineageFor } from '../../shared/lineage/build-lineage';
import { LINEAGE_OBJECT_KINDS, parseObjectRef } from '../../shared/lineage/lineage-graph';
import { notFoundMessage } from '../../shared/lineage/lineage-objects';
import { toOpenLineage } from '../../shared/lineage/openlineage';
import { loadLineageSources } from '../lineage/lineage-sources';
import { parseLog } from '../mesh/activity-log';
import { ExtractCache } from '../mesh/extract-cache';
import type { CliCommand } from './cli-io';
import { printError } from './cli-io';

export const LINEAGE_USAGE = `Usage: meshwork lineage --data <workspace dir> --object <kind:id> [--openlineage]

Where an object came from and what it fed, from the workspace's activity log, saved specs and
pulled versions (read only; the app's Lineage page shows the same). Kinds: ${LINEAGE_OBJECT_KINDS.join(', ')}.
Examples: --object analysis:12 (activity log line 12), --object product_version:touchpoints@2026-06-30,
--object audience_version:<audience id>@2, --object activation:<activation id>, --object saved_spec:<id>.

Prints {"graph":{focus,nodes,edges,layers}} on stdout, or with --openlineage the OpenLineage
2-0-2 RunEvents as a JSON array. --mesh <url> names the namespace of datasets whose mesh was not
recorded (audiences); default meshwork://unknown-mesh.

Exit codes: 0 done, 2 bad arguments, 3 no such workspace or object. Errors are {"error":{...}} on stderr.
`;

const workspaceFileSchema = z.object({ saved: z.array(savedItemSchema).default([]) });

export const lineageCommand: CliCommand = async (args, io) => {
  let values: { data?: string; object?: string; openlineage?: boolean; mesh?: string; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: { data: { type: 'string' }, object: { type: 'string' }, openlineage: { type: 'boolean' }, mesh: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    printError(io, { code: 'bad_arguments', message: `${(error as Error).message}\n${LINEAGE_USAGE}` });
    return 2;
  }
  if (values.help) {
    io.stdout(LINEAGE_USAGE);
    return 0;
  }
  if (!values.data) {
    printError(io, {
      code: 'bad_arguments',
      message: "--data is required: the workspace folder (the app's data folder, or npm run web -- --data <dir>).",
      path: 'data',
    });
    return 2;
  }
  const object = values.object ? parseObjectRef(values.object) : null;
  if (!object) {
    printError(io, {
      code: 'bad_arguments',
      message: `--object must be <kind:id> with kind one of ${LINEAGE_OBJECT_KINDS.join(', ')}, e.g. analysis:12.`,
      path: 'object',
    });
    return 2;
  }
  const dataDir = values.data;
  const isDir = await stat(dataDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    printError(io, { code: 'input_not_found', message: `There is no workspace folder at ${dataDir}.`, path: 'data' });
    return 3;
  }
  // Absent files are an empty history, not an error: a new workspace has no log yet.
  const logText = await readFile(join(dataDir, 'activity.jsonl'), 'utf8').catch(() => '');
  const workspaceText = await readFile(join(dataDir, 'workspace.json'), 'utf8').catch(() => '{}');
  let saved;
  try {
    saved = workspaceFileSchema.parse(JSON.parse(workspaceText)).saved;
  } catch {
    printError(io, { code: 'unreadable_data', message: `The saved specs in ${join(dataDir, 'workspace.json')} cannot be read.`, path: 'data' });
    return 3;
  }
  const entries = parseLog(logText).lines.flatMap((l) => (l.entry ? [l.entry] : []));
  const sources = await loadLineageSources({ dataDir, cache: new ExtractCache(join(dataDir, 'extracts')), entries, saved });
  const graph = lineageFor(sources, object);
  if (!graph) {
    printError(io, { code: 'not_found', message: notFoundMessage(object), path: 'object' });
    return 3;
  }
  const out = values.openlineage
    ? toOpenLineage(graph, { appVersion: process.env.npm_package_version ?? '0.0.0', meshUrl: values.mesh ?? 'meshwork://unknown-mesh' })
    : { graph };
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
};
