using Cairn.Core.Ports;

namespace Cairn.Core.Tests.Support;

/// <summary>A data volume whose free space a test sets, for the admission rule (a real volume's cannot be).</summary>
internal sealed class FakeDiskSpace : IDiskSpace
{
    public long Available { get; set; }

    public bool ReserveInUse { get; set; }

    public long AvailableBytes() => Available;
}
