'use strict';

// What a call ended with, as data the test asserts on: a call the server refuses is an expected outcome,
// not a script failure.

/** The OSS error fields ali-oss parsed from the answer (its status, Code, EC and request id). */
function describeError(error) {
  return {
    ok: false,
    status: error.status,
    code: error.code || error.name,
    message: error.message,
    ec: error.ecCode,
    requestId: error.requestId,
  };
}

/** Runs `call`; its result through `describe`, or the error's description. */
async function outcome(call, describe = () => ({})) {
  try {
    const result = await call();
    return Object.assign({ ok: true }, describe(result));
  } catch (error) {
    if (error && error.status === undefined && !error.code) {
      throw error;
    }
    return describeError(error);
  }
}

/** The response facts every OSS answer carries. */
function responseFacts(res) {
  const headers = (res && res.headers) || {};
  return {
    status: res && res.status,
    etag: headers.etag,
    crc64: headers['x-oss-hash-crc64ecma'],
    requestId: headers['x-oss-request-id'],
  };
}

module.exports = { outcome, describeError, responseFacts };
