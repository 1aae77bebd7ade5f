using System.Text.Json;

namespace JujuOps.Cli.Context;

/// <summary>
/// Remembers the current model per kubeconfig context, as Juju's client store remembers it per controller:
/// <c>kubectl juju switch</c> writes it, every other verb reads it when no <c>-m</c> is given.
/// The file is small JSON under the user's config folder; writes go to a temporary file first so a crash
/// never leaves it half-written.
/// </summary>
public sealed class CurrentModelStore(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The store at <c>$XDG_CONFIG_HOME/kubectl-juju/current-models.json</c> (or <c>~/.config/...</c>).</summary>
    public static CurrentModelStore Default()
    {
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new CurrentModelStore(Path.Combine(configHome, "kubectl-juju", "current-models.json"));
    }

    /// <summary>The current model of <paramref name="kubeContext"/>, or null when none was chosen.</summary>
    public ModelReference? Get(string kubeContext) =>
        Load().TryGetValue(kubeContext, out var value) ? ModelReference.Parse(value) : null;

    public void Set(string kubeContext, ModelReference model)
    {
        var entries = Load();
        entries[kubeContext] = model.ToString();
        Save(entries);
    }

    public void Clear(string kubeContext)
    {
        var entries = Load();
        if (entries.Remove(kubeContext))
            Save(entries);
    }

    private SortedDictionary<string, string> Load()
    {
        if (!File.Exists(path))
            return new SortedDictionary<string, string>(StringComparer.Ordinal);
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path}: expected a JSON object of context to model");
        return new SortedDictionary<string, string>(entries, StringComparer.Ordinal);
    }

    private void Save(SortedDictionary<string, string> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(entries, Json));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>A JujuModel object, written <c>namespace/name</c>.</summary>
public sealed record ModelReference(string Namespace, string Name)
{
    public static ModelReference Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
            throw new FormatException($"model reference \"{text}\" is not of the form <namespace>/<name>");
        return new ModelReference(text[..slash], text[(slash + 1)..]);
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
