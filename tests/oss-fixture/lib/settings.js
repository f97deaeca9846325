'use strict';

const http = require('http');
const OSS = require('ali-oss');

// How the tests tell a script where Cairn is and how to sign: environment variables, so that secrets never
// show in a command line.
//   CAIRN_OSS_ENDPOINT    http://127.0.0.1:PORT (an IP endpoint: ali-oss sends Host: <bucket>.oss-<region>.aliyuncs.com)
//                         or http://localhost:PORT with CAIRN_OSS_PATH_STYLE=1 (sldEnable: /<bucket>/<object>)
//   CAIRN_OSS_ACCESS_KEY_ID, CAIRN_OSS_ACCESS_KEY_SECRET, CAIRN_OSS_STS_TOKEN (optional)
//   CAIRN_OSS_BUCKET, CAIRN_OSS_V4=1 (authorizationV4), CAIRN_OSS_PATH_STYLE=1 (sldEnable)

const REGION = 'oss-cn-hangzhou';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function flag(name) {
  return process.env[name] === '1';
}

/** The ali-oss options for the test server, with any field replaced by `overrides`. */
function clientOptions(overrides = {}) {
  const options = {
    endpoint: required('CAIRN_OSS_ENDPOINT'),
    accessKeyId: required('CAIRN_OSS_ACCESS_KEY_ID'),
    accessKeySecret: required('CAIRN_OSS_ACCESS_KEY_SECRET'),
    bucket: required('CAIRN_OSS_BUCKET'),
    region: REGION,
    secure: false,
    timeout: 120000,
    // One fresh connection pool per client, so that a script's requests never wait on another's sockets.
    agent: new http.Agent({ keepAlive: true }),
  };
  if (process.env.CAIRN_OSS_STS_TOKEN) {
    options.stsToken = process.env.CAIRN_OSS_STS_TOKEN;
    // A token the test obtained for this run: nothing to refresh. Naming an interval keeps ali-oss from
    // warning that no refresh is configured.
    options.refreshSTSTokenInterval = 3600 * 1000;
  }
  if (flag('CAIRN_OSS_V4')) {
    options.authorizationV4 = true;
  }
  if (flag('CAIRN_OSS_PATH_STYLE')) {
    options.sldEnable = true;
  }
  return Object.assign(options, overrides);
}

function client(overrides) {
  return new OSS(clientOptions(overrides));
}

module.exports = { client, clientOptions, REGION };
