namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// The multipart tests that move hundreds of megabytes or thousands of parts run alone, one after the other,
/// so their time budget does not depend on what else the machine is doing in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultipartHeavyCollection
{
    public const string Name = "Multipart heavy transfers";
}
