using System.Text;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// Juju's <c>ComposeAndVerifyBundle</c> (reference §6.5): the base bundle's first document, then its further
/// documents, then each overlay file in order, merged into one bundle, its <c>include-file://</c> and
/// <c>include-base64://</c> values read relative to the file that holds them, and the result verified (§6.6).
/// </summary>
public sealed class BundleComposer(IBundleFiles files, BundleLimits? limits = null)
{
    public const string IncludeFile = "include-file://";
    public const string IncludeBase64 = "include-base64://";

    private readonly BundleLimits limits = limits ?? BundleLimits.Default;
    private int filesRead;

    /// <summary>Reads, merges and verifies <paramref name="bundlePath"/> with <paramref name="overlayPaths"/>.</summary>
    public BundleData Compose(string bundlePath, IEnumerable<string> overlayPaths) =>
        Merge(ReadFile(bundlePath), overlayPaths.SelectMany(ReadFile));

    /// <summary>Composes a bundle given as text (a webhook's or a test's); it may include files only through <paramref name="files"/>.</summary>
    public static BundleData ComposeText(string text, string path = "bundle.yaml", IBundleFiles? files = null)
    {
        var composer = new BundleComposer(files ?? new NoBundleFiles());
        return Merge(composer.Documents(text, path), []);
    }

    private static BundleData Merge(List<BundleMapping> documents, IEnumerable<BundleMapping> overlays)
    {
        var merged = documents.Count > 0 ? documents[0] : new BundleMapping();
        BundleOverlay.RenameServices(merged);
        CheckBase(merged);
        foreach (var overlay in documents.Skip(1).Concat(overlays))
            BundleOverlay.Merge(merged, overlay);
        var bundle = BundleBinder.Bind(merged);
        BundleValidator.ThrowIfInvalid(bundle);
        return bundle;
    }

    private List<BundleMapping> ReadFile(string path) => Documents(Encoding.UTF8.GetString(ReadBytes(path, "bundle")), path);

    private List<BundleMapping> Documents(string text, string path)
    {
        var documents = new List<BundleMapping>();
        foreach (var document in BundleYaml.ReadDocuments(text, limits))
        {
            var mapping = document switch
            {
                BundleMapping map => map,
                BundleScalar { Value: null } => new BundleMapping(),
                _ => throw BundleBinder.Mismatch(document, "charm.BundleData"),
            };
            ResolveIncludes(mapping, path);
            documents.Add(mapping);
        }

        return documents;
    }

    /// <summary>Overlay-only fields and <c>image-id</c> constraints are refused in the base document (§6.5).</summary>
    private static void CheckBase(BundleMapping bundle)
    {
        foreach (var (name, node) in Entities(bundle, "applications"))
        {
            foreach (var field in new[] { "exposed-endpoints", "offers" })
            {
                if (node.ContainsKey(field))
                    throw new JujuValidationException($"applications.{name}.{field} can only appear in an overlay section");
            }

            RefuseImageId(node);
        }

        foreach (var (_, node) in Entities(bundle, "machines"))
            RefuseImageId(node);
    }

    private static void RefuseImageId(BundleMapping entity)
    {
        if (entity["constraints"] is BundleScalar { Value: not null } constraints
            && constraints.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => c.StartsWith("image-id=", StringComparison.Ordinal)))
            throw new JujuValidationException("'image-id' constraint in a base bundle not supported");
    }

    private void ResolveIncludes(BundleMapping bundle, string path)
    {
        foreach (var (_, node) in Entities(bundle, "applications"))
        {
            ResolveIncludes(node["options"], path);
            ResolveIncludes(node["annotations"], path);
        }

        foreach (var (_, node) in Entities(bundle, "machines"))
            ResolveIncludes(node["annotations"], path);
    }

    private void ResolveIncludes(BundleNode? values, string path)
    {
        if (values is not BundleMapping mapping)
            return;
        foreach (var (key, value) in mapping.Entries.ToList())
        {
            if (value is not BundleScalar { Value: string text })
                continue;
            if (text.StartsWith(IncludeFile, StringComparison.Ordinal))
                mapping.Set(key, new BundleScalar(Encoding.UTF8.GetString(ReadInclude(path, text[IncludeFile.Length..]))) { Line = value.Line });
            else if (text.StartsWith(IncludeBase64, StringComparison.Ordinal))
                mapping.Set(key, new BundleScalar(Convert.ToBase64String(ReadInclude(path, text[IncludeBase64.Length..]))) { Line = value.Line });
        }
    }

    private byte[] ReadInclude(string source, string relative)
    {
        if (relative.Length == 0)
            throw new JujuValidationException($"include path is empty in {GoText.Quote(source)}");
        var directory = Path.GetDirectoryName(source) ?? "";
        return ReadBytes(Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative), "include file");
    }

    private byte[] ReadBytes(string path, string what)
    {
        if (++filesRead > limits.MaxFiles)
            throw new JujuValidationException($"bundle reads more than {limits.MaxFiles} files");
        byte[] bytes;
        try
        {
            bytes = files.Read(path, limits.MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JujuValidationException($"cannot read {what} {GoText.Quote(path)}: {e.Message}", e);
        }

        return bytes.Length > limits.MaxFileBytes
            ? throw new JujuValidationException($"{what} {GoText.Quote(path)} is larger than {limits.MaxFileBytes} bytes")
            : bytes;
    }

    /// <summary>The mapping entries of a section such as <c>applications:</c>, skipping empty ones.</summary>
    internal static IEnumerable<(string Name, BundleMapping Node)> Entities(BundleMapping bundle, string section) =>
        bundle[section] is BundleMapping entities
            ? entities.Entries.Where(e => e.Value is BundleMapping).Select(e => (e.Key, (BundleMapping)e.Value))
            : [];

    /// <summary>A bundle given as text may not include files (a webhook has none to read).</summary>
    private sealed class NoBundleFiles : IBundleFiles
    {
        public byte[] Read(string path, int maxBytes) => throw new FileNotFoundException("no files can be included here");
    }
}
