using CsCheck;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Domain.Tests.Constraints;

public class ConstraintsPropertyTests
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-._ \\=^"], 0, 8];
    private static readonly Gen<string> SpaceName = Gen.String[Gen.Char["abcxyz0189"], 1, 6];
    // A list of one empty item would render as "tags=", which reads back as the empty list; Parse never makes one.
    private static readonly Gen<string[]> WordList = Word.Where(word => word.Length > 0).Array[0, 3];

    private static readonly Gen<JujuConstraints> AnyConstraints =
        Gen.Select(
            Gen.Select(Gen.OneOf<string?>(null, "", "amd64", "arm64", "riscv64"), Gen.OneOf<string?>(null, "", "lxd", "kvm", "none"), Gen.ULong.Nullable(), Gen.ULong.Nullable(), Word.Null()),
            Gen.Select(Word.Null(), Gen.ULong.Nullable(), Gen.ULong.Nullable(), Word.Null(), WordList.Null()),
            Gen.Select(SpaceName.Array[0, 3].Null(), Word.Null(), WordList.Null(), Gen.Bool.Nullable(), Word.Null()),
            (a, b, c) => new JujuConstraints
            {
                Arch = a.Item1, Container = a.Item2, Cores = a.Item3, CpuPower = a.Item4, InstanceRole = a.Item5,
                InstanceType = b.Item1, Mem = b.Item2, RootDisk = b.Item3, RootDiskSource = b.Item4, Tags = b.Item5,
                Spaces = c.Item1, VirtType = c.Item2, Zones = c.Item3, AllocatePublicIp = c.Item4, ImageId = c.Item5,
            });

    [Fact]
    public void Constraints_round_trip_through_format_and_parse() =>
        AnyConstraints.Sample(constraints =>
        {
            var text = constraints.ToString();
            var parsed = JujuConstraints.Parse(text);
            Assert.Equal(constraints, parsed);
            Assert.Equal(text, parsed.ToString());
        });

    [Fact]
    public void No_input_string_throws_anything_but_a_validation_error() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["acemorstp=-1G.^ \\,"], 0, 40]).Sample(text =>
        {
            try
            {
                var parsed = JujuConstraints.Parse(text);
                Assert.Equal(parsed, JujuConstraints.Parse(parsed.ToString()));
            }
            catch (JujuValidationException)
            {
            }
        });
}
