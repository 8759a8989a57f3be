using System.Text.Json.Serialization;

namespace FactorizationService;

/// <summary><c>{"n":360,"factors":[{"prime":2,"exponent":3},…]}</c></summary>
public sealed record FactorResponse(ulong N, PrimePowerResponse[] Factors);

public sealed record PrimePowerResponse(ulong Prime, uint Exponent);

/// <summary>A WIT <c>factor-error</c>: <c>{"n":0,"error":"no-factorization"}</c>, or with the budget's partial result.</summary>
public sealed record FactorErrorResponse(
    ulong N,
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrimePowerResponse[]? Found,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? RemainingCofactor);

/// <summary>A request the service cannot answer: <c>{"error":"invalid-number","message":"…"}</c>.</summary>
public sealed record ErrorResponse(string Error, string Message);

/// <summary>The JSON the service writes (source-generated, camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FactorResponse))]
[JsonSerializable(typeof(FactorErrorResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ServiceJson : JsonSerializerContext;
