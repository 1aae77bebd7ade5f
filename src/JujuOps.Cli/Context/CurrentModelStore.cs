using System.Text.Json;
using System.Text.Json.Serialization;

namespace JujuOps.Cli.Context;

/// <summary>
/// Remembers the current controller and model per kubeconfig context, as Juju's client store remembers them:
/// <c>kubectl juju switch</c> writes them, every other verb reads them when no <c>-m</c> or <c>-c</c> is given, and
/// the last model used on each controller is kept for <c>switch &lt;controller&gt;</c>. The user's kubeconfig is
/// never edited. The file is small JSON under the user's config folder; writes go to a temporary file first so a
/// crash never leaves it half-written.
/// </summary>
public sealed class CurrentModelStore(string path)
{
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
        Load().TryGetValue(kubeContext, out var entry) && entry.Model is { } model ? ModelReference.Parse(model) : null;

    /// <summary>The current controller of <paramref name="kubeContext"/>, or null when none was chosen.</summary>
    public string? GetController(string kubeContext) => Load().GetValueOrDefault(kubeContext)?.Controller;

    /// <summary>The model last current on <paramref name="controller"/> in this context.</summary>
    public ModelReference? LastModel(string kubeContext, string controller) =>
        Load().GetValueOrDefault(kubeContext)?.LastModels?.GetValueOrDefault(controller) is { } model ? ModelReference.Parse(model) : null;

    public void Set(string kubeContext, ModelReference model) => Update(kubeContext, entry => entry.Model = model.ToString());

    /// <summary>Makes <paramref name="controller"/> current, with <paramref name="model"/> (or no model) on it.</summary>
    public void Switch(string kubeContext, string controller, ModelReference? model) => Update(kubeContext, entry =>
    {
        entry.Controller = controller;
        entry.Model = model?.ToString();
        if (model is not null)
            (entry.LastModels ??= new SortedDictionary<string, string>(StringComparer.Ordinal))[controller] = model.ToString();
    });

    /// <summary>Forgets the current model of the context (the controller stays current).</summary>
    public void Clear(string kubeContext)
    {
        var entries = Load();
        if (entries.TryGetValue(kubeContext, out var entry) && entry.Model is not null)
        {
            entry.Model = null;
            Save(entries);
        }
    }

    private void Update(string kubeContext, Action<ContextEntry> change)
    {
        var entries = Load();
        if (!entries.TryGetValue(kubeContext, out var entry))
            entries[kubeContext] = entry = new ContextEntry();
        change(entry);
        Save(entries);
    }

    private SortedDictionary<string, ContextEntry> Load()
    {
        if (!File.Exists(path))
            return new SortedDictionary<string, ContextEntry>(StringComparer.Ordinal);
        var entries = JsonSerializer.Deserialize(File.ReadAllText(path), StoreJsonContext.Default.DictionaryStringContextEntry)
            ?? throw new InvalidDataException($"{path}: expected a JSON object of context to model");
        return new SortedDictionary<string, ContextEntry>(entries, StringComparer.Ordinal);
    }

    private void Save(SortedDictionary<string, ContextEntry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(entries, StoreJsonContext.Default.SortedDictionaryStringContextEntry));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>What one kubeconfig context remembers.</summary>
    internal sealed class ContextEntry
    {
        public string? Controller { get; set; }

        public string? Model { get; set; }

        public SortedDictionary<string, string>? LastModels { get; set; }
    }
}

/// <summary>The store's file, by generated code (no reflection on a cold start, none needed in a native build).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, CurrentModelStore.ContextEntry>))]
[JsonSerializable(typeof(SortedDictionary<string, CurrentModelStore.ContextEntry>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

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
