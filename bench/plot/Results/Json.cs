using System.Text.Json;

namespace Shipshape.Bench.Plot.Results;

/// <summary>Reads a results file strictly: a field the records name must be there, with a value.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty results file");
}
