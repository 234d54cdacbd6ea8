// The exchanges start many processes each; one at a time keeps a loaded machine (and CI) from timing out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
