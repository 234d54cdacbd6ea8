namespace Partnership.Testing;

/// <summary>An app's gRPC and HTTP ports and its sidecar's.</summary>
public sealed record Ports(int AppGrpc, int AppHttp, int SidecarGrpc, int SidecarHttp)
{
    public static Ports Allocate() => new(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
}
