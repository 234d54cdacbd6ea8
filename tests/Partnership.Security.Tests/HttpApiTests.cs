using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Partnership.CrimeMeasures;
using Partnership.ServiceDefaults;
using Partnership.Testing;

namespace Partnership.Security.Tests;

/// <summary>
/// The API for clients other than the CLI (docs/api.md): gRPC reflection, the JSON routes the protos
/// declare, and their OpenAPI document, under the same tokens and policies as gRPC.
/// </summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private const string Submit = "/v1/crime-measures/returns";

    private const string ReturnJson = """
        {
          "areaCode": "E08000032",
          "period": { "label": "FY2025/26-Q1" },
          "observations": [
            { "measureId": "crime.total_recorded", "value": { "units": 4321 } },
            { "measureId": "crime.violence_with_injury_solved", "fraction": { "numerator": { "units": 130 }, "denominator": { "units": 1210 } } }
          ]
        }
        """;

    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact]
    public async Task Reflection_WithToken_ListsEveryServiceTheHostRuns()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_exchange.Channel);
        using var call = reflection.ServerReflectionInfo(SecureExchange.As(TestTokens.Trusted()));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
                "partnership.audit.v1.AuditTrail",
                "partnership.crime.v1.CrimeMeasures",
                "partnership.justice.v1.JusticeBoard",
                "partnership.reporting.v1.DeliveryReports", "partnership.reporting.v1.Editions",
                "partnership.reporting.v1.Reporting",
                "partnership.reporting.v1.ReportingOperations",
                "partnership.safeguarding.v1.Safeguarding",
                "partnership.status.v1.ReturnStatus",
                "partnership.victims.v1.VictimServices",
            ],
            services);
    }

    [Fact]
    public async Task Reflection_WithoutToken_Unauthenticated()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_exchange.Channel);
        using var call = reflection.ServerReflectionInfo(SecureExchange.As(null));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.ResponseStream.MoveNext();
        });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Json_SubmitReturnThenGetIt_ReadsBackTheFigures()
    {
        using var client = Client(Returns.BradfordCsp());

        using var submitted = await client.PostAsync(new Uri(Submit, UriKind.Relative), Json(ReturnJson));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, receipt.GetProperty("revision").GetInt32());
        Assert.Equal(2, receipt.GetProperty("observationsAccepted").GetInt32());

        var stored = await client.GetFromJsonAsync<JsonElement>(new Uri($"{Submit}/E08000032?period.label=FY2025%2F26-Q1", UriKind.Relative));

        Assert.Equal(receipt.GetProperty("returnId").GetString(), stored.GetProperty("returnId").GetString());
        Assert.Equal("Bradford CSP", stored.GetProperty("submittedBy").GetString());
        Assert.Equal("2025-04-01", stored.GetProperty("period").GetProperty("startDate").GetString());
        var figures = stored.GetProperty("observations").EnumerateArray()
            .Select(o => $"{o.GetProperty("measureId").GetString()}={Figure(o)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["crime.total_recorded=4321", "crime.violence_with_injury_solved=130/1210"], figures);
    }

    [Fact]
    public async Task Json_InvalidReturn_BadRequestNamingTheFieldNothingStored()
    {
        var before = await _exchange.StoredStateAsync<CrimeMeasuresDbContext>();
        using var client = Client(Returns.BradfordCsp());

        using var response = await client.PostAsync(new Uri(Submit, UriKind.Relative), Json(ReturnJson.Replace("crime.total_recorded", "crime.no_such_measure", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, status.GetProperty("code").GetInt32());
        var detail = Assert.Single(status.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        var violation = Assert.Single(detail.GetProperty("fieldViolations").EnumerateArray());
        Assert.Equal("observations[0].measure_id", violation.GetProperty("field").GetString());
        Assert.Equal("crime.no_such_measure: unknown measure 'crime.no_such_measure'", violation.GetProperty("description").GetString());
        Assert.Equal(before, await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.Forbidden)]
    public async Task Json_SubmitWithoutTheSubmitterRole_RefusedNothingStored(bool withToken, HttpStatusCode expected)
    {
        var before = await _exchange.StoredStateAsync<CrimeMeasuresDbContext>();
        using var client = Client(withToken ? TestTokens.For("Bradford Council", [Returns.Bradford], [Roles.PartnerReader]) : null);

        using var response = await client.PostAsync(new Uri(Submit, UriKind.Relative), Json(ReturnJson));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(before, await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
    }

    [Fact]
    public async Task OpenApi_WithoutToken_DescribesTheSubmitRoute()
    {
        using var client = Client(null);

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri(HttpApi.DocumentPath, UriKind.Relative));

        var submit = document.GetProperty("paths").GetProperty(Submit).GetProperty("post");
        Assert.Equal("CrimeMeasures", Assert.Single(submit.GetProperty("tags").EnumerateArray()).GetString());
        Assert.Equal(
            "#/components/schemas/Crime.V1.SubmitReturnRequest",
            submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string Figure(JsonElement observation) =>
        observation.TryGetProperty("fraction", out var fraction)
            ? $"{fraction.GetProperty("numerator").GetProperty("units").GetRawText()}/{fraction.GetProperty("denominator").GetProperty("units").GetRawText()}"
            : observation.GetProperty("value").GetProperty("units").GetRawText();

    private HttpClient Client(string? token)
    {
        var client = _exchange.CreateHttpClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
