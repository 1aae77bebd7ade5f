using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using JujuOps.Operator.Webhooks;

namespace JujuOps.Operator.Tests.Webhooks;

/// <summary>
/// Hostile bodies against the real admission server over HTTPS: every file of <c>corpus/</c> (each folder against its
/// path, <c>any/</c> against all five), then random mutations of the corpus's reviews. Whatever comes in, the answer is
/// a 200 with a review that allows or refuses in words, or a 400 for a body that is no AdmissionReview: never a 500,
/// and never the "could not check" refusal a rule that threw would give. A failure found here goes into the corpus.
/// </summary>
public sealed class AdmissionFuzzTests(AdmissionServer server) : IClassFixture<AdmissionServer>
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["jujumodels"] = WebhookRegistration.ModelsPath,
        ["jujucontrollers"] = WebhookRegistration.ControllersPath,
        ["modeldefaults"] = WebhookRegistration.DefaultsPath,
        ["modelmigrations"] = WebhookRegistration.MigrationsPath,
        ["pods"] = WebhookRegistration.PodsPath,
    };

    /// <summary>What a mutation puts in place of a value: the shapes and sizes that break readers.</summary>
    private static readonly JsonNode?[] HostileValues =
    [
        null, true, 0, -1, int.MaxValue, long.MinValue, 1e308, -0.0, "", " ", "-1", "1e400", "NaN", "0x10", "\u0000",
        "😀\u202e", new string('a', 5000), "999999999999999999999999999Gi", "mem=", "^", "=", "a,^b,", "1.5.6", "/",
        "system:masters", "admin", "destroy-model", "remove-object", "all", "UPDATE", "DELETE", "kubernetes", "prod",
    ];

    /// <summary>600 in CI (about 3 s); <c>JUJUOPS_ADMISSION_FUZZ_COUNT</c> for a long run (20,000 took 40 s).</summary>
    private static long Iterations => long.TryParse(Environment.GetEnvironmentVariable("JUJUOPS_ADMISSION_FUZZ_COUNT"), out var count) ? count : 600;

    public static TheoryData<string> CorpusFiles()
    {
        var files = new TheoryData<string>();
        // The folders only: the README beside them is no body.
        foreach (var file in Directory.EnumerateFiles(AdmissionServer.CorpusDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) != AdmissionServer.CorpusDirectory).Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(AdmissionServer.CorpusDirectory, file));
        return files;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Every_corpus_file_is_answered_in_words(string file)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(AdmissionServer.CorpusDirectory, file));
        var folder = Path.GetDirectoryName(file)!;
        string[] paths = folder == "any" ? [.. Paths.Values] : [Paths[folder]];
        foreach (var path in paths)
            await AssertAnsweredAsync(path, body);
    }

    [Fact]
    public async Task Mutated_reviews_are_answered_in_words()
    {
        var seeds = Directory.EnumerateFiles(AdmissionServer.CorpusDirectory, "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "any")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: Paths[Path.GetFileName(Path.GetDirectoryName(f))!], Review: File.ReadAllText(f)))
            .ToArray();
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.UInt, Gen.UInt);
        var gen = Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 6]);
        await gen.SampleAsync(async sample =>
        {
            var (seed, mutations) = sample;
            var body = Mutate(seeds[seed].Review, mutations);
            await AssertAnsweredAsync(seeds[seed].Path, body);
        }, iter: Iterations, threads: 1);
    }

    /// <summary>Mutations of the review's JSON tree (replace, remove, nest) and, last, of its bytes (truncate, flip).</summary>
    private static byte[] Mutate(string review, (int Kind, uint Target, uint Value)[] mutations)
    {
        var root = JsonNode.Parse(review)!;
        byte[]? bytes = null;
        foreach (var (kind, target, value) in mutations)
        {
            if (bytes is not null)
            {
                // Byte mutations only after the tree is written out.
                if (bytes.Length > 0)
                    bytes[(int)(target % (uint)bytes.Length)] ^= (byte)(1 + (value % 255));
                continue;
            }

            var nodes = Descendants(root).ToList();
            if (nodes.Count == 0)
                continue;
            var (parent, key) = nodes[(int)(target % (uint)nodes.Count)];
            switch (kind)
            {
                case 0:
                    Set(parent, key, HostileValues[value % (uint)HostileValues.Length]?.DeepClone());
                    break;
                case 1 when parent is JsonObject obj:
                    obj.Remove((string)key);
                    break;
                case 1 when parent is JsonArray array:
                    array.RemoveAt((int)key);
                    break;
                case 2:
                    // The value inside itself: an object where a string was, an array where an object was.
                    var node = Get(parent, key);
                    Set(parent, key, value % 2 == 0 ? new JsonArray(node?.DeepClone()) : new JsonObject { ["x"] = node?.DeepClone() });
                    break;
                default:
                    var written = Encoding.UTF8.GetBytes(root.ToJsonString());
                    bytes = value % 2 == 0 ? written[..(int)(target % (uint)(written.Length + 1))] : written;
                    break;
            }
        }

        return bytes ?? Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>Every value below the root with where it sits: (its parent, its property name or index).</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Descendants(JsonNode root)
    {
        var pending = new Stack<JsonNode>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                        pending.Push(child);
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    if (array[i] is { } child)
                        pending.Push(child);
                }
            }
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string name ? parent[name] : parent[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
            parent[name] = value;
        else
            parent[(int)key] = value;
    }

    private async Task AssertAnsweredAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await server.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        var shown = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 2000)]);
        if (ReadRequest(body) is not { } request)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)response.StatusCode} {text}\nfor {shown}");
            Assert.StartsWith("not an AdmissionReview: ", text, StringComparison.Ordinal);
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: expected 200, got {(int)response.StatusCode} {text}\nfor {shown}");
        var answer = JsonSerializer.Deserialize<AdmissionReview>(text)!.Response!;
        Assert.Equal(request.Uid ?? "", answer.Uid ?? "");
        if (!answer.Allowed)
        {
            Assert.True(answer.Status!.Code != 500, $"{path}: {answer.Status.Message}\n{server.LastFailure}\nfor {shown}");
            Assert.False(string.IsNullOrWhiteSpace(answer.Status.Message), $"{path}: a refusal without words for {shown}");
        }
    }

    /// <summary>The request the server should answer, read the way the server reads bodies; null for no AdmissionReview.</summary>
    private static AdmissionRequest? ReadRequest(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return null;
        try
        {
            return JsonSerializer.Deserialize<AdmissionReview>(body)?.Request;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
