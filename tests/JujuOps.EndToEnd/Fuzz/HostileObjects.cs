using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JujuOps.EndToEnd.Fuzz;

/// <summary>Where the generated objects go and what they may name; everything else comes from the seed.</summary>
/// <param name="RunId">A short lowercase id: every object carries it as <see cref="HostileObjects.RunLabel"/> and in its name.</param>
/// <param name="Namespace">The namespace of the generated JujuModels and Secrets.</param>
/// <param name="GoodController">A Ready JujuController some models and defaults use (the e2e fixture's).</param>
/// <param name="Server">The API server a credential kubeconfig points at (another cluster, as a remote cloud).</param>
/// <param name="CertificateAuthorityData">That server's CA, base64, as a kubeconfig holds it.</param>
public sealed record HostileContext(string RunId, string Namespace, string GoodController, string Server, string CertificateAuthorityData);

/// <summary>
/// One generated object, as JSON (which is YAML) for <c>kubectl apply -f -</c>.
/// </summary>
/// <param name="Index">Its place in the run; with the seed it names the object in a report.</param>
/// <param name="Kind">JujuModel, JujuController, ModelDefaults or Secret.</param>
/// <param name="Name">metadata.name (possibly one the API server refuses).</param>
/// <param name="Namespace">metadata.namespace, or null for cluster-scoped kinds.</param>
/// <param name="Case">What is hostile about it, in a few words.</param>
/// <param name="Json">The object.</param>
/// <param name="Tokens">Secret values in it that must never appear in any status, Event or log.</param>
public sealed record HostileObject(int Index, string Kind, string Name, string? Namespace, string Case, string Json, IReadOnlyList<string> Tokens)
{
    /// <summary>A second version applied once the first has status: an immutable-field change.</summary>
    public string? Then { get; init; }

    /// <summary>Deleted once reconciled (destroy, with or without force and timeout): it must go, or say why not.</summary>
    public bool DeleteAfter { get; init; }

    /// <summary>kubectl's short resource name for the kind.</summary>
    public string Resource => Kind switch
    {
        "JujuModel" => "jm",
        "JujuController" => "jc",
        "ModelDefaults" => "md",
        _ => "secret",
    };

    /// <summary>One line for a failure report: index, kind, name (cut), case.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Index} {Kind} {HostileObjects.Cut(Name, 60)} [{Case}]");
}

/// <summary>
/// A seeded generator of hostile JujuOps objects (issue 10): huge and boundary numbers and quantities, very long
/// strings, unicode and control characters, unknown config keys, bad constraints and durations, references to
/// missing controllers, clouds, credentials and Secrets, credential Secrets with hostile kubeconfigs, duplicate
/// ModelDefaults scopes, immutable-field changes, forced destroys, cloud types without a provider, mixed with valid
/// objects. Pure: the same seed and context give the same objects, byte for byte.
/// <para>
/// ModelMigrations are left out: nothing reconciles them yet, so an accepted one has no status, and kstatus reads
/// that as "in progress", not as a refusal that says why. Add them when the migration reconciler lands.
/// </para>
/// </summary>
public sealed partial class HostileObjects
{
    /// <summary>The label every generated object carries, valued with the run id, so cleanup finds them all.</summary>
    public const string RunLabel = "jujuops.io/fuzz-run";

    private const string ApiVersion = "jujuops.io/v1alpha1";
    private const string CredentialLabel = "jujuops.io/credential";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Quantities =
    [
        "1e40000", "999999999999999999999Ei", "-1Gi", "0", "9223372036854775807", "8Ei", "7Ei", "7.999999999Ei", "1e17",
        "1e18", "0.000000001", "+1Gi", "1.5", " 1Gi", "1Gi\n", "NaN", "Infinity", "1Gi ", "1gi", "0x10", "1_000", "٣Gi",
        "1.0000000001", "9007199254740993", "18446744073709551616Ei", "", "4Gi", "2500m", "1E", "1Pi",
    ];

    private static readonly string[] RawNumbers =
    [
        "3000000000", "-1", "1e40000", "0", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "1.5", "-0", "1e2", "9007199254740993", "-2147483649", "3",
    ];

    private static readonly string[] Durations =
    [
        "1e3s", "-1s", "999999999h999999999h999999999h999999999h", "2562047h47m16.854775808s", "2562047h47m16.854775807s",
        "1.5h", "0", ".s", "10s", "3s", "0s", "1d", "10 s", "∞", "1h1h1h1h1h1h1h1h", "", "9999999999s", "00000000000000000000000000000001s",
    ];

