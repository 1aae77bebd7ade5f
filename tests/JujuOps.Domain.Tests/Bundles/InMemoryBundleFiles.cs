using System.Text;
using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

/// <summary>Bundle files held in memory, by path; a path not held is a missing file.</summary>
public sealed class InMemoryBundleFiles(Dictionary<string, string> files) : IBundleFiles
{
    public List<string> Reads { get; } = [];

    public byte[] Read(string path, int maxBytes)
    {
        Reads.Add(path);
        return files.TryGetValue(path, out var text)
            ? Encoding.UTF8.GetBytes(text)
            : throw new FileNotFoundException($"open {path}: no such file or directory");
    }
}
