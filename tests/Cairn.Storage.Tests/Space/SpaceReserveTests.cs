using System.Runtime.Versioning;
using Cairn.Storage.Space;
using static Cairn.Storage.Tests.Space.FullVolumeFixture;

namespace Cairn.Storage.Tests.Space;

/// <summary>The reserve and the free space the admission rule sees, on a real small volume (tmpfs; needs root).</summary>
[SupportedOSPlatform("linux")]
public sealed class SpaceReserveTests
{
    [SkippableFact]
    public void The_reserve_really_takes_its_space_in_two_owner_only_files()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var before = fixture.Volume.FreeBytes;

        var reserve = fixture.CreateReserve(4 * MiB);

        Assert.Equal(before - 4 * MiB, fixture.Volume.FreeBytes);
        Assert.Equal(0, reserve.MissingBytes);
        var files = Directory.GetFiles(fixture.DataDirectory, "space-reserve.*");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [SkippableFact]
    public void One_failure_releases_half_the_reserve_however_many_callers_report_it()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var reserve = fixture.CreateReserve(4 * MiB);
        var before = fixture.Volume.FreeBytes;
        var failure = new IOException("no space left on device");

        Assert.True(reserve.Release(failure));
        Assert.True(reserve.Release(failure));

        Assert.Equal(2 * MiB, reserve.MissingBytes);
        Assert.Equal(before + 2 * MiB, fixture.Volume.FreeBytes);
        Assert.True(reserve.Release(new IOException("a second exhaustion")));
        Assert.Equal(4 * MiB, reserve.MissingBytes);
        Assert.False(reserve.Release(new IOException("nothing left")));
    }

    [SkippableFact]
    public void While_the_reserve_is_released_its_space_is_not_available_for_new_data_and_it_comes_back_with_free_space()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var reserve = fixture.CreateReserve(4 * MiB);
        var volume = new DataVolume(fixture.DataDirectory, reserve, minFreeSpace: 1 * MiB);
        reserve.Release(new IOException("no space left on device"));
        fixture.Volume.Fill();

        Assert.Equal(-2 * MiB, volume.AvailableBytes());
        Assert.True(volume.ReserveInUse);
        Assert.False(reserve.TryRestore());
        Assert.Empty(Directory.GetFiles(fixture.DataDirectory, "*.tmp"));

        fixture.Volume.RemoveFiller();
        var available = volume.AvailableBytes();

        Assert.False(volume.ReserveInUse);
        Assert.Equal(0, reserve.MissingBytes);
        Assert.Equal(fixture.Volume.FreeBytes, available);
        Assert.Equal(2, Directory.GetFiles(fixture.DataDirectory, "space-reserve.*").Length);
    }
}
