using Cairn.Core.Names;

namespace Cairn.Server.Hosting;

/// <summary>Reads <see cref="CairnOptions.NodeId"/>; a value that is no node id stops the start as a configuration error.</summary>
internal static class NodeIdSetting
{
    public static NodeId Parse(string? value) =>
        NodeId.TryParse(value, out var id)
            ? id.Value
            : throw new ServerStartException(
                ServerExitCodes.ConfigurationError,
                $"invalid value '{value}' for '{CairnOptions.SectionName}:{nameof(CairnOptions.NodeId)}' (expected {NodeId.Rule})");
}
