using System.Net.Http.Headers;

namespace Partnership.Testing;

/// <summary>Sends a bearer token with every request that does not carry its own authorization.</summary>
public sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