    private static readonly string[] Constraints =
    [
        "mem=lots", "cores=-1", "arch=quantum", "mem=4G mem=8G", "foo=bar", "mem=99999999999999999999G", "root-disk=1e40000",
        "virt-type=", "spaces=^^^", "zones=a,,b", @"tags=a\ b", "cores=2 mem=4G", "mem=1e40000M", "cpu-power=-100",
        "instance-type=☃", "mem=4G\u0000cores=2", "arch=amd64 arch=arm64", "mem=-1G", "cores=18446744073709551616",
        "container=lxd container=kvm", "mem", "=", "mem=4G,cores=2", "allocate-public-ip=maybe", "root-disk-source=../../etc",
    ];

    private static readonly string[] ConfigKeys =
    [
        "logging-config", "default-series", "default-base", "update-status-hook-interval", "automatically-retry-hooks",
        "enable-os-upgrade", "http-proxy", "juju-http-proxy", "max-action-results-age", "cloudinit-userdata", "agent-version",
        "name", "uuid", "type", "loging-config", "default-seriess", "UPDATE-STATUS-HOOK-INTERVAL", "no-such-key", "", " ",
        "ключ", "key\u0007bell", "container-networking-method", "provisioner-harvest-mode", "num-provision-workers",
    ];

    private static readonly string[] ConfigValues =
    [
        "maybe", "5 minutes", "-5m", "99999999999h", "<<<", "<root>=TRACE", "true", "false", "1e40000", "", "ubuntu@22.04",
        "jammy", "http://127.0.0.1:1", "none", "all", "-1", "2147483648", "\u0000", "line1\nline2\r\n\tline3", "☃☃☃",
        "\u202Egnp.exe", "${HOME}", "$(id)", "`id`", "{{ .Values }}", "%s%s%s%n", "'; DROP TABLE models; --", "5m", "3.6.1",
    ];

    private static readonly string[] ModelNames =
    [
        "default", "kube-system", "controller", "kube-public", "-leading", "UPPER", "ümlaut", "a", "0", "trailing-",
        "a.b", "a_b", "has space", "",
    ];

    private readonly Random _random;
    private readonly HostileContext _context;
    private readonly List<HostileObject> _objects = [];
    private readonly List<string> _raw = [];
    private readonly List<string> _modelNames = [];
    private int _tokens;

    private HostileObjects(int seed, HostileContext context)
    {
        // A seeded generator, not a security one: the point is reproducing a run from its seed.
#pragma warning disable CA5394
        _random = new Random(seed);
#pragma warning restore CA5394
        _context = context;
        Seed = seed;
    }

    private int Seed { get; }

    /// <summary>About <paramref name="count"/> objects (a case may add a Secret and the objects that name it).</summary>
    public static IReadOnlyList<HostileObject> Generate(HostileContext context, int seed, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        var generator = new HostileObjects(seed, context);
        generator.Home();
        while (generator._objects.Count < count)
            generator.Next();
        return generator._objects;
    }

    /// <summary>The controller the generated models and defaults use besides the good one: valid, one Kubernetes cloud.</summary>
    public static string HomeController(HostileContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"fz-{context.RunId}-home";
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, control characters shown as '?'.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new string([.. text.Take(max).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > max ? string.Create(CultureInfo.InvariantCulture, $"{shown}...({text.Length} chars)") : shown;
    }

    private void Home()
    {
        var name = HomeController(_context);
        Add("JujuController", name, null, "valid home controller", Controller(name, new JsonObject
        {
            ["clouds"] = new JsonArray(new JsonObject
            {
                ["name"] = "k8s",
                ["type"] = "kubernetes",
                ["regions"] = new JsonArray(new JsonObject { ["name"] = "default" }, new JsonObject { ["name"] = "east" }),
            }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = "alice", ["access"] = "login" }),
        }), []);
    }

    private void Next()
    {
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 12: ValidModel(); break;
            case < 22: BudgetModel(); break;
            case < 30: LongStringModel(); break;
            case < 37: ConfigModel(); break;
            case < 43: ConstraintsModel(); break;
            case < 48: ReferenceModel(); break;
            case < 53: ImmutableChange(); break;
            case < 58: ForcedDestroy(); break;
            case < 62: NameModel(); break;
            case < 65: AccessAndContentsModel(); break;
            case < 80: CredentialSecret(); break;
            case < 88: HostileController(); break;
            default: HostileDefaults(); break;
        }
    }

    // ---- JujuModels ----

