using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

/// <summary>
/// What lets clients other than the CLI find and call the services (docs/api.md): gRPC server
/// reflection, and the OpenAPI document of the JSON routes that the protos' <c>google.api.http</c>
/// annotations declare.
/// </summary>
public static class HttpApi
{
    public const string DocumentName = "v1";

    /// <summary>Where the OpenAPI document is served: <c>/openapi/v1.json</c>.</summary>
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    private const string BearerScheme = "Bearer";

    /// <summary>
    /// A rejection's details (<see cref="RpcErrors"/>) are packed as <c>Any</c>; JSON can only name the
    /// types it is told of, and an unknown one would turn a 400 into a 500.
    /// </summary>
    public static void ConfigureJson(GrpcJsonTranscodingOptions options) =>
        options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor, ErrorInfo.Descriptor);

    public static TBuilder AddHttpApi<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo { Title = "Partnership Data Exchange", Version = DocumentName });
            // Each service's package has its own ListMeasuresResponse, GetReturnRequest ...: name schemas by namespace.
            options.CustomSchemaIds(type => type.FullName!.Replace("Partnership.Contracts.", "", StringComparison.Ordinal).Replace('+', '.'));
            // Every route takes the same bearer token as gRPC; saying so lets Postman and Swagger UI send it.
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            });
            options.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = BearerScheme } }] = [],
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapHttpApi(this IEndpointRouteBuilder app)
    {
        // Reflection lists the services and their messages, nothing a partner submitted; it still asks
        // for a verified token, like every gRPC call but the health probe, so the gRPC port answers
        // nothing to an anonymous caller. grpcurl and Postman send the token as a header.
        app.MapGrpcReflectionService().RequireAuthorization(Policies.AuthenticatedCaller);
        // The document describes the protos, which are public; tools that import it (code generators,
        // Swagger UI) fetch it before they have a token, so it is served without one.
        app.MapSwagger("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
