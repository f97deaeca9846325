using System.Reflection;
using System.Xml.Linq;

namespace Cairn.ArchitectureTests.Support;

/// <summary>
/// What a layer (one of the src/ projects) depends on, from two sources: the assembly references compiled into it,
/// followed through the other Cairn assemblies it reaches, and the references its project file declares (which
/// exist even before any type is used).
/// </summary>
internal static class LayerDependencies
{
    private const string AspNetCore = "Microsoft.AspNetCore";

    /// <summary>Every assembly reference reachable from the layer through Cairn assemblies, as "from -> to".</summary>
    public static IReadOnlyList<(string From, string To)> CompiledReferences(string layer)
    {
        var edges = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { layer };
        var pending = new Queue<string>([layer]);
        while (pending.TryDequeue(out var name))
        {
            foreach (var reference in Assembly.Load(new AssemblyName(name)).GetReferencedAssemblies())
            {
                var target = reference.Name!;
                edges.Add((name, target));
                if (target.StartsWith("Cairn.", StringComparison.Ordinal) && seen.Add(target))
                {
                    pending.Enqueue(target);
                }
            }
        }

        return edges;
    }

    /// <summary>What the layer's project file brings in: the projects it references, and ASP.NET Core when it uses the web SDK or framework.</summary>
    public static IReadOnlyList<string> DeclaredReferences(string layer)
    {
        var project = XDocument.Parse(Repository.Read($"src/{layer}/{layer}.csproj")).Root!;
        var declared = project.Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension((string?)reference.Attribute("Include") ?? string.Empty))
            .ToList();
        var usesAspNetCore =
            ((string?)project.Attribute("Sdk"))?.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) == true
            || project.Descendants("FrameworkReference").Concat(project.Descendants("PackageReference"))
                .Any(reference => ((string?)reference.Attribute("Include"))?.StartsWith(AspNetCore, StringComparison.OrdinalIgnoreCase) == true);
        if (usesAspNetCore)
        {
            declared.Add(AspNetCore);
        }

        return declared;
    }

    /// <summary>Whether an assembly or project name belongs to <paramref name="family"/> (the name itself or a dotted child).</summary>
    public static bool IsIn(string name, string family) =>
        name.Equals(family, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(family + ".", StringComparison.OrdinalIgnoreCase);
}
