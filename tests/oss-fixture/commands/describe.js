'use strict';

const crypto = require('crypto');
const { client } = require('../lib/settings');
const { Crc64 } = require('../lib/crc64');
const { responseFacts } = require('../lib/outcome');

// What ali-oss sees of an object another client wrote: head (ETag, size, user metadata, CRC-64) and the body
// downloaded, with its MD5 and CRC-64 computed here.
module.exports = async function describe(key) {
  const oss = client();
  const head = await oss.head(key);
  const { stream, res } = await oss.getStream(key);
  const md5 = crypto.createHash('md5');
  const crc = new Crc64();
  let size = 0;
  for await (const chunk of stream) {
    md5.update(chunk);
    crc.update(chunk);
    size += chunk.length;
  }

  return {
    head: Object.assign(responseFacts(head.res), { size: Number(head.res.headers['content-length']), meta: head.meta }),
    get: responseFacts(res),
    body: { size, md5: md5.digest('hex'), crc64: crc.digest() },
  };
};
