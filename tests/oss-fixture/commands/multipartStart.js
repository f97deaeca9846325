'use strict';

const fs = require('fs');
const { client } = require('../lib/settings');

// The first run of a resumable upload: ali-oss multipartUpload with its checkpoint object, one part at a time,
// cancelled from the progress callback once `stopAfter` parts are acknowledged. The checkpoint is saved as JSON,
// as an application keeps it across a crash, for multipart-resume to continue from.
module.exports = async function multipartStart(file, key, checkpointPath, partSize, stopAfter) {
  const oss = client();
  const limit = Number(stopAfter);
  let saved = null;
  let outcome;
  try {
    await oss.multipartUpload(key, file, {
      partSize: Number(partSize),
      parallel: 1,
      progress: async (fraction, checkpoint) => {
        if (!checkpoint) {
          return;
        }
        saved = checkpoint;
        fs.writeFileSync(checkpointPath, JSON.stringify(checkpoint));
        if (checkpoint.doneParts.length >= limit) {
          oss.cancel();
        }
      },
    });
    outcome = 'completed';
  } catch (error) {
    if (!error || error.name !== 'cancel') {
      throw error;
    }
    outcome = 'cancelled';
  }

  return {
    outcome,
    uploadId: saved && saved.uploadId,
    partSize: saved && saved.partSize,
    fileSize: saved && saved.fileSize,
    doneParts: saved ? saved.doneParts.map(p => p.number) : [],
  };
};
