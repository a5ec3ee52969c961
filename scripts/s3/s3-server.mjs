// A local S3-compatible server (@20minutes/s3rver) for tests, benchmarks and the local run.
// Usage: node --openssl-legacy-provider scripts/s3/s3-server.mjs --directory DIR [--port 0] [--bucket logs]...
// The flag matters: s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its
// legacy provider; without it every listing of more than 1000 keys fails with InternalError.
// Prints "S3 server listening on http://127.0.0.1:PORT" once it accepts requests; stops on SIGTERM or SIGINT.
// Credentials: access key S3RVER, secret S3RVER (any other access key is refused with InvalidAccessKeyId).
import { getCiphers } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver');

const { values } = parseArgs({
  options: {
    directory: { type: 'string' },
    port: { type: 'string', default: '0' },
    bucket: { type: 'string', multiple: true, default: ['logs'] },
  },
});
if (!getCiphers().includes('des')) {
  console.error('s3-server: warning: started without --openssl-legacy-provider; listings of more than 1000 keys will fail');
}
if (!values.directory) {
  console.error('s3-server: --directory is required');
  process.exit(2);
}

const server = new S3rver({
  port: Number(values.port),
  address: '127.0.0.1',
  directory: values.directory,
  silent: true,
  // The AWS SDK signs requests in ways s3rver does not always recompute identically; keys are still checked.
  allowMismatchedSignatures: true,
  configureBuckets: values.bucket.map((name) => ({ name })),
});

try {
  const { address, port } = await server.run();
  console.log(`S3 server listening on http://${address}:${port}`);
} catch (error) {
  console.error(`s3-server: cannot start: ${error.message}`);
  process.exit(3);
}

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
