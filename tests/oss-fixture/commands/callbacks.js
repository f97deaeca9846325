'use strict';

const { client } = require('../lib/settings');
const { digestFile } = require('../lib/files');
const { outcome, responseFacts } = require('../lib/outcome');

// Upload callbacks through ali-oss's `callback` option: a put, and a multipartUpload whose Complete carries the
// callback; the app server's JSON answer reaches the client as result.data. Then a put whose callback URL nothing
// answers: the client gets the callback failure, and the object is stored all the same.
module.exports = async function callbacks(file, prefix, callbackUrl, unreachableUrl) {
  const oss = client();
  const callback = (url, name) => ({
    url,
    body: 'bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&upload=${x:upload}',
    contentType: 'application/x-www-form-urlencoded',
    customValue: { upload: name },
  });

  const put = await outcome(
    () => oss.put(`${prefix}put.txt`, Buffer.from('called back once stored\n'), {
      mime: 'text/plain',
      callback: callback(callbackUrl, 'put'),
    }),
    r => Object.assign(responseFacts(r.res), { data: r.data })
  );

  const multipart = await outcome(
    () => oss.multipartUpload(`${prefix}multipart.bin`, file, {
      partSize: 100 * 1024,
      callback: callback(callbackUrl, 'multipart'),
    }),
    r => Object.assign(responseFacts(r.res), { etag: r.etag, data: r.data })
  );

  const unreachableKey = `${prefix}unreachable.txt`;
  const unreachable = await outcome(
    () => oss.put(unreachableKey, Buffer.from('stored without a callback\n'), { callback: callback(unreachableUrl, 'unreachable') }),
    r => Object.assign(responseFacts(r.res), { data: r.data })
  );
  const unreachableStored = await outcome(() => oss.head(unreachableKey), r => responseFacts(r.res));

  return { local: await digestFile(file), put, multipart, unreachable, unreachableStored };
};
