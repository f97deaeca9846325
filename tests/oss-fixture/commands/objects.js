'use strict';

const { client } = require('../lib/settings');
const { digestBytes, digestFile } = require('../lib/files');
const { outcome, responseFacts } = require('../lib/outcome');

// An object's whole life through ali-oss: put (with user metadata), head, get, copy, list and listV2, object ACL
// set and read back, delete. Every step reports what the server answered; CRC-64 values from the headers sit
// next to the CRC-64 of the bytes, computed here.
module.exports = async function objects(file, prefix) {
  const oss = client();
  const key = `${prefix}photo.bin`;
  const copyKey = `${prefix}copy/photo.bin`;
  const local = await digestFile(file);

  const put = await outcome(
    () => oss.put(key, file, { meta: { color: 'blue', owner: 'qa' }, mime: 'application/octet-stream' }),
    r => responseFacts(r.res)
  );

  const head = await outcome(
    () => oss.head(key),
    r => Object.assign(responseFacts(r.res), {
      size: Number(r.res.headers['content-length']),
      contentType: r.res.headers['content-type'],
      meta: r.meta,
    })
  );

  const get = await outcome(
    () => oss.get(key),
    r => Object.assign(responseFacts(r.res), { body: digestBytes(r.content) })
  );

  const copy = await outcome(
    () => oss.copy(copyKey, key),
    r => Object.assign(responseFacts(r.res), { dataEtag: r.data && r.data.etag })
  );
  const copyHead = await outcome(
    () => oss.head(copyKey),
    r => Object.assign(responseFacts(r.res), { size: Number(r.res.headers['content-length']), meta: r.meta })
  );

  const list = await outcome(
    () => oss.list({ prefix, 'max-keys': 100 }),
    r => ({
      status: r.res.status,
      objects: (r.objects || []).map(o => ({ name: o.name, etag: o.etag, size: o.size })),
      isTruncated: r.isTruncated,
    })
  );
  const listByFolder = await outcome(
    () => oss.list({ prefix, delimiter: '/' }),
    r => ({ objects: (r.objects || []).map(o => o.name), prefixes: r.prefixes || [] })
  );

  // ListObjectsV2 one key per page, following the continuation token.
  const pages = [];
  let token;
  do {
    const page = await outcome(
      () => oss.listV2({ prefix, 'max-keys': 1, 'continuation-token': token }),
      r => ({
        status: r.res.status,
        names: (r.objects || []).map(o => o.name),
        keyCount: Number(r.keyCount),
        isTruncated: r.isTruncated,
        next: r.nextContinuationToken,
      })
    );
    pages.push(page);
    token = page.ok && page.isTruncated ? page.next : undefined;
  } while (token && pages.length < 10);

  const aclPublic = await outcome(() => oss.putACL(key, 'public-read'), r => ({ status: r.res.status }));
  const aclAfterPublic = await outcome(() => oss.getACL(key), r => ({ status: r.res.status, acl: r.acl, owner: r.owner }));
  const aclPrivate = await outcome(() => oss.putACL(key, 'private'), r => ({ status: r.res.status }));
  const aclAfterPrivate = await outcome(() => oss.getACL(key), r => ({ status: r.res.status, acl: r.acl }));

  const deleteCopy = await outcome(() => oss.delete(copyKey), r => ({ status: r.res.status }));
  const deleted = await outcome(() => oss.delete(key), r => ({ status: r.res.status }));
  const headAfterDelete = await outcome(() => oss.head(key), r => responseFacts(r.res));
  const listAfterDelete = await outcome(
    () => oss.list({ prefix }),
    r => ({ objects: (r.objects || []).map(o => o.name) })
  );

  return {
    local, put, head, get, copy, copyHead, list, listByFolder, listV2: pages,
    aclPublic, aclAfterPublic, aclPrivate, aclAfterPrivate,
    deleteCopy, deleted, headAfterDelete, listAfterDelete,
  };
};
