import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../logging/logger';
import { runCli, usage } from './meshwork';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

afterEach(() => configureLogging({ kind: 'silent' }));

describe('meshwork', () => {
  it('prints its usage, naming every command and --verbose', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(usage());
    for (const word of ['analyze', 'pull', 'activate', '--verbose']) expect(stdout).toContain(word);
    expect(stderr).toBe('');
  });

  it('keeps stderr to the one JSON error without --verbose', async () => {
    const { code, stdout, stderr } = await run(['analyze', '--data', '/nonexistent']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: expect.any(String) } });
  });

  it('adds JSON log lines on stderr with --verbose, wherever it stands, and hides it from the command', async () => {
    const { code, stdout, stderr } = await run(['analyze', '--verbose', '--data', '/nonexistent']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ module: 'cli', msg: 'running command', command: 'analyze' }));
    expect(lines).toContainEqual(expect.objectContaining({ module: 'cli', msg: 'command finished', command: 'analyze', exitCode: 2 }));
    // The command saw no --verbose: its complaint is the missing --spec, not an unknown option.
    const error = lines.find((l) => 'error' in l) as { error: { message: string } } | undefined;
    expect(error?.error.message).toContain('--spec');
  });
});
