using CsCheck;
using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Tests.Configuration;

public class ConfigPropertyTests
{
    private static readonly ModelConfigCatalog Catalog = ModelConfigCatalog.ForProvider("kubernetes");

    private static readonly Gen<string> Duration =
        Gen.Select(Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000], nanos => FormatGoDuration(nanos));

    [Fact]
    public void Durations_round_trip_through_parse_and_format() =>
        Gen.Long.Sample(nanos =>
        {
            var text = Catalog.Canonicalize("max-status-history-age", NanosecondsAsText(nanos));
            Assert.Equal(text, Catalog.Canonicalize("max-status-history-age", text));
        });

    [Fact]
    public void Sizes_round_trip_through_parse_and_format() =>
        Gen.ULong[0, ulong.MaxValue / 2048].Sample(mebiBytes =>
        {
            var text = Catalog.Canonicalize("max-action-results-size", mebiBytes + "M");
            Assert.Equal(text, Catalog.Canonicalize("max-action-results-size", text));
            Assert.Equal(mebiBytes == 0 ? "0" : text, Catalog.Canonicalize("max-action-results-size", text));
        });

    [Fact]
    public void Ints_and_bools_round_trip() =>
        Gen.Select(Gen.Long[-1_000_000, 100], Gen.Bool).Sample((number, flag) =>
        {
            Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), Catalog.Coerce("num-provision-workers", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var text = flag ? "true" : "false";
            Assert.Equal(text, Catalog.Coerce("development", Catalog.Coerce("development", flag ? "T" : "0")));
        });

    [Fact]
    public void Logging_config_and_resource_tags_round_trip() =>
        Gen.Select(Gen.String[Gen.Char["abcd.#<>"], 1, 6].Array[0, 4], Gen.OneOf("TRACE", "debug", "Info", "WARN", "error", "CRITICAL").Array[4]).Sample((modules, levels) =>
        {
            var spec = string.Join(';', modules.Select((module, i) => $"{module}={levels[i]}"));
            var canonical = Catalog.Canonicalize("logging-config", spec);
            Assert.Equal(canonical, Catalog.Canonicalize("logging-config", canonical));
            var tags = string.Join(' ', modules.Select((module, i) => $"{module}={levels[i]}"));
            var canonicalTags = Catalog.Coerce("resource-tags", tags);
            Assert.Equal(canonicalTags, Catalog.Coerce("resource-tags", canonicalTags));
        });

    [Fact]
    public void No_string_makes_any_value_rule_throw_anything_but_a_validation_error() =>
        Gen.Select(Gen.OneOf([.. Catalog.Keys.Select(key => key.Name)]), Gen.OneOf(Gen.String, Gen.String[Gen.Char["0123456789.-+_xobhmsuµ:;=,/@ <>#TRUEfalse\n\t[]{}"], 0, 24]))
            .Sample((key, value) =>
            {
                try
                {
                    var canonical = Catalog.Canonicalize(key, value);
                    Assert.Equal(canonical, Catalog.Canonicalize(key, canonical));
                    Catalog.ValidateWhole(new Dictionary<string, string> { [key] = value });
                }
                catch (JujuValidationException)
                {
                }
            }, iter: 20_000);

    [Fact]
    public void Durations_in_Go_form_are_read_back_exactly() =>
        Duration.Sample(text => Assert.Equal(text, Catalog.Canonicalize("max-status-history-age", text)));

    private static string NanosecondsAsText(long nanos) => nanos == long.MinValue ? "-9223372036854775808ns" : nanos + "ns";

    // An independent rendering of Go's Duration.String for the generator: hours, minutes, seconds with a fraction.
    private static string FormatGoDuration(long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }

        var sign = nanos < 0 ? "-" : "";
        var magnitude = (ulong)Math.Abs(nanos);
        if (magnitude < 1_000_000_000)
        {
            return sign + Catalog.Canonicalize("max-status-history-age", magnitude + "ns");
        }

        var seconds = magnitude / 1_000_000_000;
        var fraction = (magnitude % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
        var secondsText = (seconds % 60) + (fraction.Length > 0 ? "." + fraction : "") + "s";
        var (hours, minutes) = (seconds / 3600, seconds / 60 % 60);
        return sign + (hours > 0 ? $"{hours}h{minutes}m" : minutes > 0 ? $"{minutes}m" : "") + secondsText;
    }
}