    private void ValidModel()
    {
        var (name, spec) = ModelBase();
        if (Chance(50))
            spec["config"] = new JsonObject { ["logging-config"] = "<root>=INFO", ["update-status-hook-interval"] = "5m" };
        if (Chance(50))
            spec["constraints"] = "arch=amd64 mem=1G cores=1";
        if (Chance(30))
            spec["budget"] = new JsonObject { ["memory"] = "4Gi", ["cpu"] = "2", ["instances"] = 3 };
        AddModel(name, "valid model", spec);
    }

    private void BudgetModel()
    {
        var (name, spec) = ModelBase();
        var budget = new JsonObject();
        var what = new List<string>();
        foreach (var field in new[] { "memory", "cpu", "storage" })
        {
            if (!Chance(50))
                continue;
            var value = Pick(Quantities);
            var raw = Chance(25) && Regex.IsMatch(value, "^[0-9e.+-]+$");
            budget[field] = raw ? Raw(value) : (JsonNode)value;
            what.Add($"{field}={(raw ? value : Quote(value))}");
        }

        foreach (var field in new[] { "instances", "volumes" })
        {
            if (!Chance(50) && what.Count > 0)
                continue;
            var value = Pick(RawNumbers);
            budget[field] = Chance(15) ? (JsonNode)value : Raw(value);
            what.Add($"{field}={value}");
        }

        spec["budget"] = budget;
        AddModel(name, "budget " + string.Join(" ", what), spec);
    }

    private void LongStringModel()
    {
        var (name, spec) = ModelBase();
        switch (_random.Next(7))
        {
            case 0:
                var length = Pick([63, 64, 100_000, 253]);
                spec["name"] = new string('a', length);
                AddModel(name, $"spec.name of {length} chars", spec);
                break;
            case 1:
                var valueLength = Pick([65_536, 65_537, 60_000]);
                spec["config"] = new JsonObject { ["cloudinit-userdata"] = Filler(valueLength), ["logging-config"] = Filler(Pick([4_097, 40_000])) };
                AddModel(name, $"config value of {valueLength} chars", spec);
                break;
            case 2:
                var keys = Pick([256, 257, 1_000]);
                var config = new JsonObject();
                for (var i = 0; i < keys; i++)
                    config[string.Create(CultureInfo.InvariantCulture, $"unknown-key-{i:D4}-{Filler(40)}")] = Filler(100);
                spec["config"] = config;
                AddModel(name, $"{keys} unknown config keys", spec);
                break;
            case 3:
                var tags = Pick([4_090, 4_097, 100_000]);
                spec["constraints"] = "tags=" + Filler(tags - 5);
                AddModel(name, $"constraints of {tags} chars", spec);
                break;
            case 4:
                var message = Pick([1_024, 1_025, 30_000]);
                spec["disabledCommands"] = new JsonArray(new JsonObject { ["command"] = "destroy-model", ["message"] = Unicode(message) });
                AddModel(name, $"disabled-command message of {message} chars", spec);
                break;
            case 5:
                spec["owner"] = new string('o', Pick([253, 254, 5_000]));
                AddModel(name, "long owner", spec);
                break;
            default:
                spec["agentStream"] = new string('z', Pick([63, 64, 10_000]));
                spec["agentVersion"] = Pick(["999999999.999999999.999999999", "3.6.1.2", "0.0.0", "1234567890.1.1", "3.6-beta1", "3.7.0"]);
                AddModel(name, "long agent stream, odd agent version", spec);
                break;
        }
    }

    private void ConfigModel()
    {
        var (name, spec) = ModelBase();
        var config = new JsonObject();
        var keys = 1 + _random.Next(4);
        for (var i = 0; i < keys; i++)
        {
            var key = Pick(ConfigKeys);
            config[key] = Chance(20) ? Unicode(_random.Next(1, 300)) : Pick(ConfigValues);
        }

        spec["config"] = config;
        AddModel(name, "config " + string.Join(",", config.Select(p => Quote(p.Key) + "=" + Quote(p.Value!.GetValue<string>()))), spec);
    }

    private void ConstraintsModel()
    {
        var (name, spec) = ModelBase();
        var constraints = Pick(Constraints);
        spec["constraints"] = constraints;
        AddModel(name, "constraints " + Quote(constraints), spec);
    }

