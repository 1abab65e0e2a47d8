using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Igt.Runner.Mutants;

/// <summary>
/// Finds the known bugs in built assemblies without loading them (System.Reflection.Metadata): every public static
/// class whose name ends in "Bugs" (I915KnownBugs, EtnavivKnownBugs, panfrost's KnownBugs, DmaBufBugs) and each
/// public const string in it. A value may be qualified ("dmabuf.SyncIoctlNoop") or bare ("MappingOnObject"); a bare
/// one takes the class's <c>Driver</c> const, else the class name before "KnownBugs"/"Bugs" ("DmaBufBugs" → dmabuf),
/// else the namespace's last part (Igt.Drivers.Panfrost → panfrost). Values that are not identifiers are not bugs.
/// A new bug class or constant is found without any change here.
/// </summary>
public static partial class KnownBugDiscovery
{
    private const string DriverField = "Driver";

    [GeneratedRegex(@"^(?:([a-z][a-z0-9_]*)\.)?([A-Za-z][A-Za-z0-9_]*)$")]
    private static partial Regex BugValue();

    /// <summary>The known bugs of every Igt*.dll in <paramref name="directories"/>, each bug once, sorted by name.</summary>
    public static IReadOnlyList<KnownBug> FromDirectories(IEnumerable<string> directories)
    {
        var seen = new Dictionary<string, KnownBug>(StringComparer.Ordinal);
        var files = directories.Distinct(StringComparer.Ordinal)
            .SelectMany(d => Directory.Exists(d) ? Directory.EnumerateFiles(d, "Igt*.dll") : [])
            // The same harness assembly sits beside every test assembly: read each file name once.
            .GroupBy(Path.GetFileName, StringComparer.Ordinal).Select(g => g.First());
        foreach (var file in files)
        {
            foreach (var bug in FromAssembly(file))
                seen.TryAdd(bug.Qualified, bug);
        }
        return seen.Values.OrderBy(b => b.Qualified, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<KnownBug> FromAssembly(string path)
    {
        var list = new List<KnownBug>();
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return list;
            var md = pe.GetMetadataReader();
            foreach (var th in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(th);
                var name = md.GetString(type.Name);
                var attrs = type.Attributes;
                var isPublicTopLevel = (attrs & TypeAttributes.VisibilityMask) == TypeAttributes.Public;
                var isStatic = (attrs & (TypeAttributes.Abstract | TypeAttributes.Sealed)) == (TypeAttributes.Abstract | TypeAttributes.Sealed);
                if (!name.EndsWith("Bugs", StringComparison.Ordinal) || !isPublicTopLevel || !isStatic)
                    continue;
                var ns = md.GetString(type.Namespace);
                string? driver = null;
                var values = new List<string>();
                foreach (var fh in type.GetFields())
                {
                    var field = md.GetFieldDefinition(fh);
                    if ((field.Attributes & FieldAttributes.Literal) == 0 || (field.Attributes & FieldAttributes.FieldAccessMask) != FieldAttributes.Public)
                        continue;
                    var ch = field.GetDefaultValue();
                    if (ch.IsNil)
                        continue;
                    var constant = md.GetConstant(ch);
                    if (constant.TypeCode != ConstantTypeCode.String)
                        continue;
                    var value = md.GetBlobReader(constant.Value).ReadConstant(ConstantTypeCode.String) as string;
                    if (value is null)
                        continue;
                    if (md.GetString(field.Name) == DriverField)
                        driver = value;
                    else
                        values.Add(value);
                }
                driver ??= DriverFromName(name, ns);
                var source = $"{Path.GetFileName(path)}:{(ns.Length > 0 ? ns + "." : "")}{name}";
                foreach (var v in values)
                {
                    var m = BugValue().Match(v);
                    if (!m.Success)
                        continue;
                    var d = m.Groups[1].Success ? m.Groups[1].Value : driver;
                    if (d.Length > 0)
                        list.Add(new KnownBug(d, m.Groups[2].Value, source));
                }
            }
        }
        catch (BadImageFormatException)
        {
            // Not a managed assembly (a native library named Igt*): no bugs in it.
        }
        return list;
    }

    /// <summary>"I915KnownBugs" → i915, "DmaBufBugs" → dmabuf, "KnownBugs" in Igt.Drivers.Panfrost → panfrost.</summary>
    public static string DriverFromName(string typeName, string ns)
    {
        var stem = typeName.EndsWith("KnownBugs", StringComparison.Ordinal) ? typeName[..^"KnownBugs".Length] : typeName[..^"Bugs".Length];
        if (stem.Length == 0)
            stem = ns.Split('.').LastOrDefault() ?? "";
        return stem.ToLowerInvariant();
    }
}
