'use strict';

const { client, clientOptions } = require('../lib/settings');
const { outcome } = require('../lib/outcome');

// Object and bucket tags through ali-oss: x-oss-tagging on a put, the tagging count a HEAD answers, the
// ?tagging calls on the object and on the bucket. Each step is reported as an outcome.
module.exports = async function tagging(key) {
  const oss = client();
  const { bucket } = clientOptions();
  const tags = r => ({ tag: r.tag });
  const count = r => ({ count: r.res.headers['x-oss-tagging-count'] || null });

  const put = await outcome(() => oss.put(key, Buffer.from('tagged by ali-oss'), { headers: { 'x-oss-tagging': 'stage=raw&team=a%20b' } }));
  const putTags = await outcome(() => oss.getObjectTagging(key), tags);
  const putHead = await outcome(() => oss.head(key), count);
  const replace = await outcome(() => oss.putObjectTagging(key, { project: 'cairn', 'a b': 'c/d' }), r => ({ status: r.status }));
  const replaced = await outcome(() => oss.getObjectTagging(key), tags);
  const remove = await outcome(() => oss.deleteObjectTagging(key), r => ({ status: r.status }));
  const removed = await outcome(() => oss.getObjectTagging(key), tags);
  const removedHead = await outcome(() => oss.head(key), count);

  const putBucket = await outcome(() => oss.putBucketTags(bucket, { env: 'test', owner: 'qa' }), r => ({ status: r.status }));
  const bucketTags = await outcome(() => oss.getBucketTags(bucket), tags);
  const deleteBucket = await outcome(() => oss.deleteBucketTags(bucket), r => ({ status: r.status }));
  const bucketAfter = await outcome(() => oss.getBucketTags(bucket), tags);

  return { put, putTags, putHead, replace, replaced, remove, removed, removedHead, putBucket, bucketTags, deleteBucket, bucketAfter };
};