    private void ReferenceModel()
    {
        var (name, spec) = ModelBase();
        var what = _random.Next(5) switch
        {
            0 => Set(spec, "controller", "no-such-controller-" + _context.RunId),
            1 => Set(spec, "cloud", "nowhere"),
            2 => Set(spec, "region", "mars"),
            3 => Set(spec, "credential", "nobody"),
            _ => Set(spec, "controller", Pick(["UPPER", "a..b", new string('c', 254), "ctl☃"])),
        };
        AddModel(name, "references " + what, spec);
    }

    private void ImmutableChange()
    {
        var (name, spec) = ModelBase();
        var first = Model(name, spec);
        var changed = (JsonObject)spec.DeepClone();
        var what = _random.Next(5) switch
        {
            0 => Set(changed, "name", "renamed-" + _context.RunId + "-" + _objects.Count.ToString(CultureInfo.InvariantCulture)),
            1 => Set(changed, "cloud", "other"),
            2 => Set(changed, "region", "east"),
            3 => Set(changed, "owner", "alice"),
            _ => Set(changed, "controller", Chance(50) ? _context.GoodController : HomeController(_context)),
        };
        Add("JujuModel", name, _context.Namespace, "immutable change of " + what, Serialize(first), []);
        _objects[^1] = _objects[^1] with { Then = Serialize(Model(name, changed)) };
    }

    private void ForcedDestroy()
    {
        var (name, spec) = ModelBase();
        var destroy = new JsonObject();
        if (Chance(70))
            destroy["force"] = true;
        if (Chance(70))
            destroy["timeout"] = Pick(["0", "0s", "3s", "10s", "1.5s", "-1s", "1e3s", "99999999h"]);
        if (Chance(30))
            destroy["storage"] = Pick(["destroy", "release", "keep"]);
        spec["destroy"] = destroy;
        if (Chance(25))
            spec["disabledCommands"] = new JsonArray(new JsonObject { ["command"] = Pick(["destroy-model", "all", "remove-object"]), ["message"] = "do not" });
        Add("JujuModel", name, _context.Namespace, "destroy " + destroy.ToJsonString(Compact) + (spec["disabledCommands"] is null ? "" : " with a disabled command"),
            Serialize(Model(name, spec)), []);
        _objects[^1] = _objects[^1] with { DeleteAfter = true };
    }

    private void NameModel()
    {
        var (name, spec) = ModelBase();
        string what;
        if (_modelNames.Count > 0 && Chance(30))
            what = Set(spec, "name", Pick([.. _modelNames]));
        else if (Chance(20))
            what = Set(spec, "name", _context.Namespace);
        else
            what = Set(spec, "name", Pick(ModelNames));
        if (Chance(15))
        {
            // A metadata.name the API server refuses.
            name = Pick(["UPPER-" + _context.RunId, "fz-" + _context.RunId + "-☃", new string('m', 300), "fz_" + _context.RunId]);
            what += ", metadata.name " + Quote(name);
        }

        AddModel(name, "model name " + what, spec);
    }

    private void AccessAndContentsModel()
    {
        var (name, spec) = ModelBase();
        switch (_random.Next(4))
        {
            case 0:
                spec["access"] = new JsonArray(
                    new JsonObject { ["user"] = Pick(["bob", "bob@external", "-bob", "b", "admin", "everyone@external", "☃"]), ["access"] = Pick(["read", "write", "admin", "superuser"]) },
                    new JsonObject { ["user"] = "carol", ["access"] = "read" });
                AddModel(name, "access " + spec["access"]!.ToJsonString(Compact), spec);
                break;
            case 1:
                var users = new JsonArray();
                var userCount = Pick([2, 500]);
                for (var i = 0; i < userCount; i++)
                    users.Add(new JsonObject { ["user"] = i == 1 ? "dup" : string.Create(CultureInfo.InvariantCulture, $"user{i}"), ["access"] = "read" });
                users.Add(new JsonObject { ["user"] = "dup", ["access"] = "write" });
                spec["access"] = users;
                AddModel(name, $"{users.Count} users, one twice", spec);
                break;
            case 2:
                spec["applications"] = new JsonObject
                {
                    [Pick(["app", "App", "-app", "a☃"])] = new JsonObject
                    {
                        ["charm"] = Pick(["postgresql", "", "local:../../etc/passwd", new string('c', 300)]),
                        ["numUnits"] = Raw(Pick(RawNumbers)),
                        ["revision"] = Raw(Pick(RawNumbers)),
                        ["constraints"] = Pick(Constraints),
                    },
                };
                spec["relations"] = new JsonArray(new JsonArray("app:db", "missing:db"), new JsonArray("app"));
                AddModel(name, "applications " + Cut(spec["applications"]!.ToJsonString(Compact), 120), spec);
                break;
            default:
                spec["machines"] = new JsonObject { [Pick(["0", "-1", "lxd:0", "99999999999999999999"])] = new JsonObject { ["constraints"] = Pick(Constraints), ["base"] = "ubuntu@22.04" } };
                AddModel(name, "machines on a kubernetes cloud " + Cut(spec["machines"]!.ToJsonString(Compact), 100), spec);
                break;
        }
    }

