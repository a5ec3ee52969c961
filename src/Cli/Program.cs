using System.CommandLine;
using Shipshape.Cli.Audit;
using Shipshape.Cli.CommandLine;

var root = new RootCommand("Shipshape: judges Kubernetes manifests by the policies the admission webhook enforces.")
{
    AuditCommand.Create(),
};
root.AddExitCodesToHelp();

return await root.Parse(args).InvokeWithExitCodesAsync();
