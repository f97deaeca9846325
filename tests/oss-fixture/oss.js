'use strict';

// Entry point the integration tests run: `node oss.js <command> [arguments...]`, with the server and keys in the
// environment (lib/settings.js). Each command drives ali-oss against Cairn and prints one JSON document on its
// last output line; refused calls are reported in it as outcomes, and only an unexpected failure exits non-zero.

const COMMANDS = {
  objects: './commands/objects',
  'signed-urls': './commands/signedUrls',
  'multipart-start': './commands/multipartStart',
  'multipart-resume': './commands/multipartResume',
  'multipart-abort': './commands/multipartAbort',
  callbacks: './commands/callbacks',
  'bad-requests': './commands/badRequests',
  put: './commands/put',
  describe: './commands/describe',
  lifecycle: './commands/lifecycle',
  tagging: './commands/tagging',
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const modulePath = COMMANDS[name];
  if (!modulePath) {
    throw new Error(`unknown command '${name}'; one of: ${Object.keys(COMMANDS).join(', ')}`);
  }
  const result = await require(modulePath)(...args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error && error.stack ? error.stack : JSON.stringify(error)}\n`);
  process.exitCode = 1;
});
