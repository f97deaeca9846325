'use strict';

const fs = require('fs');
const { client } = require('../lib/settings');
const { digestBytes } = require('../lib/files');
const { outcome } = require('../lib/outcome');

// An upload started by hand (initMultipartUpload, one uploadPart), seen in listUploads and listParts, then
// abortMultipartUpload: afterwards the upload is gone from both.
module.exports = async function multipartAbort(file, key) {
  const oss = client();
  const partSize = 128 * 1024;
  const init = await oss.initMultipartUpload(key);
  const { uploadId } = init;
  const part = await outcome(() => oss.uploadPart(key, uploadId, 1, file, 0, partSize), r => ({
    status: r.res.status,
    etag: r.etag,
    crc64: r.res.headers['x-oss-hash-crc64ecma'],
  }));

  const listUploads = async () => outcome(
    () => oss.listUploads({ prefix: key }),
    r => ({ status: r.res.status, uploads: (r.uploads || []).map(u => ({ name: u.name, uploadId: u.uploadId })) })
  );
  const listParts = async () => outcome(
    () => oss.listParts(key, uploadId),
    // A single <Part> comes back from ali-oss's XML parser as an object, several as an array.
    r => ({ status: r.res.status, parts: [].concat(r.parts || []).map(p => ({
      number: Number(p.PartNumber), etag: p.ETag, size: Number(p.Size), crc64: p.HashCrc64ecma,
    })) })
  );

  const uploadsBefore = await listUploads();
  const partsBefore = await listParts();
  const abort = await outcome(() => oss.abortMultipartUpload(key, uploadId), r => ({ status: r.res.status }));
  const uploadsAfter = await listUploads();
  const partsAfter = await listParts();

  const partLocal = digestBytes(fs.readFileSync(file).subarray(0, partSize));

  return { uploadId, partLocal, initStatus: init.res.status, part, uploadsBefore, partsBefore, abort, uploadsAfter, partsAfter };
};
