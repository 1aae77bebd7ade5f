using System.Text.Json;
using k8s;

namespace JujuOps.Api.Tests.Samples;

/// <summary>Every sample survives our C# types: no field the YAML has is lost or changed on the way through.</summary>
public class SampleRoundTripTests
{
    public static TheoryData<string> Samples => SampleFiles.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_round_trips_through_yaml(string sample)
    {
        var yaml = SampleFiles.Read(sample);

        var typed = Load(yaml);

        Assert.Equal(YamlTree.FromYaml(yaml), YamlTree.FromYaml(KubernetesYaml.Serialize(typed)));
    }

    /// <summary>JSON is what the operator exchanges with the API server, so it must keep every field too.</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_round_trips_through_json(string sample)
    {
        var yaml = SampleFiles.Read(sample);
        var typed = Load(yaml);

        var json = KubernetesJson.Serialize(typed);
        var back = DeserializeJson(json, typed.GetType());

        Assert.Equal(YamlTree.FromYaml(yaml), YamlTree.FromJson(json));
        Assert.Equal(json, KubernetesJson.Serialize(back));
    }

    [Fact]
    public void Samples_cover_every_kind()
    {
        var kinds = SampleFiles.All.Select(name => Load(SampleFiles.Read(name)).GetType()).ToHashSet();

        Assert.Equal(SampleFiles.TypeMap.Values.ToHashSet(), kinds);
    }

    private static object DeserializeJson(string json, Type type) =>
        typeof(KubernetesJson).GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(JsonSerializerOptions)])!
            .MakeGenericMethod(type)
            .Invoke(null, [json, null])!;

    /// <summary>Strict loading fails on a key our types do not have, so a dropped field cannot pass silently.</summary>
    private static object Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, SampleFiles.TypeMap, strict: true).Single();
}
