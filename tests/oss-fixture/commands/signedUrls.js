'use strict';

const fs = require('fs');
const { client } = require('../lib/settings');
const { digestBytes } = require('../lib/files');
const { outcome, responseFacts } = require('../lib/outcome');
const { send, errorCode } = require('../lib/plainHttp');

// Signed URLs made by ali-oss and used by plain HTTP, as a browser or curl would: V1 (signatureUrl) and V4
// (signatureUrlV4) for PUT and GET, and V1 URLs that expired a minute ago. ali-oss refuses to sign for an IP
// endpoint, so the test runs this with a host name endpoint and path-style addressing.
module.exports = async function signedUrls(file, prefix) {
  const oss = client();
  const bytes = fs.readFileSync(file);
  const contentType = 'application/octet-stream';
  const v1Key = `${prefix}v1.bin`;
  const v4Key = `${prefix}v4.bin`;
  const expiredKey = `${prefix}expired.bin`;

  const use = async (url, method, body) => {
    const answer = await send(url, { method, body, headers: body ? { 'Content-Type': contentType } : {} });
    return {
      url,
      status: answer.status,
      etag: answer.headers.etag,
      crc64: answer.headers['x-oss-hash-crc64ecma'],
      code: answer.status >= 300 ? errorCode(answer.text) : null,
      body: answer.status === 200 && method === 'GET' ? digestBytes(answer.bytes) : null,
    };
  };

  const v1Put = await use(oss.signatureUrl(v1Key, { method: 'PUT', 'Content-Type': contentType, expires: 300 }), 'PUT', bytes);
  const v1Get = await use(oss.signatureUrl(v1Key, { expires: 300 }), 'GET');

  const v4PutUrl = await oss.signatureUrlV4('PUT', 300, { headers: { 'Content-Type': contentType } }, v4Key);
  const v4Put = await use(v4PutUrl, 'PUT', bytes);
  const v4Get = await use(await oss.signatureUrlV4('GET', 300, undefined, v4Key), 'GET');

  const expiredPut = await use(
    oss.signatureUrl(expiredKey, { method: 'PUT', 'Content-Type': contentType, expires: -60 }), 'PUT', bytes);
  const expiredGet = await use(oss.signatureUrl(v1Key, { expires: -60 }), 'GET');
  const afterExpiredPut = await outcome(() => oss.head(expiredKey), r => responseFacts(r.res));

  return { local: digestBytes(bytes), v1Put, v1Get, v4Put, v4Get, expiredPut, expiredGet, afterExpiredPut };
};
