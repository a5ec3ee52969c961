using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Resources;

public static class S3ServerResources
{
    /// <summary>The S3-compatible server (s3rver from npm) that stands in for AWS S3; its bucket exists from the start.</summary>
    public static IResourceBuilder<ExecutableResource> AddS3Server(this IDistributedApplicationBuilder builder, string name, LocalSystem system) =>
        builder.AddExecutable(name, system.Tools.Node!, system.Layout.Repository,
                // s3rver's listing tokens use DES, which OpenSSL 3 keeps in its legacy provider (scripts/s3/s3-server.mjs).
                "--openssl-legacy-provider", system.Layout.S3ServerScript,
                "--directory", system.Layout.Directory("s3"),
                "--port", $"{system.Ports.S3}",
                "--bucket", LocalSystem.Bucket)
            .WithHttpEndpoint(port: system.Ports.S3, name: "http", isProxied: false)
            .WithHttpHealthCheck($"/{LocalSystem.Bucket}");
}
