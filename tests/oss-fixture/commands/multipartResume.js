'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { client } = require('../lib/settings');
const { Crc64 } = require('../lib/crc64');
const { digestFile } = require('../lib/files');
const { outcome, responseFacts } = require('../lib/outcome');

// The second run: multipartUpload given the saved checkpoint, four parts in flight. Reports which parts this run
// sent (from the progress callback), the Complete answer, and the object as read back: its size, MD5 and CRC-64
// computed here from the downloaded bytes, next to the CRC-64 the server announced.
module.exports = async function multipartResume(checkpointPath) {
  const oss = client();
  const checkpoint = JSON.parse(fs.readFileSync(checkpointPath, 'utf8'));
  const before = new Set(checkpoint.doneParts.map(p => p.number));
  const sent = [];

  const result = await oss.multipartUpload(checkpoint.name, checkpoint.file, {
    checkpoint,
    parallel: 4,
    progress: async (fraction, current) => {
      if (!current) {
        return;
      }
      for (const part of current.doneParts) {
        if (!before.has(part.number) && !sent.includes(part.number)) {
          sent.push(part.number);
        }
      }
    },
  });

  const complete = Object.assign(responseFacts(result.res), { etag: result.etag });
  const head = await outcome(
    () => oss.head(checkpoint.name),
    r => Object.assign(responseFacts(r.res), { size: Number(r.res.headers['content-length']) })
  );
  const downloaded = await outcome(async () => {
    const { stream, res } = await oss.getStream(checkpoint.name);
    const md5 = crypto.createHash('md5');
    const crc = new Crc64();
    let size = 0;
    for await (const chunk of stream) {
      md5.update(chunk);
      crc.update(chunk);
      size += chunk.length;
    }
    return { res, body: { size, md5: md5.digest('hex'), crc64: crc.digest() } };
  }, r => Object.assign(responseFacts(r.res), { body: r.body }));

  return {
    local: await digestFile(checkpoint.file),
    partCount: Math.ceil(checkpoint.fileSize / checkpoint.partSize),
    doneBefore: [...before].sort((a, b) => a - b),
    sent: sent.sort((a, b) => a - b),
    complete,
    head,
    downloaded,
  };
};
