'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { Crc64 } = require('./crc64');

/** Size, MD5 (hex) and CRC-64 (decimal) of a local file, read as a stream. */
async function digestFile(path) {
  const md5 = crypto.createHash('md5');
  const crc = new Crc64();
  let size = 0;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    md5.update(chunk);
    crc.update(chunk);
    size += chunk.length;
  }
  return { size, md5: md5.digest('hex'), crc64: crc.digest() };
}

/** The same facts for bytes in memory. */
function digestBytes(bytes) {
  return {
    size: bytes.length,
    md5: crypto.createHash('md5').update(bytes).digest('hex'),
    crc64: new Crc64().update(bytes).digest(),
  };
}

module.exports = { digestFile, digestBytes };
