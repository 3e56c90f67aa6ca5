import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningProcess {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a Node entry point with tsx and waits for its first stdout line matching `ready`. */
export async function startTsxProcess(
  entry: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<RunningProcess & { firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within 120 s. stderr:\n${stderr}`)), 120_000);
    lines.on('line', (line) => {
      if (ready.test(line)) {
        clearTimeout(timer);
        resolveLine(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready. stderr:\n${stderr}`));
    });
  });
  // The browser host prints its link with this run's token (`/?token=...`); keep it whole.
  const url = /(http:\/\/127\.0\.0\.1:\d+(?:\/\?token=[\w-]+)?)/.exec(firstLine)?.[1] ?? '';
  return { url, firstLine, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The browser host on a free port; the embedded demo mesh is kept small (2,000 customers) for
 * speed. Its `url` is the tokenised link the host printed: opening it sets the auth cookie.
 */
export function startWebHostProcess(dataDir: string, env: Record<string, string> = {}) {
  return startTsxProcess('main/host/web-host.ts', ['--port', '0', '--data', dataDir], /running at http/, { MESHWORK_DEMO_CUSTOMERS: '2000', ...env });
}
