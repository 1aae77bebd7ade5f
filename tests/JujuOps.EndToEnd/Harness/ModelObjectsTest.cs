namespace JujuOps.EndToEnd.Harness;

/// <summary>
/// A test class that declares JujuModels: its own namespace for the objects (all destroyed afterwards) and the
/// YAML of a model on the fixture's controller, the way a user would write it.
/// </summary>
public abstract class ModelObjectsTest(OperatorFixture fixture) : IAsyncLifetime
{
    protected OperatorFixture Fixture => fixture;

    protected ModelObjectsNamespace Objects { get; private set; } = null!;

    public async Task InitializeAsync() => Objects = await ModelObjectsNamespace.CreateAsync(fixture);

    public virtual async Task DisposeAsync() => await Objects.DisposeAsync();

    /// <summary>A JujuModel in <see cref="Objects"/> on the fixture's controller; <paramref name="spec"/> adds indented spec lines.</summary>
    protected string ModelYaml(string name, string spec = "") => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuModel
        metadata:
          name: {name}
          namespace: {Objects.Name}
        spec:
          controller: {fixture.Controller}
        {spec}
        """;

    /// <summary>Applies a model and waits until it is Ready.</summary>
    protected async Task ApplyReadyModelAsync(string name, string spec = "")
    {
        await fixture.ApplyAsync(ModelYaml(name, spec));
        await fixture.WaitAsync("jm/" + name, Objects.Name, "condition=Ready");
    }
}
