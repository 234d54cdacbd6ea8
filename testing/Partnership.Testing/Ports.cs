namespace Partnership.Testing;

/// <summary>An app's gRPC and HTTP ports and its sidecar's, as each bound them; 0 until then.</summary>
public sealed record Ports(int AppGrpc, int AppHttp, int SidecarGrpc, int SidecarHttp)
{
    public static readonly Ports Unbound = new(0, 0, 0, 0);
}