    // ---- Credential Secrets and the controllers (and models) that name them ----

    private void CredentialSecret()
    {
        var secret = Name("cred");
        var token = Token();
        var (what, data, binary) = _random.Next(19) switch
        {
            0 => ("exec", Kubeconfig($"    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /bin/sh\n      args: [\"-c\", \"echo {token}\"]\n      env:\n      - name: T\n        value: {token}\n"), false),
            1 => ("auth-provider", Kubeconfig($"    auth-provider:\n      name: oidc\n      config:\n        id-token: {token}\n        client-secret: {token}\n"), false),
            2 => ("tokenFile", Kubeconfig("    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n"), false),
            3 => ("file paths", Kubeconfig("    client-certificate: /etc/passwd\n    client-key: /etc/shadow\n", clusterExtra: "    certificate-authority: /etc/ssl/private/key.pem\n"), false),
            4 => ("garbage YAML", $"{{{{{{: {token} ]]]\n\t- :\n  *nope\n%YAML 9.9\n", false),
            5 => ("huge YAML", HugeKubeconfig(token), false),
            6 => ("deeply nested YAML", new string('[', Pick([33, 1_000, 100_000])) + token, false),
            7 => ("deeply nested mappings", NestedMappings(Pick([40, 3_000]), token), false),
            8 => ("binary bytes", Binary(token), true),
            9 => ("YAML alias bomb", AliasBomb(token), false),
            10 => ("merge key smuggling exec", Kubeconfig($"    <<: *exec\n    token: {token}\n", prefix: $"x-exec: &exec\n  exec:\n    command: /bin/sh\n    args: [\"{token}\"]\n"), false),
            11 => ("self-referencing anchor", $"a: &a\n  b: *a\n  token: {token}\n" + Kubeconfig($"    token: {token}\n"), false),
            12 => ("bogus token", Kubeconfig($"    token: {token}\n"), false),
            13 => ("basic auth", Kubeconfig($"    username: admin\n    password: {token}\n"), false),
            14 => ("insecure-skip-tls-verify", Kubeconfig($"    token: {token}\n", clusterExtra: "    insecure-skip-tls-verify: true\n"), false),
            15 => ("proxy-url", Kubeconfig($"    token: {token}\n", clusterExtra: "    proxy-url: http://127.0.0.1:1\n"), false),
            16 => ("odd server", Kubeconfig($"    token: {token}\n", server: Pick(["file:///etc/passwd", "http://127.0.0.1:1", "https://192.0.2.1:6443", "gopher://x", "https://[::1", "", $"https://{token}@127.0.0.1:1"])), false),
            17 => ("no or missing current-context", Kubeconfig($"    token: {token}\n").Replace("current-context: context", Pick(["current-context: nowhere", "", $"current-context: {token}"]), StringComparison.Ordinal), false),
            _ => ("several documents", Kubeconfig($"    token: {token}\n") + "---\n" + Kubeconfig($"    token: {token}\n"), false),
        };

        var labelled = !Chance(8);
        var key = Chance(10) ? "other" : "kubeconfig";
        var secretObject = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = Metadata(secret, _context.Namespace, labelled ? new JsonObject { [CredentialLabel] = "" } : null),
            ["type"] = "Opaque",
        };
        if (binary)
            secretObject["data"] = new JsonObject { [key] = data };
        else
            secretObject["stringData"] = new JsonObject { [key] = data };
        var notes = what + (labelled ? "" : ", unlabelled") + (key == "kubeconfig" ? "" : ", under another key");
        Add("Secret", secret, _context.Namespace, notes, Serialize(secretObject), [token]);

