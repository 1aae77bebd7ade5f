using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using k8s.Models;

namespace JujuOps.Cli.Tests;

/// <summary>JujuModels and a controller shaped like the how-to's example outputs (seed-manage-models.md).</summary>
public static class HowToModels
{
    public static readonly DateTime Now = new(2026, 12, 1, 15, 7, 52, DateTimeKind.Utc);

    public static JujuController Controller() => new()
    {
        Metadata = new V1ObjectMeta { Name = "localhost-localhost", Uid = "f06afa86-3461-42bb-86ed-6c2f5d7b0ac7" },
        Spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "localhost", Type = "lxd", Regions = [new CloudRegion { Name = "localhost" }] }] },
        Status = new JujuControllerStatus { Uuid = "f06afa86-3461-42bb-86ed-6c2f5d7b0ac7" },
    };

    public static JujuModel Model(string name, DateTime? lastConnection = null, int machines = 0, int units = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team" },
        Spec = new JujuModelSpec { Controller = "localhost-localhost" },
        Status = new JujuModelStatus
        {
            Uuid = "3850c8cc-0cd0-4d53-8a6d-591b63024141",
            ModelType = ModelTypeValue.Iaas,
            ProviderType = "lxd",
            CloudRegion = "localhost/localhost",
            Controller = "localhost-localhost",
            Life = ModelLife.Alive,
            AgentVersion = "3.1.0",
            ModelStatus = new JujuStatus { Current = "available", Since = Now.AddHours(-5) },
            Users = [new ModelUser { Name = "admin", DisplayName = "admin", Access = "admin", LastConnection = lastConnection }],
            Machines = [.. Enumerable.Range(0, machines).Select(i => new MachineStatus { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
            Applications = units == 0 ? null : [new ApplicationStatus { Name = "app", Units = [.. Enumerable.Range(0, units).Select(i => new UnitStatus { Name = "app/" + i })] }],
            Credential = new CredentialStatus { Name = "localhost", Owner = "admin", Cloud = "localhost", ValidityCheck = "valid" },
        },
    };
}
