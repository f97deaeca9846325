using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// A browser upload's form as far as its file (the same multipart/form-data shape in every dialect): the fields before it (names compared ignoring case, values as sent),
/// the names in the order they came, and the file itself, still on the wire (its bytes are read only as the object
/// is stored).
/// </summary>
internal sealed class PostForm(IReadOnlyDictionary<string, string> fields, IReadOnlyList<string> names, string? fileName, Stream file)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    /// <summary>The submitted field names, in order, each once.</summary>
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>The file name the client gave, without any directory part; null when it gave none.</summary>
    public string? FileName { get; } = fileName;

    /// <summary>The file section's body, read from the request as it is consumed.</summary>
    public Stream File { get; } = file;

    public string? this[string name] => Fields.GetValueOrDefault(name);

    /// <summary>
    /// The object key the form names: its <c>key</c> field with <c>${filename}</c> replaced by the uploaded file's
    /// name; InvalidArgument when the field is missing or empty (every dialect's form names its key so).
    /// </summary>
    public string KeyWithFileName()
    {
        var key = this[PostFields.Key];
        if (string.IsNullOrEmpty(key))
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
            {
                Details = new ErrorDetails { ArgumentName = PostFields.Key },
            };
        }

        return key.Replace(PostFields.FileNameVariable, FileName ?? string.Empty, StringComparison.Ordinal);
    }
}
