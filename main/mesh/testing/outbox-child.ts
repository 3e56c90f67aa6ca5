/**
 * Test helper run as a real child process: queues one activation through the outbox of the
 * workspace in argv[2] (the mesh is made to fail, so it stays queued), says "queued", and then
 * hangs until the test kills it with SIGKILL.
 */
import { join } from 'node:path';
import { describeParquetInProcess } from '../describe-parquet';
import { MeshService } from '../mesh-service';
import { FileKeySecretBox } from '../secret-box';

const [dataDir, audienceId, version] = process.argv.slice(2);
if (!dataDir || !audienceId || !version) {
  process.stderr.write('usage: outbox-child <dataDir> <audienceId> <version>\n');
  process.exit(2);
}
const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
const item = await svc.activate(audienceId, Number(version));
process.stdout.write(`${item.state}\n`);
setInterval(() => undefined, 60_000);
