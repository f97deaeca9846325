// The end-to-end tests move hundreds of MiB and time kills against progress; on a 2-core machine they are more
// reliable, and not slower overall, one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
