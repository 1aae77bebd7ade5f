using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>
/// An int-or-string field held as text: a JSON string as it is, a JSON number as the digits the server sent. Reading a
/// number never converts it, so no value can fail to decode (and stop an informer); checking it is the domain's job.
/// Writes whole numbers the way YAML users write them (<c>cpu: 4</c>), anything else as a string.
/// </summary>
public sealed class NumberOrStringConverter : JsonConverter<string>
{
    // Up to 15 digits: a JSON number any reader holds exactly (below 2^53).
    private const int MaxNumberDigits = 15;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"expected a number or a string, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlainWholeNumber(value))
            writer.WriteRawValue(value, skipInputValidation: true);
        else
            writer.WriteStringValue(value);
    }

    private static bool IsPlainWholeNumber(string value) =>
        value.Length is > 0 and <= MaxNumberDigits
        && (value == "0" || value[0] != '0')
        && value.All(char.IsAsciiDigit);
}
