using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Limits;

public sealed class SpaceAdmissionTests
{
    private const long MiB = StorageLimits.MiB;

    private readonly FakeDiskSpace _disk = new() { Available = 100 * MiB };
    private readonly StorageLimits _limits = new() { MinFreeSpace = 64 * MiB };

    private SpaceAdmission Admission => new(_disk, _limits);

    [Fact]
    public void A_write_that_leaves_at_least_the_floor_free_is_admitted()
    {
        using var claim = Admission.Admit(36 * MiB);
    }

    [Fact]
    public void A_write_that_would_cut_into_the_floor_is_refused_with_a_message_naming_sizes_and_setting()
    {
        _disk.Available = 12 * MiB + 100 * 1024;

        var error = Assert.Throws<CairnException>(() => Admission.Admit(50 * MiB));

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Equal(
            "Not enough free space on the data volume: 12.1 MiB free, this request needs 50.0 MiB plus the 64.0 MiB floor (Cairn:Limits:MinFreeSpace).",
            error.Detail);
    }

    [Fact]
    public void Operations_that_add_only_metadata_are_refused_below_the_floor_and_admitted_above_it()
    {
        var admission = Admission;
        admission.AdmitMetadata();
        _disk.Available = 63 * MiB;

        var error = Assert.Throws<CairnException>(admission.AdmitMetadata);

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Contains("63.0 MiB free, less than the 64.0 MiB floor", error.Detail);
    }

    [Fact]
    public void Uploads_in_flight_count_against_later_admissions_until_their_bytes_land()
    {
        var admission = Admission;
        var first = admission.Admit(30 * MiB);

        var error = Assert.Throws<CairnException>(() => admission.Admit(30 * MiB));
        Assert.Contains("(30.0 MiB of it promised to uploads in progress)", error.Detail);

        // The bytes reached the disk: the measured free space now shows them, the claim no longer does.
        first.Landed(30 * MiB);
        _disk.Available -= 30 * MiB;
        Assert.Throws<CairnException>(() => admission.Admit(30 * MiB));
        _disk.Available += 30 * MiB;
        using var second = admission.Admit(30 * MiB);
        first.Dispose();
    }

    [Fact]
    public void A_finished_or_failed_upload_returns_what_it_did_not_write()
    {
        var admission = Admission;
        using (var claim = admission.Admit(30 * MiB))
        {
            claim.Landed(10 * MiB);
        }

        using var next = admission.Admit(36 * MiB);
    }

    [Fact]
    public void A_floor_of_zero_turns_the_check_off()
    {
        _limits.MinFreeSpace = 0;
        _disk.Available = 0;

        using var claim = Admission.Admit(5 * StorageLimits.GiB);
        Admission.AdmitMetadata();
    }

    [Fact]
    public void While_the_reserve_for_deletes_is_in_use_the_refusal_says_so()
    {
        _disk.Available = 0;
        _disk.ReserveInUse = true;

        var error = Assert.Throws<CairnException>(() => Admission.Admit(1));

        Assert.Contains("space kept for deletes is in use", error.Detail);
    }
}
