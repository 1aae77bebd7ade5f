using JujuOps.Domain.Clouds;

namespace JujuOps.Domain.Tests.Clouds;

public class ModelPlacementTests
{
    private static readonly ControllerCloud K8s = new("k8s", ["default", "east"], []);
    private static readonly ControllerCloud Lxd = new("lxd", [], ["cert"]);
    private static readonly ControllerCloud Ec2 = new("aws", ["us-east-1"], ["ops", "dev"]);

    private static string Refusal(IReadOnlyList<ControllerCloud> clouds, string? cloud = null, string? region = null, string? credential = null) =>
        Assert.Throws<JujuValidationException>(() => ModelPlacement.Resolve(clouds, cloud, region, credential, "alice")).Message;

    [Fact]
    public void The_only_cloud_its_default_region_and_no_credential_on_a_cloud_that_declares_none()
    {
        var placement = ModelPlacement.Resolve([K8s], null, null, null, "admin");

        Assert.Equal((K8s, "default", null), (placement.Cloud, placement.Region, placement.Credential));
        Assert.Equal("k8s/default", placement.CloudRegion);
    }

    [Fact]
    public void A_named_cloud_region_and_credential_are_used()
    {
        var placement = ModelPlacement.Resolve([K8s, Ec2], "aws", "us-east-1", "dev", "admin");

        Assert.Equal(("aws", "us-east-1", "dev"), (placement.Cloud.Name, placement.Region, placement.Credential));
    }

    [Fact]
    public void A_cloud_without_regions_prints_without_a_slash_and_its_only_credential_is_used()
    {
        var placement = ModelPlacement.Resolve([Lxd], null, null, null, "admin");

        Assert.Equal(("lxd", null, "cert"), (placement.CloudRegion, placement.Region, placement.Credential));
    }

    [Fact]
    public void An_unknown_cloud_on_a_one_cloud_controller_is_read_as_a_region_as_Juju_says() =>
        Assert.Equal("\"mars\" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud \"k8s\".", Refusal([K8s], "mars"));

    [Fact]
    public void An_unknown_cloud_on_a_controller_with_several_is_not_found() =>
        Assert.Equal("cloud \"mars\" not found", Refusal([K8s, Lxd], "mars"));

    [Fact]
    public void Several_clouds_and_none_named_lists_them_with_their_regions() =>
        Assert.Equal(
            "this controller manages more than one cloud.\nPlease specify which cloud/region to use:\n\nCloud  Regions\nk8s  default, east\nlxd  ",
            Refusal([K8s, Lxd]));

    [Fact]
    public void An_unknown_region_lists_the_expected_ones() =>
        Assert.Equal("getting cloud region: region \"mars\" not found (expected one of [\"default\" \"east\"])", Refusal([K8s], region: "mars"));

    [Fact]
    public void An_unknown_credential_names_the_owner_and_the_help_command() =>
        Assert.Equal(
            "getting credential: cloud credential \"aws/alice/nope\" not found\nSee `juju add-credential aws --help` for instructions",
            Refusal([Ec2], credential: "nope"));

    [Fact]
    public void Several_credentials_and_none_named_is_Juju_no_credential_specified() =>
        Assert.Equal("no credential specified", Refusal([Ec2]));
}