        var controller = Name("jc");
        var secretRef = new JsonObject { ["name"] = secret, ["namespace"] = Chance(5) ? "no-such-namespace" : _context.Namespace };
        if (Chance(30))
            secretRef["key"] = Pick(["kubeconfig", "missing", "other"]);
        var viaKubeconfigRef = Chance(15);
        var spec = new JsonObject
        {
            ["clouds"] = new JsonArray(new JsonObject
            {
                ["name"] = "remote",
                ["type"] = "kubernetes",
            }),
        };
        if (viaKubeconfigRef)
            spec["kubeconfigSecretRef"] = secretRef;
        else
            spec["clouds"]![0]!["credentials"] = new JsonArray(new JsonObject { ["name"] = "admin", ["authType"] = "oauth2", ["secretRef"] = secretRef });
        Add("JujuController", controller, null, $"names secret {secret} ({notes}){(viaKubeconfigRef ? " as kubeconfigSecretRef" : "")}", Controller(controller, spec), []);

        if (Chance(40))
        {
            var (model, modelSpec) = ModelBase(controller);
            modelSpec["credential"] = "admin";
            modelSpec["destroy"] = new JsonObject { ["force"] = true, ["timeout"] = "3s" };
            AddModel(model, $"on controller {controller} with credential from {secret}", modelSpec);
            if (Chance(50))
                _objects[^1] = _objects[^1] with { DeleteAfter = true };
        }
    }

    private string Kubeconfig(string userLines, string clusterExtra = "", string? server = null, string prefix = "") => $"""
        {prefix}apiVersion: v1
        kind: Config
        clusters:
        - name: cluster
          cluster:
            server: "{server ?? _context.Server}"
            certificate-authority-data: {_context.CertificateAuthorityData}
        {clusterExtra}users:
        - name: user
          user:
        {userLines}contexts:
        - name: context
          context:
            cluster: cluster
            user: user
        current-context: context

        """;

    private string HugeKubeconfig(string token)
    {
        var text = new StringBuilder(Kubeconfig($"    token: {token}\n"));
        var size = Pick([900_000, 1_200_000, 300_000]);
        var line = 0;
        while (text.Length < size)
            text.Append(CultureInfo.InvariantCulture, $"x-padding-{line++}: \"{token}-{Filler(80)}\"\n");
        return text.ToString();
    }

    private static string NestedMappings(int depth, string token)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
            text.Append(' ', i).Append(CultureInfo.InvariantCulture, $"k{i}:\n");
        return text.Append(' ', depth).Append("token: ").Append(token).Append('\n').ToString();
    }

    private string Binary(string token)
    {
        var bytes = new byte[Pick([16, 4_096, 200_000])];
        _random.NextBytes(bytes);
        var withToken = bytes.Concat(Encoding.UTF8.GetBytes(token)).ToArray();
        return Convert.ToBase64String(withToken);
    }

    private static string AliasBomb(string token)
    {
        // Nine levels of ten: 10^9 nodes if expanded, a few hundred bytes as written.
        var text = new StringBuilder($"a0: &a0 [\"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\", \"{token}\"]\n");
        for (var i = 1; i < 9; i++)
            text.Append(CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return text.Append("users: *a8\nclusters: *a8\ncontexts: *a8\ncurrent-context: *a0\n").ToString();
    }

    // ---- JujuControllers ----

    private void HostileController()
    {
        var name = Name("jc");
        var cloud = new JsonObject { ["name"] = "k8s", ["type"] = "kubernetes" };
        var spec = new JsonObject { ["clouds"] = new JsonArray(cloud) };
        string what;
        switch (_random.Next(9))
        {
            case 0:
                cloud["type"] = Pick(["lxd", "ec2", "manual", "maas", "azure", "openstack", "nimbus"]);
                what = "cloud type " + cloud["type"]!.GetValue<string>();
                if (Chance(60))
                {
                    // And a model on it.
                    Add("JujuController", name, null, what, Controller(name, spec), []);
                    var (model, modelSpec) = ModelBase(name);
                    modelSpec["destroy"] = new JsonObject { ["force"] = true, ["timeout"] = "0s" };
                    AddModel(model, "model on a " + what + " cloud", modelSpec);
                    return;
                }

                break;
            case 1:
                name = "fz-" + _context.RunId + "-" + new string('n', Pick([253, 254, 300]) - 4 - _context.RunId.Length);
                what = $"metadata.name of {name.Length} chars";
                break;
            case 2:
                spec["name"] = Pick([new string('s', 253), new string('s', 254), "☃", "-x", "controller", "UPPER.case_ok"]);
                what = "spec.name " + Quote(spec["name"]!.GetValue<string>());
                break;
            case 3:
                var config = new JsonObject();
                foreach (var key in new[] { "agent-ratelimit-max", "agent-ratelimit-rate", "migration-agent-wait-time", "no-such-key", "api-port" })
                {
                    if (Chance(60))
                        config[key] = Pick(["-1", "1e40000", "5 parsecs", "-1s", "99999999999h", "", "2147483648", Filler(Pick([100, 65_536])), "☃\u0000"]);
                }

                spec["config"] = config;
                what = "controller config " + Cut(config.ToJsonString(Compact), 150);
                break;
            case 4:
                spec["clouds"] = Chance(50) ? new JsonArray() : new JsonArray(cloud.DeepClone(), cloud.DeepClone());
                what = $"{spec["clouds"]!.AsArray().Count} clouds (none, or one twice)";
                break;
            case 5:
                spec["users"] = new JsonArray(
                    new JsonObject { ["name"] = Pick(["admin", "-u", "u", "everyone@external", new string('u', 300)]), ["access"] = Pick(["login", "superuser", "root"]), ["displayName"] = Unicode(Pick([10, 300])) },
                    new JsonObject { ["name"] = "eve", ["disabled"] = true });
                what = "users " + Cut(spec["users"]!.ToJsonString(Compact), 150);
                break;
            case 6:
                cloud["endpoint"] = Pick(["javascript:alert(1)", "https://[::1", "http://127.0.0.1:1", "https://192.0.2.1:6443", Filler(2_048), Filler(2_049), "file:///etc/passwd", "\u0000"]);
                what = "endpoint " + Quote(cloud["endpoint"]!.GetValue<string>());
                break;
            case 7:
                var regions = new JsonArray();
                var regionCount = Pick([0, 1_000]);
                for (var i = 0; i < regionCount; i++)
                    regions.Add(new JsonObject { ["name"] = string.Create(CultureInfo.InvariantCulture, $"r{i}"), ["endpoint"] = Filler(50) });
                cloud["regions"] = regions;
                cloud["credentials"] = new JsonArray(new JsonObject { ["name"] = "c", ["authType"] = Pick(["oauth2", "UPPER", "certificate"]), ["secretRef"] = new JsonObject { ["name"] = "no-such-secret", ["namespace"] = _context.Namespace } });
                what = $"{regions.Count} regions, credential naming a missing Secret";
                break;
            default:
                spec["agentVersion"] = Pick(["999999999.999999999.999999999", "0.0.0", "3.6.1.2", "3.6", "v3.6.1", "3.6.1\n"]);
                spec["kubeconfigSecretRef"] = new JsonObject { ["name"] = "no-such-secret", ["namespace"] = _context.Namespace, ["key"] = Filler(Pick([10, 300])) };
                what = "agent version " + Quote(spec["agentVersion"]!.GetValue<string>()) + ", kubeconfigSecretRef to a missing Secret";
                break;
        }

        Add("JujuController", name, null, what, Controller(name, spec), []);
    }

    // ---- ModelDefaults ----

    private void HostileDefaults()
    {
        var name = Name("md");
        var onGood = Chance(15);
        var spec = new JsonObject { ["controller"] = onGood ? _context.GoodController : HomeController(_context) };
        var config = new JsonObject();
        string what;
        switch (_random.Next(7))
        {
            case 0:
                // The same scope twice: both say so.
                spec["cloud"] = "k8s";
                config["logging-config"] = "<root>=DEBUG";
                spec["config"] = config;
                Add("ModelDefaults", name, null, "scope claimed twice (first)", Defaults(name, spec), []);
                name = Name("md");
                what = "scope claimed twice (second)";
                config = new JsonObject { ["logging-config"] = "<root>=WARNING" };
                break;
            case 1:
                spec["controller"] = Pick(["no-such-controller-" + _context.RunId, "UPPER", new string('c', 254)]);
                config["logging-config"] = "<root>=INFO";
                what = "controller " + Quote(spec["controller"]!.GetValue<string>());
                break;
            case 2:
                spec["region"] = Pick(["default", "mars"]);
                if (Chance(50))
                    spec["cloud"] = Pick(["k8s", "nowhere"]);
                config["update-status-hook-interval"] = "10m";
                what = $"cloud {spec["cloud"]?.GetValue<string>() ?? "(none)"}, region {spec["region"]!.GetValue<string>()}";
                break;
            case 3:
                config["agent-version"] = "3.6.1";
                config[Pick(ConfigKeys)] = Pick(ConfigValues);
                what = "agent-version default and " + Cut(config.ToJsonString(Compact), 100);
                break;
            case 4:
                var keyCount = Pick([256, 257]);
                for (var i = 0; i < keyCount; i++)
                    config[string.Create(CultureInfo.InvariantCulture, $"k{i}")] = Filler(Pick([10, 255]));
                what = $"{config.Count} keys";
                break;
            case 5:
                config["cloudinit-userdata"] = Filler(Pick([65_536, 65_537]));
                config["logging-config"] = Unicode(Pick([100, 5_000]));
                what = "huge and unicode values";
                break;
            default:
                var entries = 1 + _random.Next(4);
                for (var i = 0; i < entries; i++)
                    config[Pick(ConfigKeys)] = Pick(ConfigValues);
                what = "config " + Cut(config.ToJsonString(Compact), 150);
                break;
        }

        spec["config"] = config;
        Add("ModelDefaults", name, null, what + (onGood ? ", on the good controller" : ""), Defaults(name, spec), []);
    }

    // ---- Building blocks ----

    private (string Name, JsonObject Spec) ModelBase(string? controller = null)
    {
        var name = Name("jm");
        _modelNames.Add(name);
        var spec = new JsonObject { ["controller"] = controller ?? (Chance(30) ? _context.GoodController : HomeController(_context)) };
        if (controller is null && Chance(50))
            spec["cloud"] = "k8s";
        if (controller is null && Chance(30))
            spec["region"] = Pick(["default", "east"]);
        return (name, spec);
    }

    private void AddModel(string name, string what, JsonObject spec) =>
        Add("JujuModel", name, _context.Namespace, what, Serialize(Model(name, spec)), []);

    private JsonObject Model(string name, JsonObject spec) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "JujuModel",
        ["metadata"] = Metadata(name, _context.Namespace),
        ["spec"] = spec.DeepClone(),
    };

    private string Controller(string name, JsonObject spec) => Serialize(new JsonObject
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "JujuController",
        ["metadata"] = Metadata(name, null),
        ["spec"] = spec,
    });

    private string Defaults(string name, JsonObject spec) => Serialize(new JsonObject
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ModelDefaults",
        ["metadata"] = Metadata(name, null),
        ["spec"] = spec.DeepClone(),
    });

    private JsonObject Metadata(string name, string? ns, JsonObject? labels = null)
    {
        labels ??= [];
        labels[RunLabel] = _context.RunId;
        var metadata = new JsonObject { ["name"] = name, ["labels"] = labels };
        if (ns is not null)
            metadata["namespace"] = ns;
        return metadata;
    }

    private void Add(string kind, string name, string? ns, string what, string json, IReadOnlyList<string> tokens) =>
        _objects.Add(new HostileObject(_objects.Count, kind, name, ns, what, json, tokens));

    /// <summary>A unique object name: run id, index, kind tag (a cluster-scoped name must not clash with other runs).</summary>
    private string Name(string tag) => string.Create(CultureInfo.InvariantCulture, $"fz-{_context.RunId}-{_objects.Count:D3}-{tag}");

    /// <summary>A secret value: recognisable, unique per run and object, and never legitimately in any output.</summary>
    private string Token() => string.Create(CultureInfo.InvariantCulture, $"fzsecret{Seed:x8}t{_tokens++:D3}{_random.Next():x8}");

    /// <summary>A value emitted verbatim into the JSON (numbers no JSON library here holds, such as 1e40000).</summary>
    private JsonValue Raw(string text)
    {
        _raw.Add(text);
        return JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"@@raw{_raw.Count - 1}@@"))!;
    }

    private string Serialize(JsonObject node) =>
        RawPlaceholder().Replace(node.ToJsonString(Compact), m => _raw[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);

    private static string Set(JsonObject spec, string field, string value)
    {
        spec[field] = value;
        return $"{field}={Quote(value)}";
    }

    private static string Quote(string value) => "\"" + Cut(value, 40) + "\"";

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private string Filler(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)('a' + _random.Next(26));
        return new string(chars);
    }

    /// <summary>Unicode of every sort: combining marks, right-to-left overrides, emoji (surrogate pairs), control characters.</summary>
    private string Unicode(int length)
    {
        string[] pieces = ["é", "\u0301", "\u202E", "\u200B", "😀", "\u0000", "\u001B[31m", "\t", "\n", "☃", "中", "\uFEFF", "\\", "\"", "'", "<", "%"];
        var text = new StringBuilder();
        while (text.Length < length)
            text.Append(Pick(pieces));
        // Never end on half a surrogate pair.
        var cut = text.ToString(0, length);
        return char.IsHighSurrogate(cut[^1]) ? cut[..^1] + "x" : cut;
    }

    [GeneratedRegex("\"@@raw([0-9]+)@@\"")]
    private static partial Regex RawPlaceholder();
}
