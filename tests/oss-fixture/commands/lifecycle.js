'use strict';

const { client, clientOptions } = require('../lib/settings');
const { outcome } = require('../lib/outcome');

// putBucketLifecycle, getBucketLifecycle, deleteBucketLifecycle, then getBucketLifecycle again: what ali-oss sends
// and how it reads Cairn's answers, and a rule ali-oss lets through that OSS refuses (an empty Expiration).
module.exports = async function lifecycle() {
  const oss = client();
  const bucket = clientOptions().bucket;
  const rules = [
    { id: 'expire-logs', prefix: 'logs/', status: 'Enabled', expiration: { days: 30 }, tag: { key: 'tier', value: 'cold' } },
    { id: 'abort-uploads', prefix: 'uploads/', status: 'Disabled', abortMultipartUpload: { days: 7 } },
    { id: 'dated', prefix: 'old/', status: 'Enabled', expiration: { createdBeforeDate: '2024-01-01T00:00:00.000Z' } },
  ];
  const put = await outcome(() => oss.putBucketLifecycle(bucket, rules), r => ({ status: r.res.status }));
  const get = await outcome(() => oss.getBucketLifecycle(bucket), r => ({ status: r.res.status, rules: r.rules }));
  const del = await outcome(() => oss.deleteBucketLifecycle(bucket), r => ({ status: r.res.status }));
  const gone = await outcome(() => oss.getBucketLifecycle(bucket), r => ({ status: r.res.status }));
  return { put, get, delete: del, gone };
};
