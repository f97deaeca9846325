using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Tagging;

/// <summary>Tags keep their order, empty values and any characters through the stored form; no tags store nothing.</summary>
public sealed class TagSetJsonTests
{
    [Fact]
    public void A_tag_set_reads_back_in_order()
    {
        var tags = new TagSet([new Tag("z", "last? no, first"), new Tag("a", ""), new Tag("ключ", "значение \"q\" +=/:@")]);

        var read = TagSetJson.Read(TagSetJson.Write(tags));

        Assert.Equal(tags, read);
        Assert.Equal(["z", "a", "ключ"], read.Select(tag => tag.Key));
    }

    [Fact]
    public void An_empty_set_is_stored_as_nothing_and_nothing_reads_as_empty()
    {
        Assert.Null(TagSetJson.Write(TagSet.Empty));
        Assert.True(TagSetJson.Read(null).IsEmpty);
        Assert.True(TagSetJson.Read("").IsEmpty);
    }

    [Fact]
    public void A_stored_tag_that_is_not_a_pair_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => TagSetJson.Read("[[\"only-key\"]]"));
    }
}
