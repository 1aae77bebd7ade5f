namespace JujuOps.Domain.Bundles;

/// <summary>
/// Where bundle files come from: the disk for the command line, a dictionary in tests. Keeping reads behind this
/// keeps composing a bundle pure. Implementations throw <see cref="IOException"/> (or
/// <see cref="UnauthorizedAccessException"/>) when a file cannot be read.
/// </summary>
public interface IBundleFiles
{
    /// <summary>The bytes of <paramref name="path"/>, reading at most <paramref name="maxBytes"/> + 1 bytes.</summary>
    byte[] Read(string path, int maxBytes);
}

/// <summary>The local file system, as diff-bundle reads a bundle and its overlays.</summary>
public sealed class DiskBundleFiles : IBundleFiles
{
    public static DiskBundleFiles Instance { get; } = new();

    public byte[] Read(string path, int maxBytes)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[Math.Min((long)maxBytes + 1, Math.Max(stream.Length, 0) + 1)];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            total += read;
        return buffer[..total];
    }
}
