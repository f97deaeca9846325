'use strict';

const { client } = require('../lib/settings');
const { digestFile } = require('../lib/files');
const { responseFacts } = require('../lib/outcome');

// One put of a file with user metadata given as JSON ({"name": "value"}), for a test that reads it back
// through another client.
module.exports = async function put(key, file, metaJson) {
  const oss = client();
  const result = await oss.put(key, file, { meta: JSON.parse(metaJson || '{}'), mime: 'application/octet-stream' });
  return Object.assign({ local: await digestFile(file) }, responseFacts(result.res));
};
