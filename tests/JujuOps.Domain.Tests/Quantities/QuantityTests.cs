using System.Diagnostics;
using CsCheck;
using JujuOps.Domain.Quantities;

namespace JujuOps.Domain.Tests.Quantities;

public class QuantityTests
{
    [Theory]
    [InlineData("8Gi", "8589934592", "8Gi")]
    [InlineData("4", "4", "4")]
    [InlineData("+4", "4", "4")]
    [InlineData("2500m", "2.5", "2500m")]
    [InlineData("2.5", "2.5", "2500m")]
    [InlineData("0.5", "0.5", "500m")]
    [InlineData(".5", "0.5", "500m")]
    [InlineData("1.", "1", "1")]
    [InlineData("1024Mi", "1073741824", "1Gi")]
    [InlineData("1536Mi", "1610612736", "1536Mi")]
    [InlineData("0.5Ki", "512", "512")]
    [InlineData("1.5Gi", "1610612736", "1536Mi")]
    [InlineData("8000", "8000", "8k")]
    [InlineData("1e3", "1000", "1k")]
    [InlineData("1E3", "1000", "1k")]
    [InlineData("1e+3", "1000", "1k")]
    [InlineData("1e-3", "0.001", "1m")]
    [InlineData("1E", "1000000000000000000", "1E")]
    [InlineData("100n", "0.0000001", "100n")]
    [InlineData("1u", "0.000001", "1u")]
    [InlineData("0", "0", "0")]
    [InlineData("0Gi", "0", "0")]
    [InlineData("-0", "0", "0")]
    [InlineData("0e40000", "0", "0")]
    [InlineData("9223372036854775807", "9223372036854775807", "9223372036854775807")]
    [InlineData("7.999999999Ei", "9223372035701854303.393153024", "9223372035701854303393153024n")]
    public void A_quantity_has_its_exact_value_and_canonical_spelling(string text, string value, string canonical)
    {
        var quantity = Quantity.Parse(text, "budget memory");

        Assert.Equal(text, quantity.Text);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
        Assert.Equal(canonical, quantity.Canonical);
        Assert.Equal(quantity.Value, Quantity.Parse(quantity.Canonical, "budget memory").Value);
    }

    /// <summary>Like Kubernetes, precision finer than a nano-unit is rounded up, never to zero.</summary>
    [Theory]
    [InlineData("1.5n", "2n")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("1e-40000", "1n")]
    [InlineData("0.0001Ki", "102400u")]
    public void Finer_than_a_nano_unit_rounds_up(string text, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(text, "budget cpu").Canonical);
    }

    [Theory]
    [InlineData("-1Gi", "budget memory \"-1Gi\" not valid: must not be negative")]
    [InlineData("-0.001", "budget memory \"-0.001\" not valid: must not be negative")]
    [InlineData("1e40000", "budget memory \"1e40000\" not valid: too large")]
    [InlineData("999999999999999999999Ei", "budget memory \"999999999999999999999Ei\" not valid: too large")]
    [InlineData("8Ei", "budget memory \"8Ei\" not valid: too large")]
    [InlineData("9223372036854775808", "budget memory \"9223372036854775808\" not valid: too large")]
    [InlineData("9223372036854775807.000000001", "budget memory \"9223372036854775807.000000001\" not valid: too large")]
    [InlineData("10E", "budget memory \"10E\" not valid: too large")]
    [InlineData("lots", "budget memory \"lots\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("", "budget memory \"\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("8GB", "budget memory \"8GB\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("8gi", "budget memory \"8gi\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("8K", "budget memory \"8K\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData(" 8Gi", "budget memory \" 8Gi\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData(".", "budget memory \".\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("1e", "budget memory \"1e\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("1e1.5", "budget memory \"1e1.5\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    [InlineData("1\n", "budget memory \"1\\n\" not valid: not a quantity such as 8Gi, 2500m or 4")]
    public void A_bad_quantity_is_refused_in_the_users_spelling(string text, string message)
    {
        var error = Assert.Throws<JujuValidationException>(() => Quantity.Parse(text, "budget memory"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_long_text_is_refused_and_quoted_only_in_part()
    {
        var text = new string('9', 100_000) + "Ei";

        var error = Assert.Throws<JujuValidationException>(() => Quantity.Parse(text, "budget memory"));

        Assert.Equal($"budget memory \"{new string('9', Quantity.MaxLength)}...\" not valid: too long (at most 32 characters)", error.Message);
    }

    [Fact]
    public void Quantities_are_equal_by_spelling_and_value()
    {
        Assert.Equal(Quantity.Parse("8Gi", "a"), Quantity.Parse("8Gi", "b"));
        Assert.NotEqual(Quantity.Parse("8Gi", "a"), Quantity.Parse("8192Mi", "a"));
        Assert.Equal("8Gi", Quantity.Parse("8Gi", "a").ToString());
    }

    private static readonly Gen<string> QuantityLike = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["0123456789.+-eEnumkMGTPKi"], 0, 40],
        Gen.Select(Gen.String[Gen.Char["0123456789"], 1, 30], Gen.OneOf(Gen.Const(""), Gen.Const("."), Gen.String[Gen.Char["0123456789"], 1, 12].Select(f => "." + f)),
            Gen.OneOf(Gen.Const(""), Gen.Const("Ki"), Gen.Const("Ei"), Gen.Const("E"), Gen.Const("n"), Gen.Const("m"), Gen.Int[-200_000, 200_000].Select(e => "e" + e)),
            (whole, fraction, suffix) => whole + fraction + suffix));

    [Fact]
    public void Any_text_parses_or_is_a_validation_error_quickly() =>
        QuantityLike.Sample(text =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var quantity = Quantity.Parse(text, "budget memory");
                Assert.InRange(quantity.Value, 0m, Quantity.MaxValue);
                Assert.Equal(quantity.Value, Quantity.Parse(quantity.Canonical, "budget memory").Value);
            }
            catch (JujuValidationException e)
            {
                Assert.StartsWith("budget memory \"", e.Message, StringComparison.Ordinal);
                Assert.True(e.Message.Length < 200, e.Message);
            }

            // A guard against inputs whose cost explodes (an exponent of 200,000 worked out digit by digit takes
            // minutes), not a speed check: one parse is microseconds, and 2 s holds on a loaded 2-core CI machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{text}: {clock.Elapsed}");
        }, iter: 20_000);
}
